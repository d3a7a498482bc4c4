"""Who may open what under /staff/accounts/: every URL pattern of the ``accounts``
namespace against every persona, by the role its view declares through ``staff_view``."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts import invitations
from tests import access_support as access
from tests.personas import login

pytestmark = pytest.mark.django_db

PUBLIC = {"sso_start", "sso_callback"}  # the single sign-on steps (tests/test_accounts_sso.py)
# The e-mailed invitation link: its token is the key (tests/test_accounts_invitations.py).
CAPABILITY = {"invitation_accept"}
OPEN = PUBLIC | CAPABILITY


@pytest.fixture
def objects(db: Any) -> dict[str, Any]:
    target = User.objects.create_user("target", "target@espoo.example", "x" * 20)
    admin = User.objects.create_superuser("inviter", "inviter@espoo.example", "x" * 20)
    invitation, token = invitations.invite(
        admin, email="invitee@espoo.example", role="viewer", language="en"
    )
    return {"user_id": target.pk, "invitation_id": invitation.pk, "token": token}


def urls(objects: dict[str, Any]) -> list[access.Url]:
    return access.namespace_urls("accounts", objects)


def test_the_namespace_has_the_expected_views(objects: dict[str, Any]) -> None:
    names = {name for name, _url, _pattern in urls(objects)}
    assert {"user_list", "user_create", "user_detail", "mfa_verify", "security"} <= names
    assert all(url.startswith("/en/staff/accounts/") for _n, url, _p in urls(objects))


def test_the_single_sign_on_steps_are_off_without_configuration(
    client: Client, objects: dict[str, Any], settings: Any
) -> None:
    settings.OIDC_CLIENT_ID = ""
    for name, url, _pattern in urls(objects):
        if name in PUBLIC:
            assert client.get(url).status_code == 404, name


@pytest.fixture
def matrix_urls(objects: dict[str, Any]) -> list[access.Url]:
    return urls(objects)


class TestAccountsRoles(access.RoleMatrix):
    """Every pattern against the personas without a role and with each role."""

    skip = OPEN


def test_a_viewer_cannot_manage_users(client: Client, objects: dict[str, Any], vera: User) -> None:
    login(client, vera)
    url = reverse("accounts:user_detail", kwargs={"user_id": objects["user_id"]})
    assert client.post(url, {"role": "admin", "is_active": "on"}).status_code == 403
    assert not User.objects.get(pk=objects["user_id"]).groups.exists()


@pytest.mark.parametrize("persona", [None, "ulla", "vera", "ada"])
def test_everybody_may_open_an_invitation_link(
    client: Client, objects: dict[str, Any], persona: str | None, request: Any
) -> None:
    if persona:
        login(client, request.getfixturevalue(persona))
    url = reverse("accounts:invitation_accept", kwargs={"token": objects["token"]})
    page = client.get(url, follow=True)
    assert page.status_code == 200 and "invitee@espoo.example" in page.content.decode()
