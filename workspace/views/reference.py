"""Themes, target markets and city units in the workspace: a list each (search, pages,
what uses each record), and create, edit and remove pages (thin: ``registry.actions``).

Editors keep themes (``accounts.roles.EDIT_MODELS``); target markets and city units are
the city's own structure, kept by admins — the roles give editors no permission on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from accounts.roles import ADMIN, EDITOR, VIEWER, has_role, staff_view
from core.filters import ListFilterSet
from registry import actions
from registry.models import CityUnit, TargetMarket, Theme
from workspace.forms_portfolio import CityUnitForm, RecordForm, TargetMarketForm, ThemeForm
from workspace.portfolio import CityUnitFilter, TargetMarketFilter, ThemeFilter
from workspace.views.common import page, paged
from workspace.views.editing import delete_page, edit_page, posted


@dataclass(frozen=True)
class Reference:
    """One kind of reference record. Titles are whole sentences (fi and sv inflect)."""

    name: str  # URL names: <name>_list, _create, _edit, _delete; section <name>s
    model: type[Model]
    form: type[RecordForm]
    filters: type[ListFilterSet]
    role: str  # the role that may create, edit and remove
    title: Any  # the list's title
    new_title: Any
    edit_title: Any  # "%(record)s"
    remove_title: Any  # "%(record)s"
    created: Any  # "%(record)s"
    saved: Any  # "%(record)s"
    found: Callable[[int], str]  # "3 themes found"
    empty: Any
    no_match: Any
    columns: tuple[Any, ...]  # headers after the name
    cells: Callable[[Any], list[Any]]  # their values


def _unit_cells(unit: CityUnit) -> list[Any]:
    return [unit.email or "–", unit.n_activities, unit.n_memberships, unit.n_markets]  # type: ignore[attr-defined]


def _market_cells(market: TargetMarket) -> list[Any]:
    return [market.responsible_unit or "–"]


REFERENCES = {
    ref.name: ref
    for ref in (
        Reference(
            "theme",
            Theme,
            ThemeForm,
            ThemeFilter,
            EDITOR,
            gettext_lazy("Themes"),
            gettext_lazy("New theme"),
            gettext_lazy("Edit the theme “%(record)s”"),
            gettext_lazy("Remove the theme “%(record)s”?"),
            gettext_lazy("The theme “%(record)s” was created."),
            gettext_lazy("The theme “%(record)s” was saved."),
            lambda n: ngettext("%(count)s theme found", "%(count)s themes found", n),
            gettext_lazy("There are no themes yet."),
            gettext_lazy("No themes match the search."),
            (gettext_lazy("Partnerships"),),
            lambda theme: [theme.n_partnerships],
        ),
        Reference(
            "market",
            TargetMarket,
            TargetMarketForm,
            TargetMarketFilter,
            ADMIN,
            gettext_lazy("Target markets"),
            gettext_lazy("New target market"),
            gettext_lazy("Edit the target market “%(record)s”"),
            gettext_lazy("Remove the target market “%(record)s”?"),
            gettext_lazy("The target market “%(record)s” was created."),
            gettext_lazy("The target market “%(record)s” was saved."),
            lambda n: ngettext(
                "%(count)s target market found", "%(count)s target markets found", n
            ),
            gettext_lazy("There are no target markets yet."),
            gettext_lazy("No target markets match the search."),
            (gettext_lazy("Responsible unit"),),
            _market_cells,
        ),
        Reference(
            "unit",
            CityUnit,
            CityUnitForm,
            CityUnitFilter,
            ADMIN,
            gettext_lazy("City units"),
            gettext_lazy("New city unit"),
            gettext_lazy("Edit the city unit “%(record)s”"),
            gettext_lazy("Remove the city unit “%(record)s”?"),
            gettext_lazy("The city unit “%(record)s” was created."),
            gettext_lazy("The city unit “%(record)s” was saved."),
            lambda n: ngettext("%(count)s city unit found", "%(count)s city units found", n),
            gettext_lazy("There are no city units yet."),
            gettext_lazy("No city units match the search."),
            (
                gettext_lazy("E-mail"),
                gettext_lazy("Activities"),
                gettext_lazy("Networks"),
                gettext_lazy("Target markets"),
            ),
            _unit_cells,
        ),
    )
}


def _list_url(ref: Reference) -> str:
    return reverse(f"workspace:{ref.name}_list")


def _list(request: HttpRequest, ref: Reference) -> HttpResponse:
    filters: Any = ref.filters(request.GET)
    listed = paged(request, filters.results())
    total = listed["total"]
    rows = [
        {
            "item": item,
            "cells": ref.cells(item),
            "edit": reverse(f"workspace:{ref.name}_edit", args=[item.pk]),
            "remove": reverse(f"workspace:{ref.name}_delete", args=[item.pk]),
        }
        for item in listed["page"].object_list
    ]
    context = {
        "section": f"{ref.name}s",
        "ref": ref,
        "filters": filters.form,
        "found": ref.found(total) % {"count": total},
        "rows": rows,
        **listed,
        "filtered": bool((request.GET.get("q") or "").strip()),
        "can_change": has_role(request.user, ref.role),
        "create_url": reverse(f"workspace:{ref.name}_create"),
    }
    return page(request, "reference_list", str(ref.title), context)


def _form(request: HttpRequest, ref: Reference, item_id: int | None = None) -> HttpResponse:
    item = get_object_or_404(ref.model, pk=item_id) if item_id else None
    if item is None:
        title, saved = str(ref.new_title), str(ref.created)
    else:
        title, saved = str(ref.edit_title) % {"record": item}, str(ref.saved)
    return edit_page(
        request,
        ref.form(posted(request), instance=item),
        title=title,
        back=_list_url(ref),
        save=actions.save_form,
        done=lambda _record: _list_url(ref),
        saved_message=saved,
        context={"section": f"{ref.name}s"},
    )


def _delete(request: HttpRequest, ref: Reference, item_id: int) -> HttpResponse:
    item = get_object_or_404(ref.model, pk=item_id)
    return delete_page(
        request,
        item,
        title=str(ref.remove_title) % {"record": item},
        back=_list_url(ref),
        done=_list_url(ref),
        context={"section": f"{ref.name}s"},
    )


def reference_views(name: str) -> dict[str, Any]:
    """The list, create, edit and remove views of one kind of reference record."""
    ref = REFERENCES[name]

    @staff_view(VIEWER)
    def listing(request: HttpRequest) -> HttpResponse:
        return _list(request, ref)

    @staff_view(ref.role, methods=("GET", "POST"))
    def create(request: HttpRequest) -> HttpResponse:
        return _form(request, ref)

    @staff_view(ref.role, methods=("GET", "POST"))
    def edit(request: HttpRequest, **ids: int) -> HttpResponse:
        return _form(request, ref, ids[f"{name}_id"])

    @staff_view(ref.role, methods=("GET", "POST"))
    def delete(request: HttpRequest, **ids: int) -> HttpResponse:
        return _delete(request, ref, ids[f"{name}_id"])

    return {"list": listing, "create": create, "edit": edit, "delete": delete}
