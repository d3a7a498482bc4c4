"""Parts of every page that are the same for every visitor, rendered once per process.

The page header and footer depend only on the language, the page's view name and the URL
configuration, yet the template engine rendered them (a dozen ``{% url %}`` and
translations) on every request: about 2 ms of a 12 ms uncached catalogue page.
``{% memo "name" value … %}…{% endmemo %}`` keeps the HTML of its block per name,
language, script prefix and the values given, in the process.

What may go inside: only what those keys decide (translations, ``{% url %}`` of fixed
names, the values named in the tag). Nothing from the database, the visitor, the session
or the query string. The store is emptied when a setting changes (tests) and is not used
with DEBUG on, so template edits show at once while developing.

``reverse_in`` keeps, the same way, each page's address in each language (the language
links and the ``hreflang`` links of every page); ``forget`` empties it too.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.template import Context, Node, NodeList
from django.template.base import FilterExpression
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override

# View names × languages stay in the hundreds; the limit only guards against a mistake.
MAX_ENTRIES = 2000
# Pages' addresses in each language: one per page and language (activities included).
MAX_PATHS = 50_000

_store: dict[tuple[Any, ...], SafeString] = {}
_paths: dict[tuple[Any, ...], str] = {}
_lock = threading.Lock()


def forget(**kwargs: Any) -> None:
    with _lock:
        _store.clear()
        _paths.clear()


setting_changed.connect(forget)


class MemoNode(Node):
    def __init__(self, name: str, vary: list[FilterExpression], nodelist: NodeList) -> None:
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        if settings.DEBUG:
            return mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the engine
        key = (
            self.name,
            get_language(),
            get_script_prefix(),
            *(value.resolve(context) for value in self.vary),
        )
        html = _store.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the engine
            with _lock:
                if len(_store) >= MAX_ENTRIES:
                    _store.clear()
                _store[key] = html
        return html


def reverse_in(name: str, args: Any, kwargs: Any, language: str) -> str:
    """``reverse(name, args, kwargs)`` in ``language``, kept per process like the blocks above
    (the language links of every page reverse the page in each language). Raises
    NoReverseMatch as reverse does."""
    key = (
        name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        language,
        get_script_prefix(),
        get_urlconf(),
    )
    try:
        path, keep = _paths.get(key), True
    except TypeError:  # a value that cannot be a key: work it out each time
        path, keep = None, False
    if path is None:
        with override(language):
            path = reverse(name, args=args, kwargs=kwargs)
        if keep:
            with _lock:
                if len(_paths) >= MAX_PATHS:
                    _paths.clear()
                _paths[key] = path
    return path
