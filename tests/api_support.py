"""Fixtures shared by the API tests (tests/test_api_*.py): a small public/internal world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from api import actions
from api.models import ApiToken
from portfolio.models import Activity, Participant
from registry.models import NetworkMembership, Organisation, Partnership
from strategy.models import AlignmentLink, Goal, SDGGoal, SDGTarget


@dataclass
class World:
    partner: Organisation
    hidden_partner: Organisation
    public: Activity
    internal: Activity
    goal: Goal
    membership: NetworkMembership
    partnership: Partnership


def confirmed(item: Any, **framework: Any) -> AlignmentLink:
    return AlignmentLink.objects.create(
        item=item,
        source=AlignmentLink.Source.STAFF,
        review_state=AlignmentLink.Review.CONFIRMED,
        reviewed_at=timezone.now(),
        **framework,
    )


def pending(item: Any, **framework: Any) -> AlignmentLink:
    return AlignmentLink.objects.create(
        item=item, source=AlignmentLink.Source.ENGINE, confidence=0.7, **framework
    )


@pytest.fixture
def world(db: Any) -> World:
    partner = Organisation.objects.create(
        slug="zz-testhausen",
        name_fi="Testhausenin kaupunki",
        name_sv="Testhausen stad",
        name_en="City of Testhausen",
        kind="city",
        country="DE",
        city="Testhausen",
    )
    hidden = Organisation.objects.create(
        slug="zz-secret-co", name_fi="Salainen Oy", kind="company", country="FI"
    )
    public = Activity.objects.create(
        slug="zz-smart-lighting",
        title_fi="Älykäs valaistus",
        title_sv="Smart belysning",
        title_en="Smart lighting",
        summary_en='=HYPERLINK("http://evil")',
        kind="eu_project",
        status="ongoing",
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
        public=True,
    )
    internal = Activity.objects.create(
        slug="zz-internal-lead",
        title_fi="Sisäinen liidi",
        kind="investment_lead",
        status="ongoing",
        start_date=date(2024, 3, 1),
        public=False,
    )
    Participant.objects.create(activity=public, organisation=partner, role="coordinator")
    Participant.objects.create(activity=internal, organisation=hidden, role="partner")
    goal = Goal.objects.current().filter(number=7).first()  # no seeded link to it
    assert goal is not None
    confirmed(public, goal=goal)
    confirmed(public, target=SDGTarget.objects.get(code="11.6"))
    pending(public, sdg=SDGGoal.objects.get(number=5))
    confirmed(internal, sdg=SDGGoal.objects.get(number=8))
    membership = NetworkMembership.objects.create(
        slug="zz-test-network", network=partner, role_en="Member", public=True
    )
    confirmed(membership, sdg=SDGGoal.objects.get(number=17))
    NetworkMembership.objects.create(
        slug="zz-hidden-network", network=hidden, role_en="Observer", public=False
    )
    partnership = Partnership.objects.create(
        slug="zz-testhausen-mou", partner=partner, kind="mou", status="active", public=True
    )
    return World(partner, hidden, public, internal, goal, membership, partnership)


def make_token(user: User, *scopes: str, **kwargs: Any) -> tuple[ApiToken, str]:
    return actions.create_token(name="test integration", owner=user, scopes=scopes, **kwargs)


def bearer(secret: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def writer(eddie: User) -> str:
    """A token of editor Eddie that may write activities and organisations."""
    return make_token(eddie, "activities:write", "organisations:write")[1]


def expired_token(user: User) -> str:
    token, secret = make_token(user, "activities:write")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    return secret


def get_json(
    client: Client, path: str, params: dict[str, Any] | None = None, **extra: Any
) -> tuple[int, Any]:
    response = client.get(path, params or {}, **extra)
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.status_code, response.json()
