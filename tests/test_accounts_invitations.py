"""E-mailed invitations to staff accounts: Ada (admin) invites Nora, who accepts the link.

Eddie (editor) and Vera (viewer) may not invite; anybody may open a link, which works
once, until it expires, is sent again or is revoked.

Long because an invitation's whole life (sent, resent, revoked, expired, accepted once)
is tested here, in 30 short tests on one set of fixtures.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone, translation

from accounts import invitations, mfa
from accounts.models import Invitation
from accounts.roles import role_of
from audit.models import AuditEvent
from ideas.models import OutboxMessage
from tests.personas import login

pytestmark = pytest.mark.django_db

NORA = {
    "email": "Nora.Nieminen@Espoo.example",
    "first_name": "Nora",
    "last_name": "Nieminen",
    "role": "editor",
    "language": "en",
}
NORA_ADDRESS = "nora.nieminen@espoo.example"
GOOD_PASSWORD = "Lumi-sataa-Tapiolassa-7"
LINK = re.compile(r"(https?://\S+/staff/accounts/invitation/([A-Za-z0-9_-]{20,})/)")

# What each language's pages and mail say (so a missing translation fails).
SAYS = {
    "fi": {
        "subject": "Kutsu International Espoon henkilöstön työtilaan",
        "page": "Tervetuloa henkilöstön työtilaan",
        "used": "Tämä kutsu on jo käytetty.",
    },
    "sv": {
        "subject": "Inbjudan till International Espoos arbetsyta för personalen",
        "page": "Välkommen till personalens arbetsyta",
        "used": "Den här inbjudan har redan använts.",
    },
    "en": {
        "subject": "Invitation to the International Espoo staff workspace",
        "page": "Welcome to the staff workspace",
        "used": "This invitation has already been used.",
    },
}


def invite(client: Client, lang: str = "en", **changes: Any) -> Any:
    return client.post(f"/{lang}/staff/accounts/users/invite/", {**NORA, **changes})


def last_mail() -> OutboxMessage:
    return OutboxMessage.objects.order_by("-id")[0]


def link_in(mail: OutboxMessage) -> tuple[str, str]:
    found = LINK.search(mail.body)
    assert found, mail.body
    return found.group(1), found.group(2)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def open_link(client: Client, url: str) -> Any:
    """The link moves its token into the session and continues at set-password/."""
    first = client.get(path_of(url))
    assert first.status_code == 302
    assert first["Location"].endswith("/staff/accounts/invitation/set-password/")
    assert first["Referrer-Policy"] == "no-referrer"
    return client.get(first["Location"])


def choose_password(client: Client, url: str, password: str = GOOD_PASSWORD) -> Any:
    page = open_link(client, url)
    assert page.status_code == 200
    return client.post(page.wsgi_request.path, {"password1": password, "password2": password})


# --- The whole flow -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_nora_is_invited_and_accepts_in_her_language(
    admin_client: Client, lang: str, settings: Any
) -> None:
    response = invite(admin_client, language=lang)
    assert response.status_code == 302 and response["Location"] == "/en/staff/accounts/users/"
    invitation = Invitation.objects.get()
    assert invitation.email == NORA_ADDRESS and invitation.language == lang
    assert not User.objects.filter(email__iexact=NORA_ADDRESS).exists()  # not before accepting

    mail = last_mail()
    assert mail.to == NORA_ADDRESS and mail.language == lang
    assert mail.subject == SAYS[lang]["subject"]
    url, token = link_in(mail)
    assert url == f"{settings.SITE_URL}/{lang}/staff/accounts/invitation/{token}/"
    assert NORA_ADDRESS in mail.body and token in mail.html_body

    nora = Client()
    page = open_link(nora, url)
    html = page.content.decode()
    assert page.status_code == 200 and f'<html lang="{lang}">' in html
    assert SAYS[lang]["page"] in html and NORA_ADDRESS in html
    assert token not in html

    accepted = nora.post(
        page.wsgi_request.path, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert accepted.status_code == 302 and accepted["Location"] == f"/{lang}/staff/"
    user = User.objects.get(username=NORA_ADDRESS)
    assert user.check_password(GOOD_PASSWORD) and role_of(user) == "editor"
    assert (user.first_name, user.last_name, user.email) == ("Nora", "Nieminen", NORA_ADDRESS)
    assert nora.get(f"/{lang}/staff/").status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.user == user

    again = open_link(Client(), url)
    assert again.status_code == 410
    assert SAYS[lang]["used"] in again.content.decode()
    assert User.objects.filter(email__iexact=NORA_ADDRESS).count() == 1


def test_the_accepted_account_signs_in_with_its_password(admin_client: Client) -> None:
    invite(admin_client)
    choose_password(Client(), link_in(last_mail())[0])
    other = Client()
    signed_in = other.post(
        "/en/staff/login/", {"username": NORA_ADDRESS, "password": GOOD_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_a_role_that_requires_two_factor_goes_to_enrolment(
    admin_client: Client, settings: Any
) -> None:
    invite(admin_client, role="admin")
    settings.STAFF_REQUIRE_TOTP_FOR = "admin"
    nora = Client()
    page = open_link(nora, link_in(last_mail())[0])
    assert "requires two-factor login" in page.content.decode()
    accepted = nora.post(
        page.wsgi_request.path, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert accepted["Location"] == "/en/staff/accounts/two-factor/setup/?next=%2Fen%2Fstaff%2F"
    assert not mfa.SESSION_KEY in nora.session  # noqa: E713
    assert nora.get("/en/staff/")["Location"].startswith("/en/staff/accounts/two-factor/setup/")


def test_two_factor_required_for_the_person_also_sends_them_to_enrolment(
    admin_client: Client,
) -> None:
    invite(admin_client, role="viewer", totp_required="on")
    accepted = choose_password(Client(), link_in(last_mail())[0])
    assert accepted["Location"].startswith("/en/staff/accounts/two-factor/setup/")
    assert mfa.required_for(User.objects.get(username=NORA_ADDRESS))


# --- Links that do not work -----------------------------------------------------------------


def test_an_expired_link_changes_nothing(admin_client: Client) -> None:
    invite(admin_client)
    url = link_in(last_mail())[0]
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    nora = Client()
    page = open_link(nora, url)
    assert page.status_code == 410
    assert "This invitation has expired." in page.content.decode()
    posted = nora.post(
        page.wsgi_request.path, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert posted.status_code == 410
    assert not User.objects.filter(username=NORA_ADDRESS).exists()
    assert Invitation.objects.get().accepted_at is None


def test_the_expiry_follows_the_setting(admin_client: Client, settings: Any) -> None:
    settings.STAFF_INVITATION_DAYS = 3
    invite(admin_client)
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=3)


def test_a_link_with_a_nul_character_is_a_clear_bad_request(client: Client) -> None:
    response = client.get("/sv/staff/accounts/invitation/%C3%A4%00/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "NUL" in html and 'lang="sv"' in html and "Begäran kunde inte läsas" in html


@pytest.mark.parametrize("token", ["no-such-token", "x" * 300, "set-password", "%C3%A4"])
def test_an_unknown_link_is_a_clear_not_found_page(client: Client, token: str) -> None:
    response = client.get(f"/sv/staff/accounts/invitation/{token}/", follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Inbjudningslänken fungerar inte" in html and 'lang="sv"' in html
    assert client.post("/sv/staff/accounts/invitation/set-password/", {}).status_code == 404


def test_a_revoked_link_changes_nothing(admin_client: Client) -> None:
    invite(admin_client)
    url = link_in(last_mail())[0]
    invitation = Invitation.objects.get()
    response = admin_client.post(f"/en/staff/accounts/users/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    page = open_link(Client(), url)
    assert (
        page.status_code == 410 and "This invitation has been withdrawn." in page.content.decode()
    )
    assert not User.objects.filter(username=NORA_ADDRESS).exists()
    assert not admin_client.get("/en/staff/accounts/users/").context["invitations"]


def test_sending_again_kills_the_old_link(admin_client: Client) -> None:
    invite(admin_client, language="sv")
    old_url, old_token = link_in(last_mail())
    invitation = Invitation.objects.get()
    admin_client.post(f"/en/staff/accounts/users/invitations/{invitation.pk}/resend/")
    new_url, new_token = link_in(last_mail())
    assert new_token != old_token and OutboxMessage.objects.count() == 2
    assert last_mail().language == "sv"  # still in Nora's language
    assert open_link(Client(), old_url).status_code == 404
    assert choose_password(Client(), new_url).status_code == 302
    assert User.objects.filter(username=NORA_ADDRESS).exists()


def test_a_page_left_open_while_the_invitation_was_accepted_elsewhere(
    admin_client: Client,
) -> None:
    invite(admin_client)
    url = link_in(last_mail())[0]
    first, second = Client(), Client()
    first_page, second_page = open_link(first, url), open_link(second, url)
    passwords = {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    assert first.post(first_page.wsgi_request.path, passwords).status_code == 302
    late = second.post(second_page.wsgi_request.path, passwords)
    assert late.status_code == 410
    assert User.objects.filter(username=NORA_ADDRESS).count() == 1


def test_two_acceptances_at_the_same_moment_make_one_account(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both read the invitation as open before either wrote: the conditional update lets
    only one of them through."""
    _invitation, token = invitations.invite(
        User.objects.get(username="ada"), email="nora@espoo.example", role="viewer", language="en"
    )
    monkeypatch.setattr(invitations, "state_of", lambda invitation: None)  # a stale read
    invitations.accept(token, GOOD_PASSWORD)
    with pytest.raises(invitations.Unusable) as refused:
        invitations.accept(token, GOOD_PASSWORD)
    assert refused.value.reason == invitations.USED
    assert User.objects.filter(email="nora@espoo.example").count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw-1", "This password is too short."),
        ("12345678901234", "This password is entirely numeric."),
        ("nora.nieminen@espoo", "The password is too similar to the"),
    ],
)
def test_a_weak_password_is_refused_and_the_link_keeps_working(
    admin_client: Client, password: str, message: str
) -> None:
    invite(admin_client)
    url = link_in(last_mail())[0]
    nora = Client()
    page = open_link(nora, url)
    refused = nora.post(page.wsgi_request.path, {"password1": password, "password2": password})
    assert refused.status_code == 400 and message in refused.content.decode()
    assert "<title>Error:" in refused.content.decode()
    assert not User.objects.filter(username=NORA_ADDRESS).exists()
    mismatch = nora.post(
        page.wsgi_request.path, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"}
    )
    assert mismatch.status_code == 400
    assert (
        nora.post(
            page.wsgi_request.path, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
        ).status_code
        == 302
    )


