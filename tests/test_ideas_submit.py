"""The public cooperation-idea form: a partner sends an idea and gets a reference."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape

from audit.models import AuditEvent
from ideas.actions import next_reference
from ideas.models import Idea, OutboxMessage, ReferenceCounter, Status
from strategy.models import Goal
from tests.ideas_support import SCRIPT, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("attachment_dir")]
URL = "/en/ideas/"


def test_the_form_url_is_named_and_prefixed() -> None:
    for language in ["fi", "sv", "en"]:
        with translation.override(language):
            assert reverse("ideas:submit") == f"/{language}/ideas/"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_it_shows_an_accessible_form_in_each_language(client: Client, language: str) -> None:
    response = client.get(f"/{language}/ideas/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert 'value="' + language + '"' in html and "checked" in html
    for autocomplete in ["name", "email", "tel", "organization", "url", "country"]:
        assert f'autocomplete="{autocomplete}"' in html
    assert html.count("<fieldset") >= 5  # idea, organisation, contact, goals, language
    assert 'enctype="multipart/form-data"' in html
    assert "621/1999" in html or language != "en"


def test_it_offers_the_current_goals(client: Client) -> None:
    html = client.get(URL).content.decode()
    for goal in Goal.objects.current():
        assert escape(goal.title_en) in html


def test_the_language_defaults_to_the_page_language(client: Client) -> None:
    form = client.get("/sv/ideas/").context["form"]
    assert form["language"].value() == "sv"


def test_it_stores_an_idea_and_shows_the_reference(client: Client) -> None:
    goals = list(Goal.objects.current()[:2])
    data = form_data(goals=[g.pk for g in goals])
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    idea = Idea.objects.get()
    year = timezone.localdate().year
    assert idea.reference.startswith(f"IDEA-{year}-")
    assert idea.reference in response.content.decode()
    assert "Thank you for your idea" in response.content.decode()
    assert idea.status == Status.RECEIVED
    assert list(idea.goals.all()) == goals
    assert idea.organisation_country.code == "EE"
    assert [s.status for s in idea.status_history.all()] == [Status.RECEIVED]
    assert len(idea.status_token_hash) == 64


def test_the_confirmation_redirect_is_signed(client: Client) -> None:
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert "/en/ideas/submitted/" in response["Location"]
    forged = client.get("/en/ideas/submitted/IDEA-2026-0001/")
    assert forged.status_code == 404
    assert "Page not found" in forged.content.decode()


def test_references_count_up_per_year() -> None:
    assert next_reference(2031) == "IDEA-2031-0001"
    assert next_reference(2031) == "IDEA-2031-0002"
    assert next_reference(2032) == "IDEA-2032-0001"
    assert ReferenceCounter.objects.get(year=2031).last == 2


def test_the_submission_is_audited_with_personal_data_masked(client: Client) -> None:
    client.post(URL, form_data(), REMOTE_ADDR="192.0.2.7")
    idea = Idea.objects.get()
    event = AuditEvent.objects.get(model="ideas.idea", object_id=str(idea.pk))
    assert event.action == "create"
    assert event.actor_label == "anonymous"
    assert event.ip_address == "192.0.2.7"
    assert event.changes["contact_email"] == [None, "•••"]
    assert event.changes["contact_name"] == [None, "•••"]
    assert event.changes["title"][1] == idea.title
    assert not AuditEvent.objects.filter(model="ideas.outboxmessage").exists()


def test_a_double_submission_creates_one_idea(client: Client) -> None:
    data = form_data()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Idea.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert OutboxMessage.objects.count() == 2  # one confirmation, one team mail


@pytest.mark.parametrize(
    "field",
    ["title", "description", "offer", "hopes", "organisation_name", "contact_name"],
)
def test_whitespace_only_counts_as_empty(client: Client, field: str) -> None:
    response = client.post(URL, form_data(**{field: " \t\n  "}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["This field is required."]
    assert not Idea.objects.exists()


def test_an_empty_form_lists_every_missing_field(client: Client) -> None:
    response = client.post(URL, {"form_key": form_data()["form_key"]})
    html = response.content.decode()
    assert not Idea.objects.exists()
    assert 'id="error-summary" tabindex="-1" role="alert"' in html
    assert html.index('id="error-summary"') < html.index("<h1>")
    assert '<a href="#id_title">' in html
    assert '<a href="#id_language_0">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'id="id_title_error"' in html
    assert "Please accept the privacy notice to send your idea." in html
    assert "<title>Error: Send a cooperation idea" in html


def test_a_one_megabyte_description_gets_a_clear_message(client: Client) -> None:
    response = client.post(URL, form_data(description="a" * 1_000_000))
    assert response.status_code == 200
    [message] = response.context["form"].errors["description"]
    assert "at most 10000 characters" in message
    assert not Idea.objects.exists()


@pytest.mark.parametrize("email", ["not-an-address", "a@", "@example.org", "a b@example.org"])
def test_invalid_email_is_refused(client: Client, email: str) -> None:
    response = client.post(URL, form_data(contact_email=email))
    assert response.context["form"].errors["contact_email"] == ["Enter a valid email address."]
    assert not Idea.objects.exists()


def test_invalid_choices_and_phone_are_refused(client: Client) -> None:
    data = form_data(
        organisation_kind="pirate",
        organisation_country="XX",
        language="de",
        contact_phone="call me",
        goals=["999999"],
        organisation_website="javascript:alert(1)",
    )
    errors = client.post(URL, data).context["form"].errors
    assert set(errors) >= {
        "organisation_kind",
        "organisation_country",
        "language",
        "contact_phone",
        "goals",
        "organisation_website",
    }
    assert not Idea.objects.exists()


def test_html_and_script_are_stored_as_text_and_shown_escaped(client: Client) -> None:
    text_fields = ["title", "description", "offer", "hopes", "organisation_name", "contact_name"]
    response = client.post(URL, form_data(**dict.fromkeys(text_fields, SCRIPT)), follow=True)
    assert SCRIPT not in response.content.decode()
    idea = Idea.objects.get()
    for field in text_fields:
        assert getattr(idea, field) == SCRIPT


def test_html_in_a_refused_form_is_echoed_escaped(client: Client) -> None:
    response = client.post(URL, form_data(title=SCRIPT, contact_email=SCRIPT))
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1]
    assert "&lt;script&gt;" in html


def test_right_to_left_and_emoji_text_is_stored_intact(client: Client) -> None:
    title = "تعاون مدينة إسبو 🌍🤝 שיתוף פעולה"
    name = "‏محمد الأحمد 👩🏽‍🔬"
    client.post(URL, form_data(title=title, contact_name=name, description=title * 3))
    idea = Idea.objects.get()
    assert (idea.title, idea.contact_name, idea.description) == (title, name, title * 3)


def test_a_missing_csrf_token_is_refused() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, form_data())
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert not Idea.objects.exists()


def test_the_consent_links_the_privacy_notice(client: Client) -> None:
    html = client.get(URL).content.decode()
    assert f'<a href="{reverse("portal:privacy")}">Read the privacy notice</a>' in html
    assert 'aria-describedby="id_consent_helptext"' in html


def test_the_privacy_link_is_omitted_while_there_is_no_privacy_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_privacy_page(name: str, *args: object, **kwargs: object) -> str:
        raise NoReverseMatch(name)

    monkeypatch.setattr("ideas.forms.reverse", no_privacy_page)
    html = client.get(URL).content.decode()
    assert "Read the privacy notice" not in html
    assert "I have read the privacy notice" in html
