"""TOTP two-factor login: enrolment, verification, recovery codes, replay, lockout."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts import actions, mfa
from accounts.models import RecoveryCode, StaffAccount
from audit.models import AuditEvent
from tests.accounts_support import SECRET, code_now, enrol, password_login, verified
from tests.personas import PASSWORD, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins_need_totp(settings: Any) -> None:
    settings.STAFF_REQUIRE_TOTP_FOR = "admin"


def test_nothing_changes_for_anyone_by_default(client: Client, ada: User) -> None:
    assert password_login(client, "ada").status_code == 302
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/staff/accounts/users/").status_code == 200


def test_a_required_user_enrols_before_anything_else(
    client: Client, ada: User, admins_need_totp: None
) -> None:
    password_login(client, "ada")
    response = client.get("/en/staff/ideas/")
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/accounts/two-factor/setup/?next=/en/staff/ideas/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    secret = client.session["accounts_totp_pending"]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    assert "<svg" in html and "QR code for your authenticator app" in html

    wrong = client.post(page.request["PATH_INFO"], {"code": "000000", "next": "/en/staff/ideas/"})
    assert wrong.status_code == 400
    assert "That code did not match" in wrong.content.decode()
    assert not mfa.is_enrolled(ada)

    done = client.post(
        "/en/staff/accounts/two-factor/setup/",
        {"code": pyotp.TOTP(secret).now(), "next": "/en/staff/ideas/"},
    )
    assert done.status_code == 302
    assert done["Location"].startswith("/en/staff/accounts/two-factor/recovery-codes/")
    codes_page = client.get(done["Location"]).content.decode()
    assert codes_page.count("<code>") == 10
    assert "not shown again" in codes_page
    # Shown once only.
    assert (
        "<code>" not in client.get("/en/staff/accounts/two-factor/recovery-codes/").content.decode()
    )
    assert client.get("/en/staff/ideas/").status_code == 200

    account = StaffAccount.objects.get(user=ada)
    assert account.totp_enrolled and secret not in account.totp_secret
    assert mfa.decrypt(account.totp_secret) == secret
    assert RecoveryCode.objects.filter(user=ada).count() == 10
    trail = str(list(AuditEvent.objects.filter(object_id=str(ada.pk)).values()))
    assert "enrolled" in trail and secret not in trail and account.totp_secret not in trail


def test_enrolled_users_give_a_code_after_the_password(client: Client, vera: User) -> None:
    enrol(vera)
    password_login(client, "vera")
    response = client.get("/en/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/accounts/two-factor/?next=/en/staff/"
    # Enrolling again is no way around it.
    setup = client.get("/en/staff/accounts/two-factor/setup/")
    assert setup.status_code == 302 and "/two-factor/?" in setup["Location"]
    wrong = client.post("/en/staff/accounts/two-factor/", {"code": "123456"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/en/staff/").status_code == 302
    ok = client.post("/en/staff/accounts/two-factor/", {"code": code_now(), "next": "/en/staff/"})
    assert ok.status_code == 302 and ok["Location"] == "/en/staff/"
    assert verified(client)
    assert client.get("/en/staff/").status_code == 200
    assert AuditEvent.objects.filter(
        action="login", object_id=str(vera.pk), changes__method="password+totp"
    ).exists()
    assert AuditEvent.objects.filter(
        action="login_fail", object_id=str(vera.pk), changes__method="totp"
    ).exists()


def test_the_same_code_is_not_accepted_twice(client: Client, vera: User) -> None:
    enrol(vera)
    password_login(client, "vera")
    code = code_now()
    assert client.post("/en/staff/accounts/two-factor/", {"code": code}).status_code == 302
    other = Client()
    password_login(other, "vera")
    replay = other.post("/en/staff/accounts/two-factor/", {"code": code})
    assert replay.status_code == 400
    assert "already been used" in replay.content.decode()
    assert other.get("/en/staff/").status_code == 302


def test_an_older_step_after_a_newer_one_is_refused(vera: User) -> None:
    enrol(vera)
    totp = pyotp.TOTP(SECRET)
    import time

    now = time.time()
    newer, older = totp.at(now + 30), totp.at(now - 30)
    assert actions.verify_second_factor(vera, newer) == "totp"
    with pytest.raises(actions.Refused):
        actions.verify_second_factor(vera, older)


def test_a_recovery_code_works_once(client: Client, vera: User) -> None:
    codes = enrol(vera)
    password_login(client, "vera")
    used = client.post("/en/staff/accounts/two-factor/", {"code": codes[0].upper()})
    assert used.status_code == 302
    assert client.get("/en/staff/").status_code == 200
    assert RecoveryCode.objects.get(user=vera, used_at__isnull=False)
    other = Client()
    password_login(other, "vera")
    again = other.post("/en/staff/accounts/two-factor/", {"code": codes[0]})
    assert again.status_code == 400
    assert other.get("/en/staff/").status_code == 302


def test_codes_are_kept_as_hashes_only(vera: User) -> None:
    codes = enrol(vera)
    stored = list(RecoveryCode.objects.filter(user=vera).values_list("code_hash", flat=True))
    assert not any(
        code in "".join(stored) or code.replace("-", "") in "".join(stored) for code in codes
    )


def test_repeated_wrong_codes_lock_the_step(client: Client, vera: User, settings: Any) -> None:
    settings.STAFF_LOCKOUT_ATTEMPTS = 3
    enrol(vera)
    password_login(client, "vera")
    for _ in range(3):
        client.post("/en/staff/accounts/two-factor/", {"code": "000000"})
    locked = client.post("/en/staff/accounts/two-factor/", {"code": code_now()})
    assert locked.status_code == 400
    assert "Too many failed attempts" in locked.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_a_per_user_requirement_applies_to_that_user_only(
    client: Client, eddie: User, vera: User, ada: User
) -> None:
    actions.set_totp_required(ada, eddie, True)
    password_login(client, "eddie")
    assert client.get("/en/staff/").status_code == 302
    other = Client()
    password_login(other, "vera")
    assert other.get("/en/staff/").status_code == 200


@pytest.mark.parametrize(
    ("setting", "needs"),
    [
        ("none", []),
        ("admin", ["ada"]),
        ("editor", ["eddie", "ada"]),
        ("all", ["vera", "eddie", "ada"]),
    ],
)
def test_the_setting_requires_it_per_role(
    settings: Any, setting: str, needs: list[str], vera: User, eddie: User, ada: User
) -> None:
    settings.STAFF_REQUIRE_TOTP_FOR = setting
    required = [u.username for u in (vera, eddie, ada) if mfa.required_for(u)]
    assert required == needs


def test_the_django_admin_waits_for_the_second_factor(
    client: Client, sune: User, admins_need_totp: None
) -> None:
    login(client, sune)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/accounts/two-factor/setup/")


def test_a_user_may_turn_it_off_unless_required(client: Client, vera: User, settings: Any) -> None:
    enrol(vera)
    login(client, vera)
    client.post("/en/staff/accounts/two-factor/", {"code": code_now()})
    settings.STAFF_REQUIRE_TOTP_FOR = "all"
    refused = client.post("/en/staff/accounts/two-factor/disable/", follow=True)
    assert "required for your account and cannot be turned off" in refused.content.decode()
    assert mfa.is_enrolled(vera)
    settings.STAFF_REQUIRE_TOTP_FOR = "none"
    client.post("/en/staff/accounts/two-factor/disable/")
    assert not mfa.is_enrolled(vera)
    assert not RecoveryCode.objects.filter(user=vera).exists()


def test_new_recovery_codes_replace_the_old_ones(client: Client, vera: User) -> None:
    old = enrol(vera)
    login(client, vera)
    client.post("/en/staff/accounts/two-factor/", {"code": code_now()})
    page = client.post("/en/staff/accounts/two-factor/recovery-codes/").content.decode()
    assert page.count("<code>") == 10 and old[0] not in page
    assert mfa.find_recovery_code(vera, old[0]) is None


def test_a_changed_secret_key_asks_for_a_new_enrolment(vera: User, settings: Any) -> None:
    enrol(vera)
    settings.SECRET_KEY = "another-key-" + "x" * 40
    with pytest.raises(actions.Refused):
        actions.verify_second_factor(vera, code_now())


def test_the_verification_page_in_finnish_and_swedish(client: Client, vera: User) -> None:
    enrol(vera)
    password_login(client, "vera", lang="fi")
    fi = client.get("/fi/staff/accounts/two-factor/").content.decode()
    assert "Kaksivaiheinen kirjautuminen" in fi
    sv = client.get("/sv/staff/accounts/two-factor/").content.decode()
    assert "Tvåstegsinloggning" in sv


def test_password_sign_ins_are_audited_without_the_password(client: Client, eddie: User) -> None:
    client.post("/en/staff/login/", {"username": "eddie", "password": "wrong-password-1"})
    client.post("/en/staff/login/", {"username": "nobody-here", "password": "x"})
    password_login(client, "eddie")
    failed = AuditEvent.objects.filter(action="login_fail", changes__method="password")
    assert failed.filter(object_id=str(eddie.pk)).count() == 1
    assert failed.filter(object_repr="(unknown)").count() == 1
    assert AuditEvent.objects.filter(
        action="login", object_id=str(eddie.pk), actor_label="eddie"
    ).exists()
    trail = str(list(AuditEvent.objects.filter(action__startswith="login").values()))
    assert "wrong-password-1" not in trail and "nobody-here" not in trail


def test_nothing_is_changed_before_the_second_factor(client: Client, vera: User) -> None:
    enrol(vera)
    password_login(client, "vera")
    new = "Pajulahti-kevaalla-2031"
    response = client.post(
        "/en/staff/accounts/security/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/accounts/two-factor/?next=")
    assert User.objects.get(pk=vera.pk).check_password(PASSWORD)
