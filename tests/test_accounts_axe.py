"""WCAG 2.1 AA on the staff accounts pages: axe-core in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.a11y import assert_no_violations, describe, form_error_violations
from tests.accounts_support import enrol, password_login
from tests.personas import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_user_management_pages_have_no_violations(
    browser: Any, client: Client, ada: User, vera: User, eddie: User, lang: str
) -> None:
    enrol(vera)
    login(client, ada)
    for path in (
        f"/{lang}/staff/accounts/users/",
        f"/{lang}/staff/accounts/users/new/",
        f"/{lang}/staff/accounts/users/{vera.pk}/",
        f"/{lang}/staff/accounts/security/",
    ):
        assert_no_violations(browser, client, path)


SUBMIT = "form.narrow button[type=submit]"
# The admin's forms, each filled in wrongly.
WRONG = {
    "/en/staff/accounts/users/new/": {
        "#id_username": "bad name",
        "#id_email": "nora@",
        "#id_password1": "short",
        "#id_password2": "short",
    },
    "/en/staff/accounts/users/invite/": {"#id_email": "nora@", "#id_first_name": "N" * 151},
}


@pytest.mark.parametrize("path", sorted(WRONG))
def test_the_admin_forms_with_errors_have_no_violations(
    browser: Any, client: Client, ada: User, path: str
) -> None:
    login(client, ada)
    violations = form_error_violations(browser, client, path, WRONG[path], SUBMIT)
    assert not violations, describe(violations)


def test_two_factor_pages_have_no_violations(
    browser: Any, client: Client, vera: User, settings: Any
) -> None:
    settings.STAFF_REQUIRE_TOTP_FOR = "all"
    password_login(client, "vera")
    assert_no_violations(browser, client, "/fi/staff/accounts/two-factor/setup/")
    enrol(vera)
    other = Client()
    password_login(other, "vera")
    assert_no_violations(browser, other, "/sv/staff/accounts/two-factor/")


def test_the_login_with_single_sign_on_and_its_error_page_have_no_violations(
    browser: Any, client: Client, settings: Any
) -> None:
    settings.OIDC_CLIENT_ID, settings.OIDC_ISSUER = "ie", "http://127.0.0.1:9"
    settings.OIDC_PROVIDER_NAME = "Espoo ID"
    settings.OIDC_TIMEOUT = 1
    assert_no_violations(browser, client, "/fi/staff/login/")
    assert_no_violations(browser, client, "/fi/staff/accounts/sso/start/", expect=502)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_invitation_pages_have_no_violations(
    browser: Any, client: Client, ada: User, lang: str
) -> None:
    from accounts import invitations

    invitations.invite(ada, email="nora@espoo.example", role="editor", language=lang)
    login(client, ada)
    for path in (f"/{lang}/staff/accounts/users/", f"/{lang}/staff/accounts/users/invite/"):
        assert_no_violations(browser, client, path)
    _invitation, token = invitations.invite(
        ada, email="pia@espoo.example", role="viewer", language=lang
    )
    invitee = Client()
    invitee.get(f"/{lang}/staff/accounts/invitation/{token}/")  # the token moves to the session
    assert_no_violations(browser, invitee, f"/{lang}/staff/accounts/invitation/set-password/")
    assert_no_violations(
        browser, Client(), f"/{lang}/staff/accounts/invitation/set-password/", expect=404
    )


def test_the_invitation_password_form_with_errors_has_no_violations(
    browser: Any, ada: User
) -> None:
    from accounts import invitations

    _invitation, token = invitations.invite(
        ada, email="nora@espoo.example", role="viewer", language="fi"
    )
    invitee = Client()
    invitee.get(f"/fi/staff/accounts/invitation/{token}/")
    violations = form_error_violations(
        browser,
        invitee,
        "/fi/staff/accounts/invitation/set-password/",
        {"#id_password1": "short", "#id_password2": "short"},
        SUBMIT,
    )
    assert not violations, describe(violations)
