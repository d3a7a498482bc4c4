"""User and role management by admins, and each user's own password."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts import mfa
from accounts.models import RecoveryCode
from accounts.roles import role_of
from audit.models import AuditEvent
from tests.accounts_support import enrol
from tests.personas import PASSWORD, login

pytestmark = pytest.mark.django_db

NEW = {
    "username": "nora",
    "first_name": "Nora",
    "last_name": "Nieminen",
    "email": "nora@espoo.example",
    "role": "editor",
    "password1": "Lumi-sataa-Tapiolassa-7",
    "password2": "Lumi-sataa-Tapiolassa-7",
}


def test_the_user_list_shows_roles_and_how_people_sign_in(
    admin_client: Client, vera: User, eddie: User
) -> None:
    enrol(vera)
    page = admin_client.get("/en/staff/accounts/users/")
    assert page.status_code == 200
    rows = {row["user"].username: row for row in page.context["rows"]}
    assert rows["vera"]["role"] == "viewer" and rows["vera"]["totp_enrolled"]
    assert rows["eddie"]["role"] == "editor" and rows["eddie"]["local"]
    html = page.content.decode()
    assert "Staff users and their roles" in html and "editor" in html
    assert '<a href="/en/staff/accounts/users/" aria-current="page">Users</a>' in html


def test_only_admins_see_the_users_entry(client: Client, eddie: User) -> None:
    login(client, eddie)
    assert "/staff/accounts/users/" not in client.get("/en/staff/").content.decode()
    assert client.get("/en/staff/accounts/users/").status_code == 403


def test_an_admin_creates_a_local_user(admin_client: Client) -> None:
    response = admin_client.post("/en/staff/accounts/users/new/", {**NEW, "totp_required": "on"})
    assert response.status_code == 302
    user = User.objects.get(username="nora")
    assert user.check_password(NEW["password1"]) and role_of(user) == "editor"
    assert mfa.required_for(user)
    event = AuditEvent.objects.filter(object_id=str(user.pk), changes__role__1="editor")
    assert event.exists()
    assert NEW["password1"] not in str(list(AuditEvent.objects.values()))
    assert (
        Client()
        .post("/en/staff/login/", {"username": "nora", "password": NEW["password1"]})
        .status_code
        == 302
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"password1": "short-pw-1", "password2": "short-pw-1"}, "password1", "too short"),
        (
            {"password1": "123456789012345", "password2": "123456789012345"},
            "password1",
            "entirely numeric",
        ),
        (
            {"password1": "manchesterunited", "password2": "manchesterunited"},
            "password1",
            "too common",
        ),
        (
            {"password1": "nora.nieminen1", "password2": "nora.nieminen1"},
            "password1",
            "too similar",
        ),
        ({"password2": "something-else-entirely"}, "password2", "not the same"),
        ({"username": "Eddie"}, "username", "already exists"),
        ({"username": "nora nieminen"}, "username", "valid username"),
        ({"email": "nora@"}, "email", "valid email"),
        ({"email": ""}, "email", "required"),
        ({"role": "owner"}, "role", "not one of the available choices"),
    ],
)
def test_bad_input_changes_nothing(
    admin_client: Client, eddie: User, change: dict[str, str], field: str, message: str
) -> None:
    users = User.objects.count()
    events = AuditEvent.objects.count()
    response = admin_client.post("/en/staff/accounts/users/new/", {**NEW, **change})
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field]), form.errors
    html = response.content.decode()
    assert 'id="error-summary"' in html and "<title>Error:" in html
    assert User.objects.count() == users and AuditEvent.objects.count() == events


def test_weak_password_errors_are_translated(admin_client: Client) -> None:
    bad = {**NEW, "password1": "lyhyt-1", "password2": "lyhyt-1"}
    fi = admin_client.post("/fi/staff/accounts/users/new/", bad).content.decode()
    assert "Tämä salasana on liian lyhyt. Sen on oltava vähintään 12 merkkiä pitkä." in fi
    sv = admin_client.post("/sv/staff/accounts/users/new/", bad).content.decode()
    assert "Det här lösenordet är för kort" in sv
    assert not User.objects.filter(username="nora").exists()


def _change(client: Client, user: User, **data: Any) -> Any:
    form = {"role": role_of(user) or "", "is_active": "on" if user.is_active else ""}
    form.update({k: v for k, v in data.items()})
    return client.post(f"/en/staff/accounts/users/{user.pk}/", form)


def test_an_admin_changes_a_role(admin_client: Client, eddie: User) -> None:
    assert _change(admin_client, eddie, role="viewer").status_code == 302
    assert role_of(User.objects.get(pk=eddie.pk)) == "viewer"
    assert AuditEvent.objects.filter(
        object_id=str(eddie.pk), changes__role=["editor", "viewer"]
    ).exists()
    _change(admin_client, User.objects.get(pk=eddie.pk), role="")
    assert role_of(User.objects.get(pk=eddie.pk)) is None


def test_admins_cannot_demote_or_deactivate_themselves(admin_client: Client, ada: User) -> None:
    demote = _change(admin_client, ada, role="editor")
    assert demote.status_code == 400
    assert "You cannot remove your own administrator role" in demote.content.decode()
    off = _change(admin_client, ada, is_active="")
    assert off.status_code == 400
    assert "You cannot deactivate your own account" in off.content.decode()
    both = _change(admin_client, ada, role="viewer", is_active="")
    assert both.status_code == 400
    ada = User.objects.get(pk=ada.pk)
    assert ada.is_active and role_of(ada) == "admin"


def test_deactivate_and_reactivate(admin_client: Client, vera: User) -> None:
    other = login(Client(), vera)
    assert _change(admin_client, vera, is_active="").status_code == 302
    assert not User.objects.get(pk=vera.pk).is_active
    assert other.get("/en/staff/").status_code == 302  # signed out
    assert (
        Client().post("/en/staff/login/", {"username": "vera", "password": PASSWORD}).status_code
        == 200
    )
    assert _change(admin_client, User.objects.get(pk=vera.pk), is_active="on").status_code == 302
    assert User.objects.get(pk=vera.pk).is_active


def test_an_admin_resets_two_factor(admin_client: Client, vera: User) -> None:
    enrol(vera)
    page = admin_client.get(f"/en/staff/accounts/users/{vera.pk}/").content.decode()
    assert "Reset two-factor login" in page
    response = admin_client.post(f"/en/staff/accounts/users/{vera.pk}/reset-two-factor/")
    assert response.status_code == 302
    assert not mfa.is_enrolled(vera)
    assert not RecoveryCode.objects.filter(user=vera).exists()
    assert AuditEvent.objects.filter(
        object_id=str(vera.pk), changes__two_factor__1="reset by an administrator"
    ).exists()


def test_an_unknown_user_is_not_found(admin_client: Client) -> None:
    assert admin_client.get("/en/staff/accounts/users/999999/").status_code == 404


def test_users_change_their_own_password(client: Client, vera: User) -> None:
    login(client, vera)
    page = client.get("/en/staff/accounts/security/")
    assert page.status_code == 200
    wrong = client.post(
        "/en/staff/accounts/security/",
        {"old_password": "nope", "new_password1": "x", "new_password2": "x"},
    )
    assert wrong.status_code == 400
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    weak = client.post(
        "/en/staff/accounts/security/",
        {
            "old_password": PASSWORD,
            "new_password1": "1234567890123",
            "new_password2": "1234567890123",
        },
    )
    assert weak.status_code == 400
    assert User.objects.get(pk=vera.pk).check_password(PASSWORD)
    new = "Pajulahti-kevaalla-2031"
    ok = client.post(
        "/en/staff/accounts/security/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert ok.status_code == 302
    assert User.objects.get(pk=vera.pk).check_password(new)
    assert client.get("/en/staff/").status_code == 200  # still signed in


def test_pages_in_finnish_and_swedish(admin_client: Client) -> None:
    fi = admin_client.get("/fi/staff/accounts/users/").content.decode()
    assert "Käyttäjät" in fi and "Uusi käyttäjä" in fi
    sv = admin_client.get("/sv/staff/accounts/users/new/").content.decode()
    assert "Ny användare" in sv


@pytest.mark.parametrize(
    ("path", "button"),
    [("users/new/", "Create user"), ("users/invite/", "Send the invitation")],
)
def test_an_account_form_page_shows_every_field_of_its_form_and_the_way_back(
    admin_client: Client, path: str, button: str
) -> None:
    response = admin_client.get(f"/en/staff/accounts/{path}")
    html = response.content.decode()
    form = html.split('<form method="post" class="narrow" novalidate>', 1)[1].split("</form>")[0]
    assert [
        f.html_name for f in response.context["form"] if f'name="{f.html_name}"' not in form
    ] == []
    assert f'<button type="submit">{button}</button>' in form
    after = html.split(f'<button type="submit">{button}</button>', 1)[1]
    assert '<a href="/en/staff/accounts/users/">Back to users</a>' in after
