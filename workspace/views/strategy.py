"""The strategy in the workspace: periods and their goals (admins keep them), which period
is current, the re-alignment runs that saving goals queues, and progress reports of the
commitments (editors add them). Thin views over ``strategy.actions``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import ADMIN, EDITOR, VIEWER, staff_view
from registry.actions import Refused
from strategy import actions
from strategy.models import (
    Commitment,
    Goal,
    ProgressReport,
    RealignRun,
    StrategyPeriod,
    current_goal_period,
)
from workspace.forms_strategy import GoalForm, PeriodForm, ProgressReportForm
from workspace.views.common import page
from workspace.views.editing import Save, edit_page, posted

RELOAD_SECONDS = 5
WORKER_MISSING_AFTER = timedelta(minutes=1)
NAV = "workspace/_strategy_nav.html"


def _overview_url() -> str:
    return reverse("workspace:strategy")


@staff_view(VIEWER)
def overview(request: HttpRequest) -> HttpResponse:
    current = current_goal_period()
    periods = StrategyPeriod.objects.order_by("-start_year").prefetch_related(
        Prefetch("goals", Goal.objects.prefetch_related("sdgs").order_by("number"))
    )
    rows = [
        {
            "period": period,
            "current": period == current,
            "past": current is not None and period.start_year < current.start_year,
            "incomplete": period != current
            and (current is None or period.start_year > current.start_year),
        }
        for period in periods
    ]
    commitments = Commitment.objects.select_related("period").prefetch_related(
        Prefetch("reports", ProgressReport.objects.order_by("-reported_on", "-id"))
    )
    context = {
        "rows": rows,
        "current_period": current,
        "strategy_section": True,
        "commitments": commitments,
        "runs": RealignRun.objects.order_by("-id")[:5],
        "today": timezone.localdate(),
    }
    return page(request, "strategy", _("Strategy"), context)


def _edit(
    request: HttpRequest,
    form: ModelForm[Any],
    title: str,
    save: Save,
    saved_message: str,
    anchor: str = "",
) -> HttpResponse:
    """A strategy form page: back to the strategy overview, and there (at ``anchor``) once
    saved."""
    return edit_page(
        request,
        form,
        title=title,
        back=_overview_url(),
        save=save,
        done=lambda _record: _overview_url() + anchor,
        saved_message=saved_message,
        context={"nav": NAV, "strategy_section": True},
    )


def _period_form(request: HttpRequest, period: StrategyPeriod | None) -> HttpResponse:
    if period is None:
        title, saved = _("New strategy period"), _("The strategy period “%(record)s” was created.")
    else:
        title = _("Edit the strategy period “%(record)s”") % {"record": period}
        saved = _("The strategy period “%(record)s” was saved.")
    return _edit(
        request, PeriodForm(posted(request), instance=period), title, actions.save_period, saved
    )


@staff_view(ADMIN, methods=("GET", "POST"))
def period_create(request: HttpRequest) -> HttpResponse:
    return _period_form(request, None)


@staff_view(ADMIN, methods=("GET", "POST"))
def period_edit(request: HttpRequest, period_id: int) -> HttpResponse:
    return _period_form(request, get_object_or_404(StrategyPeriod, pk=period_id))


@staff_view(ADMIN, methods=("POST",))
def period_make_current(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_object_or_404(StrategyPeriod, pk=period_id)
    try:
        run = actions.make_current(period, request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("workspace:strategy")
    messages.success(
        request,
        _(
            "%(period)s is now the current period. Pending suggestions are being aligned "
            "with its goals."
        )
        % {"period": period},
    )
    return redirect("workspace:realign_run", run.pk)


def _goal_form(request: HttpRequest, period: StrategyPeriod, goal: Goal | None) -> HttpResponse:
    if actions.is_past(period):
        messages.error(
            request,
            _("The goals of %(period)s belong to an earlier council term and are read-only.")
            % {"period": period},
        )
        return redirect("workspace:strategy")
    if goal is None:
        title = _("New goal of %(period)s") % {"period": period}
        saved = _("The goal “%(record)s” was created.")
    else:
        title = _("Edit the goal “%(record)s”") % {"record": goal}
        saved = _("The goal “%(record)s” was saved.")
    form = GoalForm(posted(request), instance=goal, period=period)
    return _edit(request, form, title, actions.save_goal, saved)


@staff_view(ADMIN, methods=("GET", "POST"))
def goal_create(request: HttpRequest, period_id: int) -> HttpResponse:
    return _goal_form(request, get_object_or_404(StrategyPeriod, pk=period_id), None)


@staff_view(ADMIN, methods=("GET", "POST"))
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal: Goal = get_object_or_404(Goal.objects.select_related("period"), pk=goal_id)
    return _goal_form(request, goal.period, goal)


@staff_view(EDITOR, methods=("GET", "POST"))
def report_create(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=commitment_id)
    return _edit(
        request,
        ProgressReportForm(posted(request), commitment=commitment),
        _("New progress report of “%(record)s”") % {"record": commitment},
        actions.save_report,
        _("The progress report “%(record)s” was saved."),
        anchor="#commitments-heading",
    )


@staff_view(VIEWER)
def realign_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(RealignRun.objects.select_related("period"), pk=run_id)
    waited = timezone.now() - run.queued_at
    context = {
        "run": run,
        "reload": run.active and request.GET.get("reload") != "off",
        "reload_seconds": RELOAD_SECONDS,
        "worker_missing": run.status == RealignRun.Status.QUEUED and waited > WORKER_MISSING_AFTER,
        "strategy_section": True,
    }
    return page(request, "realign_run", _("Re-alignment of suggestions"), context)
