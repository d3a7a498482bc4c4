"""Admin functions: the audit trail (search, CSV export) and data-subject requests."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.roles import ADMIN, staff_view
from audit.actions import record_disclosure
from audit.filters import AuditFilter
from audit.models import AuditEvent, Disclosure
from core import exports
from ideas import privacy
from workspace.forms import EraseForm, PersonForm
from workspace.views.common import page, paged

CSV_COLUMNS = ["id", "at", "actor_label", "ip_address", "action", "model", "object_id"]


@staff_view(ADMIN)
def audit_list(request: HttpRequest) -> HttpResponse:
    search = AuditFilter(request.GET)
    context = {"form": search.form, **paged(request, search.filtered())}
    return page(request, "audit_list", _("Audit trail"), context)


@staff_view(ADMIN)
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail as CSV; the export itself is recorded as a disclosure."""
    search = AuditFilter(request.GET)
    events = list(search.filtered())
    criteria = {k: v for k, v in request.GET.items() if k in search.form.fields and v}
    record_disclosure(Disclosure.Kind.AUDIT_TRAIL, "csv", len(events), request.user, criteria)
    body = exports.to_csv([*CSV_COLUMNS, "object_repr", "changes"], map(_audit_row, events))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    return response


def _audit_row(event: AuditEvent) -> list[Any]:
    """One event as CSV cells: the time in ISO 8601, the changes as JSON."""
    row: list[Any] = [getattr(event, column) for column in CSV_COLUMNS]
    row[1] = event.at.isoformat()
    return [*row, event.object_repr, json.dumps(event.changes)]


@staff_view(ADMIN, methods=("GET", "POST"))
def person(request: HttpRequest) -> HttpResponse:
    """Find what is held about one person (POST keeps the address out of URLs and logs)."""
    form = PersonForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = privacy.look_up(form.cleaned_data["email"])
    erase = EraseForm(initial={"email": found.email}) if found else None
    context = {"form": form, "found": found, "erase": erase}
    return page(request, "person", _("Personal data of one person"), context, forms=[form])


@staff_view(ADMIN, methods=("POST",))
def person_export(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        return page(request, "person", _("Personal data of one person"), {"form": form}, 400)
    data = privacy.export_person(form.cleaned_data["email"], request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@staff_view(ADMIN, methods=("POST",))
def person_erase(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST)
    if not form.is_valid():
        found = None
        if form.cleaned_data.get("email"):
            found = privacy.look_up(form.cleaned_data["email"])
        context = {"form": PersonForm(request.POST), "found": found, "erase": form}
        title = _("Personal data of one person")
        return page(request, "person", title, context, failed=True)
    done = privacy.erase_person(form.cleaned_data["email"], request.user)
    messages.success(
        request,
        _("Erased: %(ideas)d ideas anonymised, %(contacts)d contacts and %(mails)d mails deleted.")
        % {"ideas": done.ideas, "contacts": done.contacts, "mails": done.mails},
    )
    return redirect("workspace:person")
