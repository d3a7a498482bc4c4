"""The one "lock the current row and check its version" helper (core.actions.locked_current)
and its two users: registry records (a fingerprint) and ideas (a counter)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from core.actions import ANY_VERSION, Refused, Stale, locked_current
from ideas import actions as idea_actions
from ideas.models import Idea
from ideas.triage import StaleIdea
from registry import actions as registry_actions
from registry.models import Theme
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db


def _counter(idea: Idea) -> int:
    return idea.version


def _stale(idea: Idea) -> Stale:
    return Stale(f"{idea.reference} is stale")


def _lock(expected: object) -> Idea:
    idea = make_idea()
    with transaction.atomic():
        return locked_current(Idea, idea.pk, expected, version=_counter, stale=_stale)


def test_the_current_version_is_locked_and_returned() -> None:
    idea = make_idea()
    with transaction.atomic():
        current = locked_current(Idea, idea.pk, idea.version, version=_counter, stale=_stale)
    assert current.pk == idea.pk


def test_an_outdated_version_is_stale() -> None:
    with pytest.raises(Stale, match="is stale"):
        _lock(99)


def test_a_missing_version_is_stale_not_unchecked() -> None:
    with pytest.raises(Stale):
        _lock(None)


def test_any_version_is_the_explicit_way_to_skip_the_check() -> None:
    assert _lock(ANY_VERSION).version == 1


def test_a_removed_row_is_refused_not_an_error() -> None:
    idea = make_idea()
    pk, seen = idea.pk, idea.version
    Idea.objects.filter(pk=pk).delete()
    with transaction.atomic(), pytest.raises(Refused) as refusal:
        locked_current(Idea, pk, seen, version=_counter, stale=_stale)
    assert not isinstance(refusal.value, Stale)
    assert "removed by someone else" in refusal.value.message


def test_a_triage_form_without_its_version_is_refused(eddie: User) -> None:
    idea = make_idea()
    with pytest.raises(StaleIdea):
        idea_actions.assign_idea(idea, eddie, eddie, expected_version=None)
    assert Idea.objects.get(pk=idea.pk).assignee is None
    assigned = idea_actions.assign_idea(idea, eddie, eddie, expected_version=idea.version)
    assert assigned.assignee == eddie


def test_a_registry_form_without_its_version_is_refused(eddie: User) -> None:
    theme = Theme.objects.create(slug="water", name="Water")
    with pytest.raises(registry_actions.StaleRecord):
        registry_actions.delete_record(theme, eddie, expected_version=None)
    assert Theme.objects.filter(pk=theme.pk).exists()
    registry_actions.delete_record(
        theme, eddie, expected_version=registry_actions.version_of(theme)
    )
    assert not Theme.objects.filter(pk=theme.pk).exists()
