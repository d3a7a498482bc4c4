"""The attachment field's button is in the page's language, not the browser's: the native
file input lies transparent over a button-styled label text (templates/forms/widgets/
file_upload.html), so a click opens the file picker without JavaScript, the field keeps its
one label, and static/js/file-upload.js names the chosen files in a status line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.a11y import open_page
from tests.personas import login, person
from tests.test_ideas_status import submit_and_get_link

pytestmark = pytest.mark.django_db

BUTTON = {"fi": "Valitse tiedostot", "sv": "Välj filer", "en": "Choose files"}


@pytest.fixture(autouse=True)
def quick_forms(settings: Any, tmp_path: Path) -> None:
    settings.IDEAS_MIN_FILL_SECONDS = 0
    settings.IDEAS_ATTACHMENT_DIR = tmp_path / "attachments"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_button_text_is_translated_and_the_field_keeps_one_label(
    client: Client, lang: str
) -> None:
    html = client.get(f"/{lang}/ideas/").content.decode()
    assert f'<span class="file-upload__button" aria-hidden="true">{BUTTON[lang]}</span>' in html
    assert html.count('for="id_attachments"') == 1
    assert 'type="file" name="attachments"' in html
    assert "multiple" in html.split('name="attachments"')[1].split(">")[0]


def test_the_status_page_uses_the_same_field(client: Client) -> None:
    _idea, link = submit_and_get_link(client, language="sv")
    html = client.get(link).content.decode()
    assert BUTTON["sv"] in html


def test_a_click_on_the_button_reaches_the_file_input(browser: Any, client: Client) -> None:
    """Without JavaScript the click itself must open the picker: the element under the
    button's middle is the native input."""
    page = open_page(browser, client, "/fi/ideas/")
    try:
        under = page.evaluate(
            """() => {
              const r = document.querySelector('.file-upload__button').getBoundingClientRect();
              window.scrollTo(0, r.top + window.scrollY - 100);
              const s = document.querySelector('.file-upload__button').getBoundingClientRect();
              const el = document.elementFromPoint(s.left + s.width / 2, s.top + s.height / 2);
              return {id: el.id, type: el.type || ''};
            }"""
        )
        assert under == {"id": "id_attachments", "type": "file"}
        assert page.get_by_label("Liitteet").get_attribute("type") == "file"
    finally:
        page.close()


def test_the_chosen_files_are_named_in_the_page_language(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/sv/ideas/")
    try:
        status = page.locator(".file-upload__status")
        page.wait_for_function(
            "!document.querySelector('.file-upload__status').hidden", timeout=5000
        )
        assert status.inner_text() == "Inga filer har valts."
        page.set_input_files(
            "#id_attachments",
            [
                {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"},
                {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"},
            ],
        )
        assert status.inner_text() == "Valda: plan.pdf, budget.pdf"
        assert status.get_attribute("aria-live") == "polite"
    finally:
        page.close()


def test_the_focused_input_shows_its_focus_on_the_button(browser: Any, client: Client) -> None:
    page = open_page(browser, client, "/en/ideas/")
    try:
        page.locator("#id_attachments").focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # a keyboard focus: :focus-visible
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.file-upload__button')).backgroundColor"
        )
        assert background == "rgb(255, 191, 71)"  # --focus
    finally:
        page.close()


STAFF_UPLOADS = {"eu-data": "id_file", "radar": "id_file"}
ONE_FILE = {"fi": "Valitse tiedosto", "sv": "Välj en fil", "en": "Choose a file"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("area", sorted(STAFF_UPLOADS))
def test_the_staff_uploads_take_one_file_with_a_button_in_the_page_language(
    client: Client, lang: str, area: str
) -> None:
    """The EU-data and radar imports use the same widget, worded for one file."""
    login(client, person("eddie"))
    html = client.get(f"/{lang}/staff/{area}/import/").content.decode()
    assert f'<span class="file-upload__button" aria-hidden="true">{ONE_FILE[lang]}</span>' in html
    assert 'type="file" name="file"' in html
    assert "multiple" not in html.split('name="file"')[1].split(">")[0]
    assert html.count(f'for="{STAFF_UPLOADS[area]}"') == 1
