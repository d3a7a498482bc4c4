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
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.template import Context, Node, NodeList
from django.template.base import FilterExpression
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# View names × languages stay in the hundreds; the limit only guards against a mistake.
MAX_ENTRIES = 2000

_store: dict[tuple[Any, ...], SafeString] = {}
_lock = threading.Lock()


def forget(**kwargs: Any) -> None:
    with _lock:
        _store.clear()


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
