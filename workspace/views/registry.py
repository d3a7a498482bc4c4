"""Organisations, network memberships and partnerships in the workspace: lists, pages
that show every activity, membership, partnership and contact a record appears in,
create, edit and remove pages, and an organisation's contacts (thin: ``registry.actions``
saves and removes)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import EDITOR, VIEWER, staff_view
from audit import personal
from portfolio.models import Activity
from registry import actions
from registry.models import Contact, NetworkMembership, Organisation, Partnership
from workspace.forms_portfolio import (
    ContactForm,
    MembershipForm,
    OrganisationForm,
    PartnershipForm,
)
from workspace.portfolio import MembershipFilter, OrganisationFilter, PartnershipFilter, links_of
from workspace.views.common import is_filtered, page, paged
from workspace.views.editing import delete_page, edit_page, posted


def _list(
    request: HttpRequest, template: str, title: str, filters: Any, section: str
) -> HttpResponse:
    context = {
        "section": section,
        "filters": filters.form,
        **paged(request, filters.results()),
        "filtered": is_filtered(request),
    }
    return page(request, template, title, context)


def _activities_of(organisation_ids: list[int]) -> Any:
    return (
        Activity.objects.filter(participants__organisation__in=organisation_ids)
        .distinct()
        .order_by("-start_date", "slug")
    )


def _url(name: str) -> Any:
    return lambda item: reverse(f"workspace:{name}_detail", args=[item.pk])


def _edit(
    request: HttpRequest,
    form: Any,
    title: str,
    back: str,
    name: str,
    saved: str,
) -> HttpResponse:
    return edit_page(
        request,
        form,
        title=title,
        back=back,
        save=actions.save_form,
        done=_url(name),
        saved_message=saved,
        context={"section": f"{name}s"},
    )


def _remove(request: HttpRequest, item: Model, title: str, back: str, name: str) -> HttpResponse:
    """The confirmation page of a whole record; afterwards, back to its list."""
    return delete_page(
        request,
        item,
        title=title,
        back=back,
        done=reverse(f"workspace:{name}_list"),
        context={"section": f"{name}s"},
    )


# Organisations


@staff_view(VIEWER)
def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilter(request.GET)
    return _list(request, "organisation_list", _("Organisations"), filters, "organisations")


@staff_view(VIEWER)
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    contacts = personal.read_each(organisation.contacts.all())  # the page shows their data
    participations = organisation.participations.select_related("activity").order_by(
        "-activity__start_date", "activity__slug"
    )
    context = {
        "section": "organisations",
        "organisation": organisation,
        "participations": participations,
        "memberships": organisation.memberships.select_related("responsible_unit"),
        "partnerships": organisation.partnerships.prefetch_related("themes"),
        "contacts": contacts,
        "today": timezone.localdate(),
    }
    return page(request, "organisation_detail", str(organisation), context)


@staff_view(EDITOR, methods=("GET", "POST"))
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        OrganisationForm(posted(request)),
        _("New organisation"),
        reverse("workspace:organisation_list"),
        "organisation",
        _("The organisation “%(record)s” was created."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return _edit(
        request,
        OrganisationForm(posted(request), instance=organisation),
        _("Edit the organisation “%(organisation)s”") % {"organisation": organisation},
        reverse("workspace:organisation_detail", args=[organisation.pk]),
        "organisation",
        _("The organisation “%(record)s” was saved."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def organisation_delete(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return _remove(
        request,
        organisation,
        _("Remove the organisation “%(organisation)s”?") % {"organisation": organisation},
        reverse("workspace:organisation_detail", args=[organisation.pk]),
        "organisation",
    )


# Contacts of an organisation (personal data: every page that shows one is audited)


def _contact_page(
    request: HttpRequest, organisation_id: int, contact_id: int | None = None
) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    contact = (
        get_object_or_404(Contact, pk=contact_id, organisation=organisation) if contact_id else None
    )
    back = reverse("workspace:organisation_detail", args=[organisation.pk]) + "#contacts"
    if contact is None:
        title = _("Add a contact to “%(organisation)s”") % {"organisation": organisation}
    else:
        title = _("Edit the contact “%(contact)s”") % {"contact": contact}
        if request.method == "GET":  # the form shows the contact's data
            contact = personal.read(contact)
    return edit_page(
        request,
        ContactForm(posted(request), instance=contact, organisation=organisation),
        title=title,
        back=back,
        save=actions.save_form,
        done=lambda _record: back,
        saved_message=_("Saved: %(record)s"),
        context={"section": "organisations"},
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def contact_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _contact_page(request, organisation_id)


@staff_view(EDITOR, methods=("GET", "POST"))
def contact_edit(request: HttpRequest, organisation_id: int, contact_id: int) -> HttpResponse:
    return _contact_page(request, organisation_id, contact_id)


@staff_view(EDITOR, methods=("GET", "POST"))
def contact_delete(request: HttpRequest, organisation_id: int, contact_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    contact = get_object_or_404(Contact, pk=contact_id, organisation=organisation)
    back = reverse("workspace:organisation_detail", args=[organisation.pk]) + "#contacts"
    if request.method == "GET":  # the question names the contact
        contact = personal.read(contact, ["name"])
    return delete_page(
        request,
        contact,
        title=_("Remove the contact “%(contact)s”?") % {"contact": contact},
        back=back,
        done=back,
        context={"section": "organisations", "organisation": organisation},
    )


# Network memberships


@staff_view(VIEWER)
def membership_list(request: HttpRequest) -> HttpResponse:
    filters = MembershipFilter(request.GET)
    return _list(request, "membership_list", _("Network memberships"), filters, "memberships")


def _detail(
    request: HttpRequest, item: Model, template: str, organisation: Organisation, section: str
) -> HttpResponse:
    context = {
        "section": section,
        "item": item,
        "organisation": organisation,
        "activities": _activities_of([organisation.pk]),
        "links": [(link, None, None) for link in links_of(item)],
    }
    return page(request, template, str(item), context)


@staff_view(VIEWER)
def membership_detail(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership: NetworkMembership = get_object_or_404(
        NetworkMembership.objects.select_related("network", "responsible_unit"), pk=membership_id
    )
    return _detail(request, membership, "membership_detail", membership.network, "memberships")


@staff_view(EDITOR, methods=("GET", "POST"))
def membership_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        MembershipForm(posted(request)),
        _("New network membership"),
        reverse("workspace:membership_list"),
        "membership",
        _("The membership in “%(record)s” was created."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def membership_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=membership_id)
    return _edit(
        request,
        MembershipForm(posted(request), instance=membership),
        _("Edit the membership in “%(network)s”") % {"network": membership},
        reverse("workspace:membership_detail", args=[membership.pk]),
        "membership",
        _("The membership in “%(record)s” was saved."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def membership_delete(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=membership_id)
    return _remove(
        request,
        membership,
        _("Remove the membership in “%(network)s”?") % {"network": membership},
        reverse("workspace:membership_detail", args=[membership.pk]),
        "membership",
    )


# Partnerships


@staff_view(VIEWER)
def partnership_list(request: HttpRequest) -> HttpResponse:
    filters = PartnershipFilter(request.GET)
    return _list(request, "partnership_list", _("City partnerships"), filters, "partnerships")


@staff_view(VIEWER)
def partnership_detail(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership: Partnership = get_object_or_404(
        Partnership.objects.select_related("partner").prefetch_related("themes"),
        pk=partnership_id,
    )
    return _detail(request, partnership, "partnership_detail", partnership.partner, "partnerships")


@staff_view(EDITOR, methods=("GET", "POST"))
def partnership_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        PartnershipForm(posted(request)),
        _("New city partnership"),
        reverse("workspace:partnership_list"),
        "partnership",
        _("The partnership “%(record)s” was created."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def partnership_edit(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=partnership_id)
    return _edit(
        request,
        PartnershipForm(posted(request), instance=partnership),
        _("Edit the partnership “%(partnership)s”") % {"partnership": partnership},
        reverse("workspace:partnership_detail", args=[partnership.pk]),
        "partnership",
        _("The partnership “%(record)s” was saved."),
    )


@staff_view(EDITOR, methods=("GET", "POST"))
def partnership_delete(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=partnership_id)
    return _remove(
        request,
        partnership,
        _("Remove the partnership “%(partnership)s”?") % {"partnership": partnership},
        reverse("workspace:partnership_detail", args=[partnership.pk]),
        "partnership",
    )
