"""Staff pages of the EU open data: the result, the upload, the history, the city candidates."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts.roles import EDITOR, VIEWER, staff_user, staff_view
from core.pages import render_page
from eudata import queries
from eudata.actions import PERMISSION as DECIDE_PERMISSION
from eudata.actions import decide_city_candidate
from eudata.forms import UploadForm
from eudata.importer import run_import
from eudata.models import EUParticipation, ImportRun
from eudata.report import outcome_label, reason, what_label

View = Callable[..., HttpResponse]


def staff_permission(
    permission: str, role: str = VIEWER, methods: tuple[str, ...] = ("GET",)
) -> Callable[[View], View]:
    """The workspace's one staff gate (login, role, two-factor step) with ``permission``:
    the workspace roles carry the eudata permissions: a viewer reads, an editor imports
    and decides (accounts/roles.py)."""
    return staff_view(role, methods, permission=permission)


def _page(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    context.update(
        can_upload=request.user.has_perm("eudata.add_importrun"),
        can_decide=request.user.has_perm(DECIDE_PERMISSION),
    )
    return render_page(request, f"eudata/{template}.html", title, context)


@staff_permission("eudata.view_importrun")
def overview(request: HttpRequest) -> HttpResponse:
    """Espoo's EU projects, who abroad they work with most, and funding by programme and year."""
    projects = Paginator(queries.espoo_projects(), 50).get_page(request.GET.get("page"))
    return _page(
        request,
        "overview",
        _("EU projects of Espoo"),
        projects=projects,
        totals=queries.totals(),
        partners=queries.top_partners(),
        countries=queries.top_countries(),
        funding=queries.funding_by_programme_and_year(),
    )


@staff_permission("eudata.add_importrun", EDITOR, ("GET", "POST"))
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = Path(upload_file.name).name
        with tempfile.TemporaryDirectory(prefix="eudata-") as folder:
            path = Path(folder) / f"upload{Path(name).suffix.lower()}"
            with path.open("wb") as out:
                for chunk in upload_file.chunks():
                    out.write(chunk)
            run = run_import(form.cleaned_data["source"], [path], file_name=name)
        if run.status == ImportRun.Status.SUCCEEDED:
            messages.success(request, _("The file was imported."))
        else:
            messages.error(request, _("The file could not be imported; nothing was changed."))
        return redirect("eudata:run_detail", pk=run.pk)
    return _page(request, "upload", _("Import EU open data"), form=form)


@staff_permission("eudata.view_importrun")
def run_list(request: HttpRequest) -> HttpResponse:
    runs = Paginator(ImportRun.objects.select_related("user"), 50).get_page(request.GET.get("page"))
    return _page(request, "run_list", _("Import history"), runs=runs)


@staff_permission("eudata.view_importrun")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    counts = [
        (what_label(what), [(outcome_label(o), n) for o, n in sorted(outcomes.items())])
        for what, outcomes in run.counts.items()
    ]
    rejections = [
        {"file": r["file"], "line": r["line"], "reason": reason(r["code"], r["params"])}
        for r in run.rejections
    ]
    error = reason(run.error["code"], run.error.get("params", {})) if run.error else ""
    return _page(
        request,
        "run_detail",
        _("Import %(number)s") % {"number": run.pk},
        run=run,
        counts=counts,
        rejections=rejections,
        error=error,
    )


@staff_permission("eudata.view_importrun")
def candidates(request: HttpRequest) -> HttpResponse:
    waiting = EUParticipation.objects.filter(
        city_match=EUParticipation.CityMatch.CANDIDATE
    ).select_related("project")
    decided = (
        EUParticipation.objects.filter(decided_at__isnull=False)
        .select_related("project", "decided_by")
        .order_by("-decided_at")[:50]
    )
    return _page(
        request,
        "candidates",
        _("Is this the City of Espoo?"),
        waiting=waiting,
        decided=decided,
    )


@staff_permission(DECIDE_PERMISSION, EDITOR, ("POST",))
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(
        EUParticipation, pk=pk, city_match=EUParticipation.CityMatch.CANDIDATE
    )
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        messages.error(request, _("Choose whether this is the City of Espoo or not."))
        return redirect("eudata:candidates")
    decide_city_candidate(staff_user(request), participation, confirm=decision == "confirm")
    if decision == "confirm":
        text = _("%(name)s in %(project)s is now counted as the City of Espoo.")
    else:
        text = _("%(name)s in %(project)s is not the City of Espoo.")
    messages.success(request, text % {"name": participation.name, "project": participation.project})
    return redirect("eudata:candidates")
