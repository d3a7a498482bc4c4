"""Admin functions: the audit trail (search, CSV export) and data-subject requests."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import ADMIN, staff_view
from audit.actions import record_disclosure
from audit.models import AuditEvent, Disclosure
from core import exports
from ideas import privacy
from workspace.forms import AuditFilterForm, EraseForm, PersonForm
from workspace.views.common import page, paginate

CSV_COLUMNS = ["id", "at", "actor_label", "ip_address", "action", "model", "object_id"]


def _events(form: AuditFilterForm) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if text := data["q"].strip():
        events = events.filter(
            Q(object_repr__icontains=text) | Q(object_id=text) | Q(actor_label__icontains=text)
        )
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["model"]:
        events = events.filter(model=data["model"].strip().lower())
    if data["actor"]:
        events = events.filter(actor_label__iexact=data["actor"].strip())
    zone = timezone.get_current_timezone()
    if data["date_from"]:
        events = events.filter(at__gte=datetime.combine(data["date_from"], time.min, zone))
    if data["date_to"]:
        events = events.filter(at__lte=datetime.combine(data["date_to"], time.max, zone))
    return events


@staff_view(ADMIN)
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    current, numbers = paginate(request, _events(form))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": current, "page_numbers": numbers, "query": query}
    return page(request, "audit_list", _("Audit trail"), context)


@staff_view(ADMIN)
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail as CSV; the export itself is recorded as a disclosure."""
    form = AuditFilterForm(request.GET)
    events = list(_events(form))
    criteria = {k: v for k, v in request.GET.items() if k in form.fields and v}
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
