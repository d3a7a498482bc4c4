"""Keeping the strategy from the workspace: periods, goals, which period is current, and
progress reports of commitments. Each action checks the Django permission (admins keep
periods and goals; editors report progress), refuses stale forms like the registry's
(``registry.actions.save_form``) and leaves the audit trail to the model signals.

Goals of a period earlier than the current one are the record of a past council term:
they are read-only here and keep their links. Saving goals or making a period current
queues a re-alignment (``strategy.realign``) that a worker runs; never inside the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.forms import ModelForm
from django.utils.translation import gettext as _

from registry.actions import Refused, require, save_form
from strategy import realign
from strategy.models import (
    Goal,
    ProgressReport,
    RealignRun,
    StrategyPeriod,
    current_goal_period,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def _actor_label(actor: User | AnonymousUser) -> str:
    return f"user:{actor.get_username()}" if actor is not None else ""


def is_past(period: StrategyPeriod) -> bool:
    """Whether ``period`` ended before the current one began (its goals are read-only)."""
    current = current_goal_period()
    return (
        current is not None and period.pk != current.pk and period.start_year < current.start_year
    )


def save_period(
    form: ModelForm[StrategyPeriod],
    actor: User | AnonymousUser,
    *,
    expected_version: str | None = None,
) -> StrategyPeriod:
    return save_form(form, actor, expected_version=expected_version)


def save_goal(
    form: ModelForm[Goal], actor: User | AnonymousUser, *, expected_version: str | None = None
) -> Goal:
    """Save a goal of a current or coming period and queue a re-alignment."""
    period = form.instance.period
    require(actor, "change" if form.instance.pk else "add", Goal)
    if is_past(period):
        raise Refused(
            _(
                "The goals of %(period)s belong to an earlier council term and cannot be "
                "changed. Nothing was saved."
            )
            % {"period": period}
        )
    with transaction.atomic():
        goal = save_form(form, actor, expected_version=expected_version)
        if period == current_goal_period():
            reason = _("Goal saved: %(goal)s") % {"goal": goal}
            realign.enqueue(_actor_label(actor), reason)
    return goal


def make_current(period: StrategyPeriod, actor: User | AnonymousUser) -> RealignRun:
    """Make ``period`` the current one (its goals are complete) and queue a re-alignment
    of every pending suggestion with its goals."""
    require(actor, "change", StrategyPeriod)
    with transaction.atomic():
        locked = StrategyPeriod.objects.select_for_update().get(pk=period.pk)
        if not locked.goals.exists():
            raise Refused(
                _(
                    "%(period)s has no goals yet. Enter its goals first, then make it "
                    "current. Nothing was changed."
                )
                % {"period": locked}
            )
        for other in StrategyPeriod.objects.filter(is_current=True).exclude(pk=locked.pk):
            other.is_current = False
            other.save(update_fields=["is_current"])  # one by one, for the audit trail
        if not locked.is_current:
            locked.is_current = True
            locked.save(update_fields=["is_current"])
        reason = _("Made current: %(period)s") % {"period": locked}
        return realign.enqueue(_actor_label(actor), reason)


def save_report(
    form: ModelForm[ProgressReport],
    actor: User | AnonymousUser,
    *,
    expected_version: str | None = None,
) -> ProgressReport:
    """Add (or correct) a progress report of a commitment."""
    if form.instance.pk is None:
        form.instance.created_by = actor
    return save_form(form, actor, expected_version=expected_version)
