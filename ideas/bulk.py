"""Bulk triage: one action on several ideas, each through the same action function."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from ideas import actions
from ideas.models import Idea
from ideas.triage import template_text

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)  # references
    refused: list[str] = field(default_factory=list)  # "<reference>: <why>"


def run(data: dict[str, Any], actor: User) -> Outcome:
    """Apply the cleaned ``BulkForm`` data; each idea succeeds or is refused on its own."""
    outcome = Outcome()
    wanted = dict(data["ideas"])  # {pk: version shown in the list}
    for idea in Idea.objects.filter(pk__in=wanted).order_by("submitted_at"):
        version = wanted[idea.pk]
        try:
            _apply(idea, version, data, actor)
        except actions.Refused as refusal:
            outcome.refused.append(
                _("%(reference)s: %(reason)s")
                % {"reference": idea.reference, "reason": refusal.message}
            )
        else:
            outcome.done.append(idea.reference)
    return outcome


def _apply(idea: Idea, version: int, data: dict[str, Any], actor: User) -> None:
    action = data["action"]
    if action == "assign":
        actions.assign_idea(idea, data.get("assignee"), actor, expected_version=version)
    elif action == "state":
        template = data.get("template")
        answer = template_text(template, idea) if template else None
        actions.change_state(
            idea,
            data["new_state"],
            actor,
            data.get("reason") or "",
            answer,
            expected_version=version,
            activity_kind=data.get("activity_kind") or None,
        )
    elif action == "answer":
        text = template_text(data["template"], idea)
        actions.answer_idea(idea, text, actor, expected_version=version)
