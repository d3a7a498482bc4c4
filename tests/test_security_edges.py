"""Security at the edges (issue #14), tried as an attacker would: several addresses, proxy
headers, the Django admin, encoded paths, NUL characters. The suite runs on SQLite and on
PostgreSQL in CI, where a NUL that reached the database would be a 500."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from audit.models import AuditEvent
from core import throttle
from core.clientip import client_ip
from core.models import ThrottleHit
from eudata.importer import run_import
from ideas.models import Idea, IdeaAttachment, Status
from ops.logging import redact
from portfolio.models import Activity
from radar.fileimport import ImportFailed, import_file
from radar.models import Call
from tests import eudata_support
from tests.api_support import make_token
from tests.ideas_support import form_data, pdf
from tests.personas import PASSWORD
from tests.workspace_support import make_idea, status_path

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "Zq3kP9xVb2LmN8rT"


# --- One way to count a client ---------------------------------------------------------


def _request(remote: str = "10.0.0.1", forwarded: str | None = None) -> Any:
    extra: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("192.0.2.7", "203.0.113.1")) == "192.0.2.7"


def test_behind_proxies_the_entry_the_outermost_trusted_proxy_added_is_the_client(
    settings: Any,
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    forged = "6.6.6.6, 203.0.113.9"  # the client sent 6.6.6.6; our proxy appended the rest
    assert client_ip(_request("10.0.0.1", forged)) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"
    # A header shorter than the proxy chain, or not an address: the peer, never the header.
    assert client_ip(_request("10.0.0.1", "203.0.113.9")) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.1", "<script>")) == "10.0.0.1"


def test_a_rotating_forwarded_header_does_not_escape_the_api_throttle(
    client: Client, settings: Any
) -> None:
    settings.API_ANON_RATE = "2/minute"
    answers = [
        client.get("/api/v1/activities/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]


def test_the_throttled_api_answer_is_translated(client: Client, settings: Any) -> None:
    settings.API_ANON_RATE = "1/minute"
    client.get("/api/v1/activities/")
    refused = client.get("/api/v1/activities/", HTTP_ACCEPT_LANGUAGE="fi")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Liian monta pyyntöä" in refused.json()["detail"]


def test_the_audit_trail_records_the_client_behind_the_proxy(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/en/staff/login/",
        {"username": "eddie", "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    event = AuditEvent.objects.filter(action="login_fail").latest("id")
    assert event.ip_address == "203.0.113.9"


# --- One throttle for every way in -------------------------------------------------------


def _admin_login(client: Client, password: str, address: str) -> Any:
    return client.post(
        "/fi/admin/login/?next=/fi/admin/",
        {"username": "sune", "password": password, "next": "/fi/admin/"},
        REMOTE_ADDR=address,
    )


def test_the_django_admin_login_is_throttled_like_every_way_in(client: Client, sune: User) -> None:
    for n in range(7):
        _admin_login(client, "wrong", f"192.0.2.{n}")
    refused = _admin_login(client, PASSWORD, "192.0.2.99")
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Liian monta epäonnistunutta yritystä" in refused.content.decode()


def test_a_known_browser_is_not_locked_out_by_someone_elses_failures(
    client: Client, eddie: User, settings: Any
) -> None:
    """Behind the proxy everyone shares its address; the owner's own browser still gets in."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy: dict[str, Any] = {"REMOTE_ADDR": "10.0.0.1"}
    owner = client.post(
        "/en/staff/login/",
        {"username": "eddie", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert owner.status_code == 302 and "known_device" in owner.cookies
    client.post("/en/staff/logout/")
    attacker = Client()
    for n in range(10):
        attacker.post(
            "/en/staff/login/",
            {"username": "eddie", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
            **proxy,
        )
    guessed = attacker.post(
        "/en/staff/login/",
        {"username": "eddie", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.50",
        **proxy,
    )
    assert "Too many failed attempts" in guessed.content.decode()  # the account waits
    again = client.post(
        "/en/staff/login/",
        {"username": "eddie", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert again.status_code == 302  # the owner's known browser is counted on its own


def test_a_forged_known_device_cookie_counts_for_nothing(client: Client, eddie: User) -> None:
    client.cookies["known_device"] = "forged"
    for _ in range(5):
        client.post("/en/staff/login/", {"username": "eddie", "password": "guess"})
    refused = client.post("/en/staff/login/", {"username": "eddie", "password": PASSWORD})
    assert "Too many failed attempts" in refused.content.decode()


def test_guessing_api_tokens_is_throttled_per_address(client: Client, settings: Any) -> None:
    settings.LOGIN_ADDRESS_ATTEMPTS = 3
    bad: dict[str, Any] = {"HTTP_AUTHORIZATION": "Bearer ie_not-a-real-token"}
    codes = [
        client.post("/api/v1/activities/", {}, REMOTE_ADDR="192.0.2.1", **bad).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    other = client.post("/api/v1/activities/", {}, REMOTE_ADDR="192.0.2.2", **bad)
    assert other.status_code == 401


def test_guessing_invitation_links_is_throttled_per_address(client: Client, settings: Any) -> None:
    settings.LOGIN_ADDRESS_ATTEMPTS = 3
    for n in range(3):
        assert (
            client.get(f"/sv/staff/accounts/invitation/guess{n}/", follow=True).status_code == 404
        )
    refused = client.get("/sv/staff/accounts/invitation/guess9/", follow=True)
    assert refused.status_code == 429
    assert "För många misslyckade försök" in refused.content.decode()


def test_many_accounts_tried_from_one_address_are_held_by_the_address_limit(
    client: Client, eddie: User, settings: Any
) -> None:
    settings.LOGIN_ADDRESS_ATTEMPTS = 4
    for n in range(4):  # credential stuffing: a different account each time
        client.post("/en/staff/login/", {"username": f"user{n}", "password": "x"})
    refused = client.post("/en/staff/login/", {"username": "eddie", "password": PASSWORD})
    assert "Too many failed attempts" in refused.content.decode()
    elsewhere = Client().post(
        "/en/staff/login/", {"username": "eddie", "password": PASSWORD}, REMOTE_ADDR="192.0.2.77"
    )
    assert elsewhere.status_code == 302  # the account itself was never tried


def test_a_token_in_the_query_string_is_not_accepted(client: Client, eddie: User) -> None:
    _token, secret = make_token(eddie, "activities:write")
    response = client.post(
        f"/api/v1/activities/?token={secret}&access_token={secret}",
        json.dumps({"title": {"fi": "Testi"}, "kind": "other"}),
        content_type="application/json",
    )
    assert response.status_code == 401


def test_no_cross_origin_access_is_granted(client: Client) -> None:
    response = client.get("/api/v1/activities/", HTTP_ORIGIN="https://evil.example")
    assert not any(h.lower().startswith("access-control-") for h in response.headers)
    preflight = client.options(
        "/api/v1/activities/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_the_throttle_keeps_no_user_name_or_address(client: Client, eddie: User) -> None:
    client.post("/en/staff/login/", {"username": "eddie", "password": "x"}, REMOTE_ADDR="192.0.2.5")
    for key in ThrottleHit.objects.values_list("key", flat=True):
        assert "eddie" not in key and "192.0.2.5" not in key


def test_report_pdfs_have_a_per_user_limit(client: Client, ada: User, settings: Any) -> None:
    settings.REPORT_PDF_LIMIT = 1
    throttle.hit(throttle.report_build(), throttle.key_of("user", ada.pk))
    client.force_login(ada)
    refused = client.get("/fi/staff/insights/report/?kind=annual&year=2024&language=fi&format=pdf")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "HTML" in refused.content.decode()


# --- One gate, and the second factor ----------------------------------------------------


def test_an_admin_who_owes_the_second_factor_cannot_use_the_django_admin(
    client: Client, sune: User, settings: Any
) -> None:
    settings.STAFF_REQUIRE_TOTP_FOR = "admin"
    assert _admin_login(client, PASSWORD, "192.0.2.1").status_code == 302
    page = client.get("/fi/admin/ideas/idea/")
    assert page.status_code == 302 and "/two-factor/setup/" in page["Location"]


def test_with_debug_off_admins_need_a_second_factor_by_default() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    env.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org", STAFF_REQUIRE_TOTP_FOR="")
    env.pop("STAFF_REQUIRE_TOTP_FOR")
    code = "from django.conf import settings; print(settings.STAFF_REQUIRE_TOTP_FOR)"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip().splitlines()[-1] == "admin", done.stderr


# --- Attachments go out as what their content proved -----------------------------------


def test_a_pdf_named_html_is_served_as_a_pdf(
    client: Client, eddie: User, settings: Any, tmp_path: Path
) -> None:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    sent = Client().post("/en/ideas/", {**form_data(), "attachments": [pdf("evil.html")]})
    assert sent.status_code == 302
    attachment = IdeaAttachment.objects.get(original_name="evil.html")
    idea = attachment.idea
    client.force_login(eddie)
    response = client.get(f"/en/staff/ideas/{idea.pk}/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="evil.html.pdf"' in response["Content-Disposition"]


# --- NUL characters and deep nesting: a clear refusal, never a 500 ---------------------


def test_a_nul_in_the_withdrawal_reason_is_refused_and_changes_nothing(client: Client) -> None:
    idea = make_idea()
    response = client.post(status_path(idea) + "withdraw/", {"reason": "bye\x00"})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status != Status.WITHDRAWN


@pytest.mark.parametrize(
    "url",
    [
        "/en/staff/audit/?q=%00",
        "/en/activities/?q=a%00b",
        "/en/activities/x%00y/",
        "/api/v1/activities/?q=%00",
    ],
)
def test_a_nul_anywhere_in_the_address_is_a_clear_400(client: Client, ada: User, url: str) -> None:
    client.force_login(ada)
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def _write_activity(client: Client, owner: User, body: dict[str, Any]) -> Any:
    _token, secret = make_token(owner, "activities:write")
    return client.post(
        "/api/v1/activities/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def test_a_nul_in_an_api_body_is_a_field_error(client: Client, eddie: User) -> None:
    response = _write_activity(client, eddie, {"title": {"fi": "a\x00b"}, "kind": "other"})
    assert response.status_code == 400 and "title" in response.json()


def test_a_nul_in_a_link_by_slug_is_a_field_error_not_a_database_error(
    client: Client, eddie: User
) -> None:
    """Found by schemathesis on PostgreSQL: the unit's slug reached the look-up query."""
    body = {"title": {"fi": "Testi"}, "kind": "other", "responsible_unit": "a\x00b"}
    response = _write_activity(client, eddie, body)
    assert response.status_code == 400 and "responsible_unit" in response.json()
    assert not Activity.objects.filter(title_fi="Testi").exists()


def test_a_radar_file_with_a_nul_or_deep_nesting_is_refused() -> None:
    with pytest.raises(ImportFailed, match="NUL"):
        import_file("calls.csv", b"call_id,title,programme\nX-1,a\x00b,Horizon\n")
    with pytest.raises(ImportFailed, match="NUL"):
        import_file("calls.json", b'[{"call_id": "X-1", "title": "a\\u0000b"}]')
    with pytest.raises(ImportFailed, match="nested too deeply"):
        import_file("calls.json", b"[" * 100_000 + b"]" * 100_000)
    assert not Call.objects.exists()


def test_an_eu_data_row_with_a_nul_is_rejected_with_its_reason(tmp_path: Path) -> None:
    rows = [eudata_support.operation("Q1001", "Otaniemen Testi Oy\x00", "Espoo")]
    run = run_import("kohesio", [eudata_support.kohesio_csv(tmp_path / "k.csv", rows)])
    assert run.rejections and {r["code"] for r in run.rejections} == {"nul_character"}


# --- Logs: redacted by the route a path reaches -----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        f"GET /fi/ideas/status%2F{TOKEN}/ HTTP/1.1",
        f"GET /fi/ideas/%73tatus/{TOKEN}/ HTTP/1.1",
        f"GET /fi/IDEAS/Status/{TOKEN}/ HTTP/1.1",
        f"GET /fi/ideas/status%252F{TOKEN}/ HTTP/1.1",
        f"GET /fi//ideas//status//{TOKEN}/ HTTP/1.1",
        f"GET /fi/staff/login/?next=%2Ffi%2Fideas%2Fstatus%2F{TOKEN}%2F HTTP/1.1",
        f"https://evil.example/sv/ideas/status/{TOKEN}/withdraw/",
    ],
)
def test_encoded_and_disguised_status_paths_are_redacted(line: str) -> None:
    assert TOKEN not in redact(line)
    assert "[redacted]" in redact(line)


# --- Smaller: messages that are whole and translated ------------------------------------


def test_an_unknown_language_key_is_named_in_the_api_error(client: Client, eddie: User) -> None:
    response = _write_activity(client, eddie, {"title": {"de": "Hallo"}, "kind": "other"})
    message = json.dumps(response.json())
    assert "de" in message and "%(" not in message and "{keys}" not in message


def test_the_csrf_failure_page_is_our_own_and_translated() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sv/ideas/", {"title": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="sv"' in html and "Formuläret kunde inte skickas" in html
