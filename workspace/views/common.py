"""Rendering helpers shared by the workspace's views."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.roles import is_admin, is_editor
from core.pages import pages_in, render_page

PER_PAGE = 50


def staff_page(
    request: HttpRequest,
    template: str,
    title: str,
    context: dict[str, Any] | None = None,
    **options: Any,
) -> HttpResponse:
    """A staff page from any app's template: ``core.pages.render_page`` plus the reader's roles."""
    context = {
        "can_edit": is_editor(request.user),
        "can_admin": is_admin(request.user),
        **(context or {}),
    }
    return render_page(request, template, title, context, **options)


# A workspace page (``workspace/<template>.html``); see ``core.pages.render_page``.
page = pages_in("workspace", staff_page)


def paginate(request: HttpRequest, items: Any) -> tuple[Page[Any], Any]:
    paginator = Paginator(items, PER_PAGE)
    current = paginator.get_page(request.GET.get("page"))
    numbers = paginator.get_elided_page_range(current.number, on_ends=1)
    return current, numbers


def paged(request: HttpRequest, items: Any, query: QueryDict | None = None) -> dict[str, Any]:
    """The context of one page of a list: ``page``, ``page_numbers``, ``total`` and ``query``
    (the list's query, ``request.GET`` unless given, without its page number: the pager's
    links add their own)."""
    current, numbers = paginate(request, items)
    kept = (request.GET if query is None else query).copy()
    kept.pop("page", None)
    return {
        "page": current,
        "page_numbers": numbers,
        "total": current.paginator.count,
        "query": kept,
    }


def is_filtered(request: HttpRequest) -> bool:
    """Whether the list's query narrows it (paging and sorting do not)."""
    return any(v for k, v in request.GET.items() if k not in ("page", "sort"))


def safe_back(request: HttpRequest, url: str | None, fallback: str) -> str:
    """A same-site address to return to (never an open redirect)."""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=False):
        return url
    return fallback
