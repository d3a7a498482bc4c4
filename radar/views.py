"""Staff pages of the funding radar under /<lang>/staff/radar/ (thin: radar.actions acts)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import EDITOR, VIEWER, staff_user, staff_view
from core import exports
from core.pages import pages_in
from ideas.models import Idea
from portfolio.models import Activity
from radar import actions, ical, partners, queue
from radar.fetch import latest_run
from radar.fileimport import COLUMNS, ImportFailed
from radar.filters import CallFilter
from radar.forms import LanguageForm, UploadForm, WatchRuleForm
from radar.matching import IDEA_STATES
from radar.models import (
    Call,
    CallDeadline,
    CallMatch,
    FetchRun,
    Source,
    Subscription,
    WatchRule,
)
from strategy.models import Goal
from workspace.views.common import paged, staff_page

# A queued or running fetch's page reloads itself this often; a fetch queued longer than
# WORKER_MISSING_AFTER says the worker seems not to run (it looks at the queue every 5 s).
RELOAD_SECONDS = 5
WORKER_MISSING_AFTER = timedelta(minutes=1)
XLSX = exports.XLSX_CONTENT_TYPE
EXPORT_LIMIT = 20_000


# Like ``workspace.views.common.page``, for templates under radar/.
_page = pages_in("radar", staff_page)


def _filtered(request: HttpRequest) -> tuple[CallFilter, Any]:
    filters = CallFilter(request.GET)
    return filters, filters.filtered()


@staff_view(VIEWER)
def call_list(request: HttpRequest) -> HttpResponse:
    filters, calls = _filtered(request)
    listed = paged(request, calls)
    query = listed["query"]
    run = latest_run()
    context = {
        "filters": filters.form,
        **listed,
        "calls": list(listed["page"]),
        "now": timezone.now(),
        "run": run,
        "query_string": query.urlencode(),
        "any_calls": Call.objects.exists(),
    }
    return _page(request, "call_list", _("Funding radar: calls for proposals"), context)


@staff_view(VIEWER)
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.prefetch_related("deadlines"), pk=call_id)
    matches = list(
        CallMatch.objects.filter(call=call, rank_for_call__isnull=False)
        .select_related("idea", "activity")
        .order_by("rank_for_call")
    )
    alignments = list(call.alignments.select_related("goal", "sdg"))
    goal_ids = {g for m in matches for g in m.goals}
    similar = partners.similar_projects(call)
    context = {
        "call": call,
        "deadlines": list(call.deadlines.all()),
        "matches": matches,
        "goals": {g.pk: g for g in Goal.objects.filter(pk__in=goal_ids)},
        "goal_links": [a for a in alignments if a.goal_id],
        "sdg_links": [a for a in alignments if a.sdg_id],
        "partners": partners.suggest_partners(call, found_projects=similar),
        "grants": partners.grant_context(call, found_projects=similar),
        "now": timezone.now(),
    }
    return _page(request, "call_detail", call.title, context)


def _ics(deadlines: Any, name: str) -> HttpResponse:
    response = HttpResponse(ical.calendar(deadlines), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(VIEWER)
def call_ics(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=call_id)
    return _ics(call.deadlines.select_related("call"), f"call-{call.pk}-deadlines.ics")


@staff_view(VIEWER)
def list_ics(request: HttpRequest) -> HttpResponse:
    _filters, calls = _filtered(request)
    ids = list(calls.values_list("pk", flat=True)[:EXPORT_LIMIT])
    deadlines = CallDeadline.objects.filter(call_id__in=ids).select_related("call").order_by("at")
    return _ics(deadlines, "funding-deadlines.ics")


@staff_view(VIEWER)
def list_xlsx(request: HttpRequest) -> HttpResponse:
    _filters, calls = _filtered(request)
    header = [
        _("Call identifier"),
        _("Topic identifier"),
        _("Programme"),
        _("Funder"),
        _("Title"),
        _("Type of action"),
        _("Status"),
        _("Opening date"),
        _("Deadlines"),
        _("Total budget (€)"),
        _("Smallest grant (€)"),
        _("Largest grant (€)"),
        _("Best fit (%)"),
        _("Link"),
    ]
    prefetched = calls.prefetch_related(
        Prefetch("deadlines", queryset=CallDeadline.objects.order_by("at"))
    )
    rows = (
        [
            call.call_id,
            call.topic_id,
            call.programme,
            call.funder,
            call.title,
            call.action_type,
            call.get_status_display(),
            call.opening_date,
            "; ".join(
                timezone.localtime(d.at).strftime("%Y-%m-%d %H:%M") for d in call.deadlines.all()
            ),
            call.total_budget,
            call.grant_min,
            call.grant_max,
            round(call.fit * 100),
            call.url,
        ]
        for call in prefetched[:EXPORT_LIMIT]
    )
    response = HttpResponse(exports.to_xlsx(header, rows, _("Calls")), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="funding-calls.xlsx"'
    return response


@staff_view(VIEWER)
def pipeline(request: HttpRequest) -> HttpResponse:
    """Every open or accepted idea and planned activity with its best-fitting calls."""
    matches = (
        CallMatch.objects.filter(rank_for_item__isnull=False)
        .select_related("call")
        .order_by("rank_for_item")
    )
    by_idea: dict[int, list[CallMatch]] = {}
    by_activity: dict[int, list[CallMatch]] = {}
    for match in matches:
        if match.idea_id:
            by_idea.setdefault(match.idea_id, []).append(match)
        elif match.activity_id:
            by_activity.setdefault(match.activity_id, []).append(match)
    ideas = [
        (i, by_idea.get(i.pk, [])[:5])
        for i in Idea.objects.filter(status__in=IDEA_STATES).order_by("-submitted_at")
    ]
    activities = [
        (a, by_activity.get(a.pk, [])[:5])
        for a in Activity.objects.filter(status=Activity.Status.PLANNED).order_by("title")
    ]
    goal_ids = {g for m in matches for g in m.goals}
    context = {
        "ideas": ideas,
        "activities": activities,
        "goals": {g.pk: g for g in Goal.objects.filter(pk__in=goal_ids)},
        "now": timezone.now(),
    }
    return _page(request, "pipeline", _("Calls for the pipeline"), context)


@staff_view(EDITOR, methods=("GET", "POST"))
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                run = actions.import_upload(
                    staff_user(request), upload_file.name, upload_file.read()
                )
            except ImportFailed as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Imported: %(new)d new, %(updated)d updated, %(unchanged)d unchanged, "
                        "%(rejected)d rows with errors."
                    )
                    % {
                        "new": run.counts.get("new", 0),
                        "updated": run.counts.get("updated", 0),
                        "unchanged": run.counts.get("unchanged", 0),
                        "rejected": run.counts.get("rejected", 0),
                    },
                )
                return redirect("radar:run_detail", run_id=run.pk)
        status = 400
    title = _("Import calls from a file")
    context = {
        "form": form,
        "columns": COLUMNS,
        "runs": FetchRun.objects.all()[:20],
        "active_fetch": queue.active_run(),
    }
    failed = bool(form.errors)
    return _page(request, "upload", title, context, failed=failed, status=status)


@staff_view(EDITOR, methods=("POST",))
def fetch(request: HttpRequest) -> HttpResponse:
    """Queue a fetch for the radar worker (or show the one already queued or running)."""
    run, queued = actions.fetch_now(staff_user(request), request.LANGUAGE_CODE)
    if not queued:  # (a new run's page says that it is queued)
        messages.info(request, _("A fetch is already queued or running: here it is."))
    return redirect("radar:run_detail", run_id=run.pk)


@staff_view(VIEWER)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(FetchRun, pk=run_id)
    new_calls = Call.objects.filter(first_run=run).order_by("next_deadline")[:100]
    active = run.source == Source.PORTAL and run.status in (
        FetchRun.Status.QUEUED,
        FetchRun.Status.RUNNING,
    )
    waited = timezone.now() - run.started_at
    context = {
        "run": run,
        "new_calls": new_calls,
        "active": active,
        "reload": active and request.GET.get("reload") != "off",
        "reload_seconds": RELOAD_SECONDS,
        "worker_missing": run.status == FetchRun.Status.QUEUED and waited > WORKER_MISSING_AFTER,
    }
    return _page(request, "run_detail", _("Fetch or import of calls"), context)


@staff_view(VIEWER, methods=("GET", "POST"))
def watch(request: HttpRequest) -> HttpResponse:
    """A person's own watch list and digest language (viewers may follow too)."""
    user = staff_user(request)
    subscription = Subscription.objects.filter(user=user).first()
    rule_form = WatchRuleForm(prefix="rule")
    language_form = LanguageForm(
        prefix="lang",
        initial={"language": subscription.language if subscription else request.LANGUAGE_CODE},
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "follow":
            rule_form = WatchRuleForm(request.POST, prefix="rule")
            if rule_form.is_valid():
                data = rule_form.cleaned_data
                actions.follow(user, data["kind"], data.get("goal"), data.get("value", ""))
                messages.success(request, _("You now follow this in the funding radar."))
                return redirect("radar:watch")
        elif action == "unfollow":
            try:
                rule_id = int(request.POST.get("rule", ""))
            except ValueError:
                rule_id = 0
            if actions.unfollow(user, rule_id):
                messages.success(request, _("You no longer follow this."))
            return redirect("radar:watch")
        elif action == "language":
            language_form = LanguageForm(request.POST, prefix="lang")
            if language_form.is_valid():
                actions.set_language(user, language_form.cleaned_data["language"])
                messages.success(request, _("The digest language was saved."))
                return redirect("radar:watch")
        status = 400
    title = _("Your watch list")
    context = {
        "rule_form": rule_form,
        "language_form": language_form,
        "form": rule_form if rule_form.errors else language_form,
        "rules": WatchRule.objects.filter(user=user).select_related("goal"),
        "has_email": bool(request.user.email),  # type: ignore[union-attr]
        "fetch_url": reverse("radar:fetch"),
    }
    failed = bool(rule_form.errors or language_form.errors)
    return _page(request, "watch", title, context, failed=failed, status=status)
