"""What mail may carry: proposer text made inert, links only to the site, tokens removed.

Mail to a proposer goes to an address nobody has verified, from the city's own sender: a
link or a domain typed by the proposer would arrive as the city's words (issue #14, item 5).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import escape

# A dot between a word character and a letter (a host name: "evil.example", "www.x.fi"),
# the dots of a dotted IPv4 address, and a scheme's "://": mail programs turn these into
# links even in text/plain mail.
_HOST_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_])")
_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_SCHEME = re.compile(r":(?=//)")
_URL = re.compile(r"https?://[^\s<>\"']+")


def inert(text: str) -> str:
    """``text`` with nothing a mail program could turn into a link: "evil.example" becomes
    "evil[.]example", "https://" becomes "https[:]//"; the text stays readable."""
    text = _SCHEME.sub("[:]", text)
    text = _IPV4.sub(lambda m: m.group(0).replace(".", "[.]"), text)
    return _HOST_DOT.sub("[.]", text)


def own_links_html(text: str) -> str:
    """``text`` escaped for HTML, with only the site's own addresses (SITE_URL) as links."""
    escaped = escape(text)
    own = re.compile(re.escape(escape(settings.SITE_URL)) + r"/[^\s<>\"']*")
    return own.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)


def capability_tokens(text: str) -> set[str]:
    """The tokens of the site's capability links in ``text``: every address under SITE_URL
    whose route takes a ``token`` (an idea's status page, a staff invitation). Found by
    resolving the route, not by a pattern on the path."""
    found = set()
    languages = {code for code, _name in settings.LANGUAGES}
    for url in _URL.findall(text):
        if not url.startswith(settings.SITE_URL + "/"):
            continue
        path = url[len(settings.SITE_URL) :].split("?", 1)[0].split("#", 1)[0]
        prefix = path.split("/", 2)[1] if path.count("/") >= 2 else ""
        language = prefix if prefix in languages else settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                match = resolve(path)
        except Resolver404:
            continue
        token = match.kwargs.get("token")
        if isinstance(token, str) and token:
            found.add(token)
    return found


REMOVED = "[removed-after-delivery]"


def scrub(text: str, tokens: set[str]) -> str:
    for token in tokens:
        text = text.replace(token, REMOVED)
    return text
