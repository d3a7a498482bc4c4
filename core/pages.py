"""One way to render a page: its title, the "Error:" prefix and status 400 for a failed form.

Apps wrap ``render_page`` thinly when their pages share context (the staff pages add the
reader's roles, see ``workspace.views.common.staff_page``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def has_errors(forms: Iterable[BaseForm | None]) -> bool:
    """Whether any of the forms was sent and refused (unbound forms never count)."""
    return any(form is not None and form.is_bound and bool(form.errors) for form in forms)


def page_title(title: str, failed: bool) -> str:
    """The title, prefixed with a translated "Error:" when the page reports a failure."""
    return _("Error: %(title)s") % {"title": title} if failed else title


def render_page(
    request: HttpRequest,
    template: str,
    title: str,
    context: dict[str, Any] | None = None,
    *,
    forms: Iterable[BaseForm | None] = (),
    failed: bool | None = None,
    status: int | None = None,
) -> HttpResponse:
    """Render ``template`` with ``title`` (prefixed "Error:" when the page failed).

    The page failed when ``failed`` says so or, left out, when any of ``forms`` was sent
    and refused. ``status`` defaults to 400 for a failed page and 200 otherwise. The
    context's own keys win over ``title``.
    """
    if failed is None:
        failed = has_errors(forms)
    if status is None:
        status = 400 if failed else 200
    context = {"title": page_title(title, failed), **(context or {})}
    return render(request, template, context, status=status)


class PageFunction(Protocol):
    """``page(request, "name", title, context, status=…, **options)``: one app's pages."""

    def __call__(
        self,
        request: HttpRequest,
        template: str,
        title: str,
        context: dict[str, Any] | None = None,
        status: int | None = None,
        **options: Any,
    ) -> HttpResponse: ...


def pages_in(folder: str, render_with: Callable[..., HttpResponse] = render_page) -> PageFunction:
    """The page function of one app: ``page(request, "name", …)`` renders
    ``<folder>/name.html`` through ``render_with`` (``render_page`` or a wrapper of it, such
    as the staff pages' ``workspace.views.common.staff_page``)."""

    def page(
        request: HttpRequest,
        template: str,
        title: str,
        context: dict[str, Any] | None = None,
        status: int | None = None,
        **options: Any,
    ) -> HttpResponse:
        path = f"{folder}/{template}.html"
        return render_with(request, path, title, context, status=status, **options)

    page.__doc__ = f"A page rendered from the templates under {folder}/."
    return page
