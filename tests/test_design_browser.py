"""The design in a real browser at a phone's width (360 px): no page scrolls sideways, no
page repeats an id, and the phone menu opens without JavaScript. A representative set of
pages keeps it fast; `make screenshots` looks at every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.a11y import describe, open_page, violations_on
from tests.ideas_support import form_data
from tests.personas import login
from tests.test_ideas_status import submit_and_get_link

pytestmark = pytest.mark.django_db

PHONE = {"width": 360, "height": 740}
PUBLIC = [
    "/fi/",
    "/sv/goals/",
    "/en/goals/2021-2025/2/",
    "/fi/activities/",
    "/sv/activities/sparcs/",
    "/en/networks/",
    "/fi/insights/",
    "/sv/ideas/",
    "/en/open-data/",
]
STAFF = ["/fi/staff/", "/sv/staff/ideas/", "/en/staff/activities/", "/fi/staff/themes/"]
LAYOUT = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  return {
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    repeated: ids.filter((id, index) => ids.indexOf(id) !== index),
  };
}"""


def layout(browser: Any, client: Client, path: str, submit: bool = False) -> dict[str, Any]:
    page = open_page(browser, client, path)
    try:
        page.set_viewport_size(PHONE)
        if submit:
            page.click("main form[enctype] button[type=submit]")
            page.wait_for_selector("#error-summary")
        return dict(page.evaluate(LAYOUT))
    finally:
        page.close()


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_fits_a_phone_and_repeats_no_id(
    browser: Any, client: Client, path: str
) -> None:
    found = layout(browser, client, path)
    assert found == {"sideways": 0, "repeated": []}, path


def test_the_idea_form_with_errors_fits_a_phone(
    browser: Any, client: Client, settings: Any
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 5  # sent at once, as a person in a hurry does
    found = layout(browser, client, "/fi/ideas/", submit=True)
    assert found == {"sideways": 0, "repeated": []}


@pytest.mark.parametrize("path", STAFF)
def test_staff_page_fits_a_phone_and_repeats_no_id(
    browser: Any, client: Client, eddie: User, path: str
) -> None:
    login(client, eddie)
    found = layout(browser, client, path)
    assert found == {"sideways": 0, "repeated": []}, path


def test_the_phone_menu_opens_without_javascript(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/en/")
    try:
        page.set_viewport_size(PHONE)
        assert not page.is_visible("nav.main-nav a[href='/en/goals/']")
        page.click("summary.menu__toggle")
        assert page.is_visible("nav.main-nav a[href='/en/goals/']")
    finally:
        page.close()


def test_the_menu_is_always_shown_on_a_wide_screen(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/sv/")
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        assert page.is_visible("nav.main-nav a[href='/sv/goals/']")
        assert not page.is_visible("summary.menu__toggle")
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_confirmation_panel_has_no_axe_violations(
    browser: Any, client: Client, settings: Any, tmp_path: Any, lang: str
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 0
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    response = client.post(f"/{lang}/ideas/", form_data(language=lang))
    assert response.status_code == 302
    page = open_page(browser, client, response["Location"])
    try:
        assert page.is_visible(".panel h1")
        violations = violations_on(page)
        assert not violations, describe(violations)
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_idea_form_with_errors_fits_a_phone_in_every_language(
    browser: Any, client: Client, settings: Any, lang: str
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 5
    found = layout(browser, client, f"/{lang}/ideas/", submit=True)
    assert found == {"sideways": 0, "repeated": []}


def test_the_status_page_fits_a_phone(
    browser: Any, client: Client, settings: Any, tmp_path: Any
) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 0
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    _idea, link = submit_and_get_link(client, language="fi")
    found = layout(browser, client, link)
    assert found == {"sideways": 0, "repeated": []}


def test_an_error_colours_the_border_of_every_kind_of_control(
    browser: Any, client: Client, settings: Any
) -> None:
    """A text box, a text area and a select with an error all have the red border."""
    settings.IDEAS_MIN_FILL_SECONDS = 5
    page = open_page(browser, client, "/en/ideas/")
    try:
        page.click("main form[enctype] button[type=submit]")
        page.wait_for_selector("#error-summary")
        colours = page.evaluate(
            """() => ['#id_title', '#id_description', '#id_organisation_kind'].map(
                 s => getComputedStyle(document.querySelector(s)).borderTopColor)"""
        )
        assert colours == ["rgb(176, 0, 32)"] * 3  # --error
    finally:
        page.close()


def test_a_filter_label_on_two_lines_keeps_its_control_level(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/en/activities/")
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        tops = page.evaluate(
            """() => [...document.querySelectorAll('.filters select')].map(
                 s => Math.round(s.getBoundingClientRect().top))"""
        )
        first_row = [top for top in tops if top < min(tops) + 40]
        assert len(first_row) >= 3 and len(set(first_row)) == 1, tops
    finally:
        page.close()


def test_a_field_is_as_wide_as_what_it_expects(browser: Any, client: Client) -> None:
    """The width classes (docs/design.md) outweigh the inputs' own max-width: 100%."""
    page = open_page(browser, client, "/en/ideas/")
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        widths = page.evaluate(
            """() => Object.fromEntries(['title', 'contact_email', 'contact_phone'].map(
                 n => [n, document.getElementById('id_' + n).getBoundingClientRect().width]))"""
        )
        assert widths["contact_phone"] < widths["contact_email"] < widths["title"], widths
    finally:
        page.close()