def test_the_finnish_page_explains_a_short_password_in_finnish(admin_client: Client) -> None:
    invite(admin_client, language="fi")
    nora = Client()
    page = open_link(nora, link_in(last_mail())[0])
    refused = nora.post(page.wsgi_request.path, {"password1": "lyhyt-1", "password2": "lyhyt-1"})
    assert refused.status_code == 400 and "liian lyhyt" in refused.content.decode()


# --- Inviting: duplicates, bad input, permissions -------------------------------------------


def test_an_address_with_a_pending_invitation_is_refused(admin_client: Client) -> None:
    invite(admin_client)
    again = invite(admin_client, email=NORA_ADDRESS.upper())
    assert again.status_code == 400
    assert "already has a pending invitation" in again.content.decode()
    assert Invitation.objects.count() == 1 and OutboxMessage.objects.count() == 1


def test_an_address_with_an_account_is_refused(admin_client: Client, eddie: User) -> None:
    taken = invite(admin_client, email="Eddie@espoo.example")
    assert (
        taken.status_code == 400 and "already has a staff account (eddie)" in taken.content.decode()
    )
    eddie.is_active = False
    eddie.save()
    inactive = invite(admin_client, email="eddie@espoo.example")
    assert inactive.status_code == 400 and "Reactivate it" in inactive.content.decode()
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_a_revoked_address_can_be_invited_again(admin_client: Client) -> None:
    invite(admin_client)
    admin_client.post(f"/en/staff/accounts/users/invitations/{Invitation.objects.get().pk}/revoke/")
    assert invite(admin_client).status_code == 302
    assert Invitation.objects.pending().count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "nora@"}, "email"),
        ({"email": "nora@espoo.example\r\nBcc: x@evil.example"}, "email"),
        ({"email": "n" * 140 + "@espoo.example"}, "email"),
        ({"first_name": "N" * 151}, "first_name"),
        ({"last_name": "N" * 151}, "last_name"),
        ({"role": "superuser"}, "role"),
        ({"role": ""}, "role"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    admin_client: Client, change: dict[str, str], field: str
) -> None:
    response = invite(admin_client, lang="fi", **change)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'id="error-summary"' in response.content.decode()
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_the_errors_are_in_the_admins_language(admin_client: Client) -> None:
    response = invite(admin_client, lang="sv", email="nora@")
    with translation.override("sv"):
        from django.core.validators import EmailValidator

        expected = str(EmailValidator.message)
    assert expected != "Enter a valid email address."
    assert expected in response.content.decode()


