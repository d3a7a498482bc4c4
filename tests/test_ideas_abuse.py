"""Spam and floods: honeypot, minimum fill time, expired forms and a per-client limit."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEvent
from core.models import ThrottleHit
from ideas.models import Idea, OutboxMessage, StatusChange
from tests.ideas_support import form_data, form_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_dir")]
URL = "/en/ideas/"
REFUSED = "We could not accept the form. Please wait a moment, check it and send it again."


def nothing_stored() -> bool:
    return not (
        Idea.objects.exists()
        or OutboxMessage.objects.exists()
        or StatusChange.objects.exists()
        or AuditEvent.objects.filter(model__startswith="ideas.").exists()
    )


def test_a_filled_honeypot_is_refused_neutrally(client: Client) -> None:
    response = client.post(URL, form_data(homepage="http://spam.example"))
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert "honeypot" not in response.content.decode().lower()
    assert nothing_stored()


def test_the_honeypot_is_hidden_labelled_and_skipped(client: Client) -> None:
    html = client.get(URL).content.decode()
    assert '<label for="id_homepage">Leave this field empty</label>' in html
    assert 'name="homepage" autocomplete="off" tabindex="-1"' in html
    assert 'aria-hidden="true"' in html


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(
    client: Client, settings: Any
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 5
    key = form_key(age=0)
    response = client.post(URL, form_data(form_key=key))
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert nothing_stored()
    # the re-shown form keeps its key, so a person who waits a moment gets through
    assert response.context["form"]["form_key"].value() == key
    settings.IDEAS_MIN_FILL_SECONDS = 0
    assert client.post(URL, form_data(form_key=key)).status_code == 302
    assert Idea.objects.count() == 1


def test_an_expired_form_asks_to_send_again_with_a_fresh_key(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = form_key()
    later = time.time() + 2 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(URL, form_data(form_key=key))
    assert response.status_code == 200
    assert "The form was open too long." in response.content.decode()
    assert response.context["form"]["form_key"].value() != key
    assert nothing_stored()


@pytest.mark.parametrize("key", ["", "forged", form_key()[:-3] + "abc"])
def test_a_missing_or_forged_form_key_is_refused(client: Client, key: str) -> None:
    response = client.post(URL, form_data(form_key=key))
    assert REFUSED in response.content.decode() or "This field is required." in (
        response.content.decode()
    )
    assert nothing_stored()


def test_a_flood_from_one_client_is_answered_with_429(client: Client, settings: Any) -> None:
    settings.IDEAS_RATE_LIMIT = 10
    statuses = [
        client.post(URL, form_data(), REMOTE_ADDR="198.51.100.9").status_code for _ in range(100)
    ]
    assert statuses == [302] * 10 + [429] * 90
    assert Idea.objects.count() == 10
    assert StatusChange.objects.count() == 10
    assert OutboxMessage.objects.count() == 20
    limited = client.post(URL, form_data(), REMOTE_ADDR="198.51.100.9")
    assert "Too many submissions" in limited.content.decode()
    assert 0 < int(limited["Retry-After"]) <= settings.IDEAS_RATE_WINDOW
    # another client is not affected
    assert client.post(URL, form_data(), REMOTE_ADDR="203.0.113.5").status_code == 302


def test_the_limit_stores_no_addresses(client: Client) -> None:
    client.post(URL, form_data(), REMOTE_ADDR="198.51.100.9")
    [row] = ThrottleHit.objects.filter(scope="idea")
    assert "198.51.100.9" not in row.key
    assert len(row.key) == 64


def test_a_resend_of_an_accepted_form_is_answered_even_when_limited(
    client: Client, settings: Any
) -> None:
    settings.IDEAS_RATE_LIMIT = 1
    data = form_data()
    first = client.post(URL, data)
    assert client.post(URL, form_data()).status_code == 429
    assert client.post(URL, data)["Location"] == first["Location"]


def test_refused_automated_posts_count_towards_the_limit(client: Client, settings: Any) -> None:
    settings.IDEAS_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(URL, form_data(homepage="x")).status_code == 400
    assert client.post(URL, form_data()).status_code == 429


def test_the_client_address_can_come_from_the_proxy_header(client: Client, settings: Any) -> None:
    settings.IDEAS_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    first = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.1")
    other = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.2")
    again = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.1")
    assert [first.status_code, other.status_code, again.status_code] == [302, 302, 429]


def test_an_empty_form_sent_at_once_names_the_missing_fields(client: Client, settings: Any) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 5
    response = client.post(URL, {"form_key": form_key(age=0)})
    html = response.content.decode()
    assert response.status_code == 200
    assert REFUSED not in html
    assert '<a href="#id_title">Title of the idea: This field is required.</a>' in html
    assert '<a href="#id_contact_email">Your e-mail address: This field is required.</a>' in html
    assert 'class="field field-invalid"' in html and 'aria-invalid="true"' in html
    assert nothing_stored()


def test_a_complete_form_sent_at_once_is_still_refused(client: Client, settings: Any) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 5
    response = client.post(URL, form_data(form_key=form_key(age=0)))
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert nothing_stored()
