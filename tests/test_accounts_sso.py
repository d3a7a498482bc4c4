"""OpenID Connect single sign-on against a fake provider (tests/oidc_fake.py)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import StaffAccount
from accounts.roles import role_of
from audit.models import AuditEvent
from tests.oidc_fake import CLIENT_ID, CLIENT_SECRET, FakeProvider, new_key

pytestmark = pytest.mark.django_db

NEW_EMAIL = "eeva.esimerkki@espoo.example"


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeProvider]:
    provider = FakeProvider().start()
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_PROVIDER_NAME = "Espoo ID"
    settings.OIDC_ROLE_CLAIM = "roles"
    settings.OIDC_ROLES_VIEWER = ["IE.Viewer"]
    settings.OIDC_ROLES_EDITOR = ["IE.Editor"]
    settings.OIDC_ROLES_ADMIN = ["IE.Admin"]
    settings.OIDC_CREATE_USERS = True
    settings.OIDC_ALLOWED_DOMAINS = []
    yield provider
    provider.stop()


def sign_in(client: Client, fake: FakeProvider, lang: str = "en", **claims: Any) -> Any:
    start = client.get(f"/{lang}/staff/accounts/sso/start/?next=/{lang}/staff/ideas/")
    assert start.status_code == 302, start
    code, state = fake.authorize(start["Location"], **claims)
    return client.get(f"/{lang}/staff/accounts/sso/callback/", {"code": code, "state": state})


def signed_in_as(client: Client) -> str | None:
    response = client.get("/en/staff/")
    if response.status_code != 200:
        return None
    return response.context["user"].get_username()


def failures() -> int:
    return AuditEvent.objects.filter(action="login_fail", changes__method="sso").count()


def test_the_login_page_offers_single_sign_on_only_when_configured(
    client: Client, settings: Any
) -> None:
    settings.OIDC_CLIENT_ID = ""
    page = client.get("/en/staff/login/").content.decode()
    assert "Sign in with" not in page
    assert client.get("/en/staff/accounts/sso/start/").status_code == 404
    assert client.get("/en/staff/accounts/sso/callback/?code=x&state=y").status_code == 404
    settings.OIDC_CLIENT_ID, settings.OIDC_ISSUER = CLIENT_ID, "https://id.example"
    settings.OIDC_PROVIDER_NAME = "Espoo ID"
    page = client.get("/en/staff/login/?next=/en/staff/ideas/").content.decode()
    assert "Sign in with Espoo ID" in page
    assert "/en/staff/accounts/sso/start/?next=/en/staff/ideas/" in page
    assert "Kirjaudu palvelulla Espoo ID" in client.get("/fi/staff/login/").content.decode()
    assert "Logga in med Espoo ID" in client.get("/sv/staff/login/").content.decode()


def test_the_authorization_request_uses_pkce_state_and_nonce(
    client: Client, fake: FakeProvider
) -> None:
    start = client.get("/en/staff/accounts/sso/start/")
    location = start["Location"]
    assert location.startswith(fake.issuer + "/authorize?")
    for part in ("response_type=code", "code_challenge_method=S256", "scope=openid+email"):
        assert part in location
    flow = client.session["accounts_oidc"]
    assert flow["state"] in location and flow["nonce"] in location
    assert flow["verifier"] not in location  # only its S256 challenge travels
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Ffi%2Fstaff%2Faccounts%2Fsso" in location


def test_a_new_person_is_created_with_the_role_of_the_claim(
    client: Client, fake: FakeProvider
) -> None:
    response = sign_in(client, fake)
    assert response.status_code == 302 and response["Location"] == "/en/staff/ideas/"
    user = User.objects.get(username=NEW_EMAIL)
    assert role_of(user) == "editor"
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Eeva", "Esimerkki")
    account = StaffAccount.objects.get(user=user)
    assert (account.sso_issuer, account.sso_subject) == (fake.issuer, "subject-0001")
    assert signed_in_as(client) == NEW_EMAIL
    assert client.get("/en/staff/ideas/").status_code == 200
    assert fake.token_requests[0]["code_verifier"]  # the fake checked it against the challenge
    event = AuditEvent.objects.get(action="login", object_id=str(user.pk))
    assert event.changes == {"method": "sso"} and event.actor_label == NEW_EMAIL
    assert "id_token" not in str(AuditEvent.objects.filter(object_id=str(user.pk)).values())


def test_the_role_follows_the_claim_at_every_sign_in(
    client: Client, fake: FakeProvider, settings: Any
) -> None:
    sign_in(client, fake, roles=["IE.Viewer", "IE.Admin"])
    user = User.objects.get(username=NEW_EMAIL)
    assert role_of(user) == "admin"
    client.logout()
    settings.OIDC_ROLE_CLAIM = "realm_access.roles"  # Keycloak's nested claim
    sign_in(client, fake, roles=None, realm_access={"roles": ["IE.Viewer", "other"]})
    assert role_of(User.objects.get(pk=user.pk)) == "viewer"
    assert User.objects.filter(email=NEW_EMAIL).count() == 1  # found again by its subject


def test_an_existing_local_account_is_linked_by_its_verified_address(
    client: Client, fake: FakeProvider, eddie: User, settings: Any
) -> None:
    settings.OIDC_CREATE_USERS = False
    response = sign_in(client, fake, email="Eddie@espoo.example", roles=["IE.Editor"])
    assert response.status_code == 302
    assert signed_in_as(client) == "eddie"
    assert StaffAccount.objects.get(user=eddie).sso_subject == "subject-0001"


def test_an_unverified_address_does_not_link_an_account(
    client: Client, fake: FakeProvider, eddie: User, settings: Any
) -> None:
    settings.OIDC_CREATE_USERS = False
    response = sign_in(client, fake, email="eddie@espoo.example", email_verified=False)
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_an_unknown_person_is_refused_when_creation_is_off(
    client: Client, fake: FakeProvider, settings: Any
) -> None:
    settings.OIDC_CREATE_USERS = False
    users = User.objects.count()
    response = sign_in(client, fake)
    assert response.status_code == 403
    page = response.content.decode()
    assert f"There is no staff account for {NEW_EMAIL}" in page
    assert "Ask an administrator of the staff workspace to create one." in page
    assert User.objects.count() == users
    assert signed_in_as(client) is None
    assert failures() == 1


def test_the_refusal_is_translated(client: Client, fake: FakeProvider, settings: Any) -> None:
    settings.OIDC_CREATE_USERS = False
    page = sign_in(client, fake, lang="fi").content.decode()
    assert "Kertakirjautuminen epäonnistui" in page
    assert f"Käyttäjälle {NEW_EMAIL} ei ole henkilökunnan tiliä" in page
    page = sign_in(Client(), fake, lang="sv").content.decode()
    assert f"Det finns inget personalkonto för {NEW_EMAIL}" in page


def test_a_person_without_a_mapped_role_is_refused(client: Client, fake: FakeProvider) -> None:
    response = sign_in(client, fake, roles=["Someone.Else"])
    assert response.status_code == 403
    assert "no role in the staff workspace" in response.content.decode()
    assert not User.objects.filter(username=NEW_EMAIL).exists()


def test_other_domains_are_refused(client: Client, fake: FakeProvider, settings: Any) -> None:
    settings.OIDC_ALLOWED_DOMAINS = ["espoo.fi"]
    response = sign_in(client, fake)
    assert response.status_code == 403
    assert "Accounts of the domain espoo.example cannot sign in here." in response.content.decode()
    assert not User.objects.filter(username=NEW_EMAIL).exists()


def test_a_deactivated_account_is_refused(client: Client, fake: FakeProvider, eddie: User) -> None:
    eddie.is_active = False
    eddie.save()
    response = sign_in(client, fake, email="eddie@espoo.example")
    assert response.status_code == 403
    assert "has been deactivated" in response.content.decode()


def _expired() -> dict[str, Any]:
    now = int(time.time())
    return {"iat": now - 4000, "exp": now - 3600}


@pytest.mark.parametrize(
    ("case", "claims"),
    [
        ("nonce", {"nonce": "not-the-one-we-sent"}),
        ("no nonce", {"nonce": None}),
        ("audience", {"aud": "another-client"}),
        # Authlib's CodeIDToken alone would accept this one (aud is only checked via azp).
        ("audience with our azp", {"aud": "another-client", "azp": CLIENT_ID}),
        ("issuer", {"iss": "https://evil.example"}),
        ("expired", "expired"),
        ("no sub", {"sub": None}),
    ],
)
def test_a_bad_id_token_is_refused(
    client: Client, fake: FakeProvider, case: str, claims: Any
) -> None:
    response = sign_in(client, fake, **(_expired() if claims == "expired" else claims))
    assert response.status_code == 403, case
    assert "The sign-in could not be completed" in response.content.decode()
    assert signed_in_as(client) is None
    assert not User.objects.filter(username=NEW_EMAIL).exists()
    assert failures() == 1


def test_a_token_signed_with_another_key_is_refused(client: Client, fake: FakeProvider) -> None:
    fake.signing_key = new_key()  # same kid, wrong key
    response = sign_in(client, fake)
    assert response.status_code == 403
    assert signed_in_as(client) is None
    event = AuditEvent.objects.get(action="login_fail")
    assert event.changes == {"method": "sso", "reason": "id_token signature"}


def test_a_forged_or_replayed_state_is_refused(client: Client, fake: FakeProvider) -> None:
    start = client.get("/en/staff/accounts/sso/start/")
    code, state = fake.authorize(start["Location"])
    forged = client.get("/en/staff/accounts/sso/callback/", {"code": code, "state": "forged"})
    assert forged.status_code == 403
    # The flow is used up: the right state afterwards does not work either.
    again = client.get("/en/staff/accounts/sso/callback/", {"code": code, "state": state})
    assert again.status_code == 403
    assert signed_in_as(client) is None
    # A callback without any sign-in started (login CSRF) is refused too.
    assert Client().get("/en/staff/accounts/sso/callback/?code=x&state=y").status_code == 403


def test_a_sign_in_that_took_too_long_is_refused(client: Client, fake: FakeProvider) -> None:
    start = client.get("/en/staff/accounts/sso/start/")
    code, state = fake.authorize(start["Location"])
    session = client.session
    session["accounts_oidc"]["started"] -= 3600
    session.save()
    response = client.get("/en/staff/accounts/sso/callback/", {"code": code, "state": state})
    assert response.status_code == 403


def test_the_provider_saying_no_is_shown_clearly(client: Client, fake: FakeProvider) -> None:
    start = client.get("/en/staff/accounts/sso/start/")
    _code, state = fake.authorize(start["Location"])
    response = client.get(
        "/en/staff/accounts/sso/callback/", {"error": "access_denied", "state": state}
    )
    assert response.status_code == 403
    assert "did not sign you in" in response.content.decode()


def test_a_token_endpoint_error_is_refused(client: Client, fake: FakeProvider) -> None:
    fake.token_status = 500
    response = sign_in(client, fake)
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_client_secret_basic_works_too(client: Client, fake: FakeProvider, settings: Any) -> None:
    settings.OIDC_TOKEN_AUTH_METHOD = "client_secret_basic"
    assert sign_in(client, fake).status_code == 302
    assert "client_secret" not in fake.token_requests[0]


def test_an_unreachable_provider_gives_a_clear_page_not_a_crash(
    client: Client, settings: Any
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_ISSUER = f"http://127.0.0.1:{port}"
    settings.OIDC_TIMEOUT = 2
    response = client.get("/en/staff/accounts/sso/start/")
    assert response.status_code == 502
    assert "cannot be reached right now" in response.content.decode()
    fi = client.get("/fi/staff/accounts/sso/start/")
    assert fi.status_code == 502 and "Kertakirjautumispalveluun ei saada" in fi.content.decode()
    assert AuditEvent.objects.filter(action="login_fail").exists()


def test_the_provider_going_away_mid_sign_in_gives_a_clear_page(
    client: Client, fake: FakeProvider
) -> None:
    start = client.get("/en/staff/accounts/sso/start/")
    code, state = fake.authorize(start["Location"])
    fake.stop()
    response = client.get("/en/staff/accounts/sso/callback/", {"code": code, "state": state})
    assert response.status_code == 502
    assert "cannot be reached right now" in response.content.decode()


def test_single_sign_on_counts_as_the_second_factor(
    client: Client, fake: FakeProvider, settings: Any
) -> None:
    settings.STAFF_REQUIRE_TOTP_FOR = "all"
    sign_in(client, fake)
    assert client.get("/en/staff/ideas/").status_code == 200


def login_failure_reason() -> str:
    return str(AuditEvent.objects.get(action="login_fail").changes["reason"])


def test_a_token_for_several_audiences_needs_us_as_the_authorized_party(
    client: Client, fake: FakeProvider
) -> None:
    response = sign_in(client, fake, aud=[CLIENT_ID, "another-client"])
    assert response.status_code == 403
    assert login_failure_reason() == "id_token azp"
    assert sign_in(Client(), fake, aud=[CLIENT_ID, "other"], azp=CLIENT_ID).status_code == 302


def test_only_rs256_signatures_are_accepted(client: Client, fake: FakeProvider) -> None:
    fake.algorithm = "HS256"  # signed with the shared client secret: refused all the same
    response = sign_in(client, fake)
    assert response.status_code == 403
    assert login_failure_reason() == "id_token algorithm"
    assert signed_in_as(client) is None


def test_rotated_provider_keys_are_read_again(client: Client, fake: FakeProvider) -> None:
    assert sign_in(client, fake).status_code == 302
    assert fake.jwks_requests == 1 and fake.discovery_requests == 1
    fake.rotate()
    assert sign_in(Client(), fake).status_code == 302  # unknown key id: the JWKS again
    assert fake.jwks_requests == 2 and fake.discovery_requests == 1  # discovery is cached


def test_a_discovery_document_of_another_issuer_is_refused(
    client: Client, fake: FakeProvider
) -> None:
    fake.discovery_issuer = "https://evil.example"
    response = client.get("/en/staff/accounts/sso/start/")
    assert response.status_code == 500
    assert "not configured correctly" in response.content.decode()
    assert login_failure_reason() == "discovery issuer mismatch"


def test_configured_endpoints_need_no_discovery(
    client: Client, fake: FakeProvider, settings: Any
) -> None:
    settings.OIDC_AUTHORIZATION_ENDPOINT = fake.issuer + "/authorize"
    settings.OIDC_TOKEN_ENDPOINT = fake.issuer + "/token"
    settings.OIDC_JWKS_URI = fake.issuer + "/jwks"
    assert sign_in(client, fake).status_code == 302
    assert fake.discovery_requests == 0 and fake.jwks_requests == 1
    # The issuer is still checked although no discovery document named it.
    assert sign_in(Client(), fake, iss="https://evil.example").status_code == 403


@pytest.mark.parametrize("missing", ["authorization_endpoint", "jwks_uri"])
def test_a_discovery_document_without_an_endpoint_is_a_clear_page(
    client: Client, fake: FakeProvider, missing: str
) -> None:
    fake.discovery_omits = (missing,)
    if missing == "jwks_uri":  # the sign-in starts, but its ID token cannot be checked
        response = sign_in(client, fake)
    else:
        response = client.get("/en/staff/accounts/sso/start/")
    assert response.status_code == 500
    assert "not configured correctly" in response.content.decode()
    assert login_failure_reason() == "endpoint missing"