def test_an_admin_cannot_send_endless_invitations(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(invitations, "INVITATIONS_PER_HOUR", 2)
    assert invite(admin_client, email="a@espoo.example").status_code == 302
    assert invite(admin_client, email="b@espoo.example").status_code == 302
    third = invite(admin_client, email="c@espoo.example")
    assert third.status_code == 400 and "Try again later" in third.content.decode()
    assert Invitation.objects.count() == 2


@pytest.mark.parametrize("persona", ["eddie", "vera"])
def test_only_admins_invite_resend_and_revoke(
    admin_client: Client, persona: str, request: Any
) -> None:
    invite(admin_client)
    invitation = Invitation.objects.get()
    other = login(Client(), request.getfixturevalue(persona))
    assert other.get("/en/staff/accounts/users/invite/").status_code == 403
    assert invite(other, email="x@espoo.example").status_code == 403
    base = f"/en/staff/accounts/users/invitations/{invitation.pk}"
    assert other.post(f"{base}/resend/").status_code == 403
    assert other.post(f"{base}/revoke/").status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and OutboxMessage.objects.count() == 1
    assert Invitation.objects.count() == 1


def test_anonymous_visitors_only_reach_the_link(admin_client: Client) -> None:
    invite(admin_client)
    invitation = Invitation.objects.get()
    anonymous = Client()
    for url in (
        "/en/staff/accounts/users/invite/",
        f"/en/staff/accounts/users/invitations/{invitation.pk}/resend/",
        f"/en/staff/accounts/users/invitations/{invitation.pk}/revoke/",
    ):
        response = anonymous.post(url, NORA)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], url
    assert open_link(anonymous, link_in(last_mail())[0]).status_code == 200


