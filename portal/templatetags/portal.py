from __future__ import annotations

import datetime
import functools
import re
from html import escape as html_escape
from html import unescape
from typing import Any, cast

from django import template
from django.conf import settings
from django.http import QueryDict
from django.template.base import Parser, Token
from django.urls import NoReverseMatch, translate_url
from django.utils import formats
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from core.templatetags.choices import choice_label
from portal.catalogue import ActivityRow
from portal.fragments import MemoNode, reverse_in
from portal.links import optional_url as _optional_url
from portfolio.models import Activity

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """``{% optional_url "ideas:submit" as url %}{% if url %}…{% endif %}``"""
    return _optional_url(name, *args)


@register.simple_tag
def page_query(query: QueryDict, page: int) -> str:
    """The current query string with another page number, for pagination links."""
    params = query.copy()
    params["page"] = str(page)
    return params.urlencode()


@register.simple_tag
def page_links(page: Any, numbers: Any, query: QueryDict | None) -> dict[str, Any]:
    """The pagination's links, the query string encoded once (not once per link)."""
    params = query.copy() if query is not None else QueryDict(mutable=True)
    params.pop("page", None)
    prefix = params.urlencode()
    base = f"?{prefix}&page=" if prefix else "?page="
    ellipsis = page.paginator.ELLIPSIS
    return {
        "previous": f"{base}{page.previous_page_number()}" if page.has_previous() else "",
        "next": f"{base}{page.next_page_number()}" if page.has_next() else "",
        "numbers": [
            {"gap": True}
            if number == ellipsis
            else {"number": number, "url": f"{base}{number}", "current": number == page.number}
            for number in numbers
        ],
    }


def _e(value: Any) -> str:
    """``escape`` without Django's lazy-text check: the same text, a third of the cost."""
    return html_escape(str(value))


