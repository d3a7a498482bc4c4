"""Dashboards (staff and public), report downloads and exports (docs/insights.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import VIEWER, forbidden, is_admin, staff_view
from audit.actions import record_disclosure
from audit.models import Disclosure
from core import throttle
from core.pages import pages_in, render_page
from insights import dashboard, exports, reports
from insights.filters import FilterForm
from insights.forms import ExportForm, ReportForm
from portal.cache import cached_page
from workspace.views.common import staff_page

# A staff page (as ``workspace.views.common.page``, from this app's templates).
page = pages_in("insights", staff_page)


def _query(request: HttpRequest) -> str:
    """The filter part of the address, for links that keep the chosen filters."""
    query = request.GET.copy()
    for name in list(query):
        if name not in FilterForm.base_fields:
            query.pop(name)
    return query.urlencode()


@staff_view(VIEWER)
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    context = {
        **dashboard.build(form.filters()),
        "form": form,
        "report_form": ReportForm(),
        "export_form": ExportForm(),
        "datasets": exports.DATASETS.values(),
        "query": _query(request),
    }
    return page(request, "dashboard", _("Insights"), context, forms=[form])


@cached_page
def public_dashboard(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, public=True)
    context = {**dashboard.build(form.filters()), "form": form, "public": True}
    title = _("International work in figures")
    return render_page(request, "insights/public_dashboard.html", title, context, forms=[form])


@staff_view(VIEWER)
def report(request: HttpRequest) -> HttpResponse:
    """The annual, term or SDG report as HTML or PDF, in the language asked for."""
    form = ReportForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "action": reverse("insights:report"), "pdf_hint": True}
        return page(request, "form_error", _("Report"), context, failed=True)
    data = form.cleaned_data
    kind, year, language, fmt = data["kind"], data["year"], data["language"], data["format"]
    if fmt == "pdf":
        limit, key = throttle.report_build(), throttle.key_of("user", request.user.pk)
        if wait := throttle.wait_seconds(limit, key):  # seconds of CPU each: a fair share
            message = _(
                "You have made many report PDFs in a short time. Try again in %(minutes)s "
                "minutes, or open the report as HTML."
            ) % {"minutes": throttle.minutes(wait)}
            context = {"title": _("Too many reports"), "message": message}
            response = render(request, "429.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        throttle.hit(limit, key)
        response = HttpResponse(
            reports.render_pdf(kind, year, language), content_type="application/pdf"
        )
        name = reports.filename(kind, year, language, "pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return HttpResponse(reports.render_html(kind, year, language, inline_css=False))


@staff_view(VIEWER)
def export(request: HttpRequest) -> HttpResponse:
    """A data set as CSV or XLSX; personal data only for admins, and recorded as a disclosure."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "action": reverse("insights:export")}
        return page(request, "form_error", _("Export"), context, failed=True)
    data = form.cleaned_data
    dataset = exports.DATASETS[data["dataset"]]
    personal = bool(data["personal"]) and dataset.has_personal
    if personal and not is_admin(request.user):
        return forbidden(request)
    content, rows, content_type = exports.export(dataset.key, data["format"], personal)
    if personal:
        criteria = {"dataset": dataset.key, "personal": True}
        record_disclosure(Disclosure.Kind.DATASET, data["format"], rows, request.user, criteria)
    response = HttpResponse(content, content_type=content_type)
    suffix = "-personal" if personal else ""
    response["Content-Disposition"] = (
        f'attachment; filename="espoo-{dataset.key}{suffix}.{data["format"]}"'
    )
    return response