def test_the_actions_refuse_non_admins_themselves(eddie: User) -> None:
    with pytest.raises(invitations.Refused):
        invitations.invite(eddie, email="x@espoo.example", role="admin", language="en")


def test_the_users_page_lists_pending_invitations(admin_client: Client) -> None:
    invite(admin_client, language="sv")
    page = admin_client.get("/en/staff/accounts/users/").content.decode()
    assert "Pending invitations" in page and NORA_ADDRESS in page
    assert "Swedish" in page and "editor" in page and "ada" in page
    assert "/en/staff/accounts/users/invite/" in page
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    assert "expired" in admin_client.get("/en/staff/accounts/users/").content.decode()


def test_an_expired_invitation_can_be_sent_again(admin_client: Client) -> None:
    invite(admin_client)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    admin_client.post(f"/en/staff/accounts/users/invitations/{Invitation.objects.get().pk}/resend/")
    assert choose_password(Client(), link_in(last_mail())[0]).status_code == 302


def test_an_accepted_invitation_cannot_be_resent_or_revoked(admin_client: Client) -> None:
    invite(admin_client)
    choose_password(Client(), link_in(last_mail())[0])
    invitation = Invitation.objects.get()
    base = f"/en/staff/accounts/users/invitations/{invitation.pk}"
    resent = admin_client.post(f"{base}/resend/", follow=True)
    assert "already been accepted" in resent.content.decode()
    admin_client.post(f"{base}/revoke/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and OutboxMessage.objects.count() == 1


# --- Audit trail and logs ---------------------------------------------------------------------


def test_every_step_is_audited_without_the_token(
    admin_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    invite(admin_client)
    invitation = Invitation.objects.get()
    _url, first_token = link_in(last_mail())
    base = f"/en/staff/accounts/users/invitations/{invitation.pk}"
    admin_client.post(f"{base}/resend/")
    url, token = link_in(last_mail())
    nora = Client()
    page = open_link(nora, url)
    nora.post(page.wsgi_request.path, {"password1": "short", "password2": "short"})  # 400
    choose_password(nora, url)
    open_link(Client(), url)  # 410: used

    events = AuditEvent.objects.filter(model="accounts.invitation", object_id=str(invitation.pk))
    steps = [event.changes["invitation"] for event in events.order_by("id")]
    assert steps == ["sent", ["sent", "resent"], ["pending", "accepted"]]
    sent = events.order_by("id")[0]
    assert sent.actor_label == "ada" and sent.changes["role"] == "editor"
    accepted = events.order_by("id").last()
    assert accepted is not None and accepted.actor_label == NORA_ADDRESS
    assert AuditEvent.objects.filter(action="login", changes__method="invitation").exists()

    trail = str(list(AuditEvent.objects.values()))
    for secret in (first_token, token, invitations.hash_token(token), GOOD_PASSWORD):
        assert secret not in trail
        assert secret not in caplog.text
    assert NORA_ADDRESS not in str(list(events.values("object_repr")))


def test_revoking_is_audited(admin_client: Client) -> None:
    invite(admin_client)
    invitation = Invitation.objects.get()
    admin_client.post(f"/en/staff/accounts/users/invitations/{invitation.pk}/revoke/")
    event = AuditEvent.objects.filter(model="accounts.invitation").order_by("id").last()
    assert event is not None and event.changes == {"invitation": ["pending", "revoked"]}
    assert event.actor_label == "ada"


def test_only_the_hash_of_the_token_is_stored(admin_client: Client) -> None:
    invite(admin_client)
    _url, token = link_in(last_mail())
    stored = str(list(Invitation.objects.values()))
    assert token not in stored and invitations.hash_token(token) in stored


def test_ended_invitations_are_removed_by_the_daily_retention_command(
    admin_client: Client,
) -> None:
    from io import StringIO

    from django.core.management import call_command

    invite(admin_client)
    invite(admin_client, email="old.expired@example.org")
    invite(admin_client, email="recently.revoked@example.org")
    long_ago = timezone.now() - timedelta(days=invitations.ENDED_KEPT_DAYS + 1)
    Invitation.objects.filter(email="old.expired@example.org").update(expires_at=long_ago)
    Invitation.objects.filter(email="recently.revoked@example.org").update(
        revoked_at=timezone.now()
    )
    out = StringIO()
    call_command("erase_expired_personal_data", "--dry-run", stdout=out)
    assert "1 ended invitations due." in out.getvalue()
    assert Invitation.objects.count() == 3  # a dry run removes nothing

    call_command("erase_expired_personal_data", stdout=out)

    kept = set(Invitation.objects.values_list("email", flat=True))
    assert kept == {NORA_ADDRESS, "recently.revoked@example.org"}
    assert "Removed 1 staff invitations" in out.getvalue()
    removal = AuditEvent.objects.get(action="delete", model="accounts.invitation")
    assert "old.expired" not in removal.object_repr and "old.expired" not in str(removal.changes)
