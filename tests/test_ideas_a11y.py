"""The idea form, its errors, the confirmation and the status page in a real browser.

axe-core finds no WCAG 2.1 AA violations in fi/sv/en, and the form works with the
keyboard alone: every control is reached in order, the honeypot is skipped, and after
a failed submission focus lands on the error summary, which is announced as an alert
and links to the fields, each of which says what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.a11y import (
    assert_no_violations,
    describe,
    form_error_violations,
    open_page,
)
from tests.test_ideas_status import submit_and_get_link

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]
SUBMIT = "form[enctype] button[type=submit]"  # the idea form, not the language switcher


@pytest.fixture(autouse=True)
def quick_forms(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 0
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    assert_no_violations(browser, client, f"/{lang}/ideas/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_with_errors_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    violations = form_error_violations(browser, client, f"/{lang}/ideas/", {}, SUBMIT)
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_page_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    _idea, link = submit_and_get_link(client, language=lang)
    assert_no_violations(browser, client, link)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_withdrawal_page_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    _idea, link = submit_and_get_link(client, language=lang)
    assert_no_violations(browser, client, link + "withdraw/")


def test_not_found_status_page_has_no_violations(browser: Any, client: Client) -> None:
    assert_no_violations(browser, client, "/sv/ideas/status/forged-token/", expect=404)


def _focused(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const el = document.activeElement;"
            " return {id: el.id, submit: String(el.type === 'submit' && !!el.form"
            " && el.form.enctype === 'multipart/form-data')}; }"
        )
    )


def test_form_works_with_the_keyboard_alone(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/en/ideas/")
    try:
        order = []
        for _ in range(80):
            page.keyboard.press("Tab")
            focused = _focused(page)
            order.append(focused["id"])
            if focused["submit"] == "true":
                break
            if focused["id"] == "id_title":
                page.keyboard.type("Keyboard-only idea")
        else:
            pytest.fail(f"the submit button was never reached: {order}")
        fields = [i for i in order if i.startswith("id_")]
        for expected in [
            "id_title",
            "id_description",
            "id_offer",
            "id_hopes",
            "id_organisation_name",
            "id_contact_name",
            "id_contact_email",
            "id_consent",
        ]:
            assert expected in fields, (expected, fields)
        assert (
            fields.index("id_title")
            < fields.index("id_description")
            < fields.index("id_contact_email")
        )
        assert "id_homepage" not in order  # the honeypot is not in the tab order

        page.keyboard.press("Enter")  # submit with most fields empty
        page.wait_for_selector("#error-summary")
        # autofocus is applied at the browser's next rendering step, after the element exists
        page.wait_for_function("document.activeElement?.id === 'error-summary'", timeout=5000)
        assert _focused(page)["id"] == "error-summary"
        summary = page.locator("#error-summary")
        assert summary.get_attribute("role") == "alert"
        assert page.title().startswith("Error:")
        first_link = summary.locator("a").first
        target = first_link.get_attribute("href")
        assert target and target.startswith("#id_")
        field = page.locator(target)
        assert field.get_attribute("aria-invalid") == "true"
        described = field.get_attribute("aria-describedby") or ""
        messages = [page.locator(f"#{ref}").inner_text() for ref in described.split()]
        assert any(text.strip() for text in messages), described
        assert page.locator("#id_title").input_value() == "Keyboard-only idea"  # kept
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_conversation_and_a_refused_reply_have_no_violations(
    browser: Any, client: Client, lang: str
) -> None:
    from ideas import actions
    from tests.personas import person

    idea, link = submit_and_get_link(client, language=lang)
    eddie = person("eddie")
    actions.change_state(idea, "in_review", eddie)
    actions.change_state(idea, "more_info_requested", eddie, answer="Which street?")
    empty_reply = "form[action$='reply/'] button[type=submit]"
    violations = form_error_violations(browser, client, link, {}, empty_reply)
    assert not violations, describe(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_confirmation_page_has_no_violations(browser: Any, client: Client, lang: str) -> None:
    from tests.ideas_support import form_data

    response = client.post(f"/{lang}/ideas/", form_data(language=lang))
    assert_no_violations(browser, client, response["Location"])


def test_the_development_mailbox_has_no_violations(
    browser: Any, client: Client, settings: Any, tmp_path: Path
) -> None:
    from io import StringIO

    from django.core.management import call_command

    from tests.ideas_support import form_data
    from tests.personas import person

    settings.DEV_MAILBOX, settings.DEV_MAILBOX_DIR = True, tmp_path / "devmail"
    settings.EMAIL_BACKEND = "ideas.devmail.EmailBackend"
    settings.ROOT_URLCONF = "tests.devmail_urls"
    client.post("/sv/ideas/", form_data(language="sv"))
    call_command("deliver_mail", stdout=StringIO())
    client.force_login(person("ada"))
    assert_no_violations(browser, client, "/sv/staff/dev/mail/")
