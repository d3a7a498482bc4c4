"""Who may open what in the staff workspace: every URL pattern against every persona,
the staff login with its lockout, and the roles themselves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from accounts.roles import ADMIN, EDITOR, VIEWER, role_permissions, setup_roles
from audit.models import AuditEvent
from core.models import ThrottleHit
from ideas import actions
from ideas.models import Idea
from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from registry.models import (
    CityUnit,
    Contact,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.models import (
    AlignmentLink,
    Commitment,
    Goal,
    RealignRun,
    SDGGoal,
    StrategyPeriod,
)
from tests import access_support as access
from tests.ideas_support import pdf
from tests.personas import PASSWORD, login
from tests.workspace_support import IDEA_DATA, make_idea

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "logout"}
CHANGES = ["create", "update", "delete"]


@pytest.fixture
def objects(settings: Any, tmp_path: Any) -> dict[str, int]:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    idea = actions.submit_idea(
        data=IDEA_DATA,
        token="access-matrix",
        attachments=[(pdf(), "pdf")],
    ).idea
    link = AlignmentLink.objects.create(
        item=idea, sdg=SDGGoal.objects.get(number=11), source="engine", confidence=0.7
    )
    org = Organisation.objects.create(
        slug="access-org", name_fi="Access Oy", kind="company", country="FI"
    )
    activity = Activity.objects.create(
        slug="access-activity", title_fi="Pääsy", kind="event", status="planned"
    )
    return {
        "idea_id": idea.pk,
        "attachment_id": idea.attachments.get().pk,
        "link_id": link.pk,
        "activity_id": activity.pk,
        "organisation_id": org.pk,
        "membership_id": NetworkMembership.objects.create(slug="access-net", network=org).pk,
        "partnership_id": Partnership.objects.create(
            slug="access-mou", partner=org, kind="mou", status="active"
        ).pk,
        "participant_id": Participant.objects.create(
            activity=activity, organisation=org, role="partner"
        ).pk,
        "funding_id": FundingLine.objects.create(activity=activity, programme="Erasmus+").pk,
        "milestone_id": Milestone.objects.create(activity=activity, title_fi="Vaihe").pk,
        "outcome_id": Outcome.objects.create(activity=activity, description_fi="Tulos").pk,
        "weblink_id": ActivityLink.objects.create(
            activity=activity, title_fi="Sivu", url="https://example.org"
        ).pk,
        "contact_id": Contact.objects.create(
            organisation=org,
            name="Access Contact",
            purpose="Access",
            review_on=timezone.localdate(),
        ).pk,
        "theme_id": Theme.objects.create(slug="access-theme", name_fi="Pääsy").pk,
        "market_id": TargetMarket.objects.get_or_create(country="JP")[0].pk,
        "unit_id": CityUnit.objects.create(slug="access-unit", name_fi="Pääsyyksikkö").pk,
        "period_id": StrategyPeriod.objects.get(slug="2025-2029").pk,
        "goal_id": Goal.objects.filter(period__slug="2021-2025").first().pk,  # type: ignore[union-attr]
        "commitment_id": Commitment.objects.first().pk,  # type: ignore[union-attr]
        "run_id": RealignRun.objects.create().pk,
    }


def urls(objects: dict[str, int]) -> list[access.Url]:
    """``(name, url, view)`` for every pattern; a new URL parameter must be added here."""
    return access.namespace_urls("workspace", objects)


@pytest.fixture
def matrix_urls(objects: dict[str, int]) -> list[access.Url]:
    return urls(objects)


class TestWorkspaceRoles(access.RoleMatrix):
    """Every pattern against the personas without a role and with each role."""

    skip = PUBLIC


def test_a_viewer_changes_nothing_anywhere(
    client: Client, objects: dict[str, int], vera: User
) -> None:
    login(client, vera)
    before = AuditEvent.objects.filter(action__in=CHANGES).count()
    for name, url, _pattern in urls(objects):
        if name not in PUBLIC:
            client.post(url, {"state-new_state": "in_review", "state-version": "1"})
    assert AuditEvent.objects.filter(action__in=CHANGES).count() == before
    assert Idea.objects.get(pk=objects["idea_id"]).status == "received"


def test_the_staff_login_lets_a_role_in(client: Client, eddie: User) -> None:
    page = client.get("/fi/staff/login/")
    assert page.status_code == 200
    response = client.post("/fi/staff/login/", {"username": "eddie", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fi/staff/"
    assert client.get("/fi/staff/ideas/").status_code == 200


def test_an_account_without_a_role_cannot_log_in(client: Client, ulla: User) -> None:
    response = client.post("/en/staff/login/", {"username": "ulla", "password": PASSWORD})
    assert response.status_code == 200
    assert "no role in the staff workspace" in response.content.decode()


def _try(client: Client, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        "/en/staff/login/", {"username": "eddie", "password": password}, REMOTE_ADDR=address
    )


def test_repeated_failures_slow_the_account_down_from_every_address(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.STAFF_LOCKOUT_ATTEMPTS = 3
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert "Too many failed attempts" not in _try(client, "wrong", address).content.decode()
    # From a fourth address, even with the right password: the account waits its back-off.
    refused = _try(client, PASSWORD, address="10.0.0.4")
    assert refused.status_code == 200
    assert "Too many failed attempts. Wait 1 minutes" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    ThrottleHit.objects.update(at=timezone.now() - timedelta(seconds=31))
    assert _try(client, PASSWORD, address="10.0.0.4").status_code == 302  # the wait is over


def test_the_back_off_grows_with_each_further_failure(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.STAFF_LOCKOUT_ATTEMPTS = 2
    settings.LOGIN_BACKOFF_SECONDS = 60
    for _ in range(2):
        _try(client, "wrong")
    assert "Wait 1 minutes" in _try(client, PASSWORD).content.decode()
    ThrottleHit.objects.update(at=timezone.now() - timedelta(seconds=61))
    _try(client, "wrong")  # a third failure doubles the wait
    assert "Wait 2 minutes" in _try(client, PASSWORD).content.decode()
    ThrottleHit.objects.update(at=timezone.now() - timedelta(minutes=16))
    _try(client, "wrong")  # tries refused while waiting are not counted: four failures
    assert "Wait 4 minutes" in _try(client, PASSWORD).content.decode()
    settings.LOGIN_BACKOFF_SECONDS = 600
    assert "Wait 15 minutes" in _try(client, PASSWORD).content.decode()  # at most the cap


def test_failed_logins_keep_no_user_name_or_address(client: Client, eddie: User) -> None:
    _try(client, "wrong")
    keys = list(ThrottleHit.objects.values_list("key", flat=True))
    assert len(keys) == 2  # the account's count and the address's count
    for key in keys:
        assert "eddie" not in key and "10.0.0.1" not in key and len(key) == 64


def test_logout_is_a_post(client: Client, eddie: User) -> None:
    login(client, eddie)
    assert client.get("/en/staff/logout/").status_code == 405
    response = client.post("/en/staff/logout/")
    assert response.status_code == 302 and response["Location"] == "/en/staff/login/"
    assert client.get("/en/staff/").status_code == 302


def test_setup_roles_is_idempotent_and_separates_the_roles(db: Any) -> None:
    setup_roles()
    first = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    setup_roles()
    again = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert first == again
    assert all(code.startswith("view_") for code in first[VIEWER])
    assert {"change_idea", "add_answer", "change_activity"} <= first[EDITOR]
    assert not {"change_goal", "change_user", "view_auditevent"} & first[EDITOR]
    assert {"change_goal", "change_user", "view_auditevent"} <= first[ADMIN]
    assert set(role_permissions(ADMIN))


def test_an_unknown_idea_is_not_found(client: Client, eddie: User) -> None:
    login(client, eddie)
    assert client.get("/en/staff/ideas/999999/").status_code == 404
    make_idea()
    assert client.post("/en/staff/ideas/999999/state/").status_code == 404