@register.simple_tag
def pagination(page: Any, numbers: Any, query: Any) -> str:
    """portal/_pagination.html: the pager of a list, written in Python (as template nodes,
    its links cost about a fifth of an uncached catalogue page). The markup, spaces and
    line breaks included, is what the template wrote before."""
    if not page or not page.has_other_pages():
        return ""
    links = page_links(page, numbers or (), query if isinstance(query, QueryDict) else None)
    word = _e(_("Page"))
    parts = [f'\n<nav class="pagination" aria-label="{_e(_("Pages of results"))}">\n  <ul>\n    ']
    if links["previous"]:
        parts.append(
            f'<li><a href="{_e(links["previous"])}" rel="prev">{_e(_("Previous page"))}</a></li>'
        )
    parts.append("\n    ")
    for link in links["numbers"]:
        if link.get("gap"):
            parts.append('\n    <li aria-hidden="true">…</li>\n    \n    ')
            continue
        current = ' aria-current="page"' if link["current"] else ""
        parts.append(
            f'\n    <li><a href="{_e(link["url"])}"{current}><span class="visually-hidden">'
            f"{word} </span>{_e(link['number'])}</a></li>\n    "
        )
    parts.append("\n    ")
    if links["next"]:
        parts.append(f'<li><a href="{_e(links["next"])}" rel="next">{_e(_("Next page"))}</a></li>')
    parts.append("\n  </ul>\n</nav>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def filter_fields(form: Any, *skipped: str) -> str:
    """The catalogue's filter fields (label and control in a ``div.field``) but ``skipped``,
    in one Python loop instead of a dozen template nodes per field; the same markup."""
    parts = []
    for field in form:
        if field.name in skipped:
            continue
        parts.append(
            f'\n  <div class="field">\n    <label for="{_e(field.id_for_label)}">'
            f"{_e(field.label)}</label>\n    {conditional_escape(field)}\n  </div>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - escaped above; fields render escaped


_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


class ScrollableNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        html = self.nodelist.render(context)
        caption = _CAPTION.search(html)
        label = " ".join(strip_tags(caption[1]).split()) if caption else ""
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
            unescape(label) or _("Table"),
            mark_safe(html),  # noqa: S308 - rendered (and escaped) by the template engine
        )


@register.tag
def scrollable(parser: Parser, token: Token) -> ScrollableNode:
    """``{% scrollable %}<table>…</table>{% endscrollable %}``: the shared table frame.

    A wide table scrolls sideways inside its own frame instead of widening the page or
    breaking words; the frame can be focused (keyboard scrolling) and is named by the
    table's caption (docs/design.md, "Tables")."""
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(nodelist)


@register.tag
def memo(parser: Parser, token: Token) -> MemoNode:
    """``{% memo "name" value … %}…{% endmemo %}``: the block rendered once per process for
    each language and values given (portal/fragments.py says what may go inside)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"":
        raise template.TemplateSyntaxError('memo needs a quoted name: {% memo "name" … %}')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


def page_in_languages(request: Any) -> dict[str, str]:
    """This page's address (path and query) in each language, worked out once per request.

    The page's own URL match is reversed in each language (the header's language switch
    and the head's hreflang links both need it); a page without one (a 404) keeps its path.
    Never a scheme or host: a path like ``//evil.example/`` stays on this site.
    """
    found: dict[str, str] | None = getattr(request, "_page_in_languages", None)
    if found is not None:
        return found
    path = request.get_full_path()
    match = request.resolver_match
    found = {}
    for code, _name in settings.LANGUAGES:
        if match is None or match.url_name is None:
            found[code] = translate_url(path, code)
        else:
            found[code] = _reverse_in(match, code, request)
    request._page_in_languages = found
    return found


def _reverse_in(match: Any, code: str, request: Any) -> str:
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        url = reverse_in(name, match.args, match.kwargs, code)
    except NoReverseMatch:
        return str(request.get_full_path())
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{url}?{query}" if query else url


@register.simple_tag(takes_context=True)
def hreflang_links(context: Any) -> list[dict[str, str]]:
    """This page's address in each language (absolute) and x-default (the default language)."""
    request = context.get("request")
    if request is None:
        return []
    origin = request.build_absolute_uri("/").rstrip("/")  # the host checked once, not per link
    links = [
        {
            "code": code,
            "url": origin + url if url.startswith("/") else request.build_absolute_uri(url),
        }
        for code, url in page_in_languages(request).items()
    ]
    default = next((link for link in links if link["code"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"code": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def hreflang_html(context: Any) -> str:
    """portal/_hreflang.html's ``<link rel="alternate">`` lines, written in Python."""
    return mark_safe(  # noqa: S308 - code and address escaped
        "".join(
            f'\n  <link rel="alternate" hreflang="{_e(link["code"])}" href="{_e(link["url"])}">'
            for link in hreflang_links(context)
        )
    )


@register.simple_tag(takes_context=True)
def language_links(context: Any) -> list[dict[str, Any]]:
    """This page in each language: plain links, so public pages carry no per-visitor token."""
    request = context.get("request")
    current = get_language()
    urls = page_in_languages(request) if request is not None else {}
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": urls.get(code) or translate_url("/", code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@functools.lru_cache(maxsize=8192)
def _date(day: datetime.date, language: str) -> str:
    """A date in the language's DATE_FORMAT (Django's formatter parses the format each time)."""
    return formats.date_format(day)


@functools.lru_cache(maxsize=8192)
def _time_element(day: datetime.date, language: str) -> str:
    """``<time datetime="2024-01-05">5.1.2024</time>`` in the language's short format."""
    shown = formats.date_format(day, "SHORT_DATE_FORMAT")
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), shown)


@register.simple_tag
def time_span(start: datetime.date | None, end: datetime.date | None) -> str:
    """``<time>start</time>–<time>end</time>`` in the short date format, or "no dates"
    (workspace/_period.html: a tag, not a dozen template nodes, on every list row)."""
    if not start and not end:
        return format_html('<span class="muted">{}</span>', _("no dates"))
    language = get_language() or settings.LANGUAGE_CODE
    first = _time_element(start, language) if start else ""
    if start and start == end:  # a one-day event: its day once
        return mark_safe(first)  # noqa: S308 - from format_html
    last = _time_element(end, language) if end else ""
    return mark_safe(f"{first}–{last}")  # noqa: S308 - both parts from format_html


@register.simple_tag
def activity_dates(activity: Activity | ActivityRow) -> str:
    """E.g. "1.1.2024–30.6.2025", "from …", "until …" or nothing (as in the page language)."""
    start, end = activity.start_date, activity.end_date
    language = get_language() or settings.LANGUAGE_CODE
    if start and start == end:  # a one-day event: its day once
        return _date(start, language)
    if start and end:
        return _("%(start)s–%(end)s") % {
            "start": _date(start, language),
            "end": _date(end, language),
        }
    if start:
        return _("from %(start)s") % {"start": _date(start, language)}
    if end:
        return _("until %(end)s") % {"end": _date(end, language)}
    return ""


@register.simple_tag
def activity_rows(rows: list[ActivityRow], activities_url: str) -> str:
    """The catalogue's result items (title link, meta line, summary), written in Python:
    as template nodes, twenty rows cost more than the rest of the page's markup."""
    items = []
    base = html_escape(activities_url)
    for row in rows:
        summary = f"<p>{html_escape(row['summary'])}</p>" if row["summary"] else ""
        items.append(
            f'\n    <li>\n      <h3><a href="{base}{html_escape(row["slug"])}/">'
            f"{html_escape(row['title'])}</a></h3>\n"
            f'      <p class="meta">{html_escape(row["meta"])}</p>\n'
            f"      {summary}\n    </li>\n    "
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


@register.simple_tag
def activity_meta(activity: Activity | ActivityRow) -> str:
    """The catalogue's line under a title: kind · status · dates."""
    language = get_language() or settings.LANGUAGE_CODE
    return _meta_line(
        language, activity.kind, activity.status, activity.start_date, activity.end_date
    )


@functools.lru_cache(maxsize=8192)
def _meta_line(
    language: str,
    kind: str,
    status: str,
    start: datetime.date | None,
    end: datetime.date | None,
) -> str:
    """activity_meta's line, worked out once per language and values (a page of rows
    shares a few kinds, statuses and dates)."""
    row = ActivityRow(kind=kind, status=status, start_date=start, end_date=end)
    item = cast(Activity, row)  # a row reads like one (portal/catalogue.py)
    parts = [capfirst(choice_label(item, "kind")), choice_label(item, "status")]
    if start:
        parts.append(activity_dates(row))
    return " · ".join(parts)
