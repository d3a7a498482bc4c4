"""Three languages: prefixes, a switcher that keeps the page, complete catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import polib  # type: ignore[import-untyped,unused-ignore]
import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from strategy.models import Goal

pytestmark = pytest.mark.django_db
LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def test_root_redirects_to_finnish(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/"


def test_root_follows_the_browser_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")
    assert response["Location"] == "/sv/"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_shows_the_current_goals_in_each_language(client: Client, language: str) -> None:
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    for goal in Goal.objects.current():
        assert escape(getattr(goal, f"title_{language}")) in html
    assert "2021" in html  # says which period's goals it shows


def test_language_switcher_keeps_the_current_page(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/fi/admin/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/admin/login/"


def test_language_switcher_refuses_offsite_next(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


# The project's catalogue and the apps' own (e.g. eudata/locale/).
CATALOGUES = sorted(
    str(path.relative_to(settings.BASE_DIR))
    for pattern in ("locale/*/LC_MESSAGES/django.po", "*/locale/*/LC_MESSAGES/django.po")
    for path in Path(settings.BASE_DIR).glob(pattern)
    if ".venv" not in path.parts and path.parts[-3] in {"fi", "sv"}
)


def test_every_language_has_its_catalogues() -> None:
    assert "locale/fi/LC_MESSAGES/django.po" in CATALOGUES
    assert "locale/sv/LC_MESSAGES/django.po" in CATALOGUES
    assert len([c for c in CATALOGUES if "/fi/" in c]) == len(
        [c for c in CATALOGUES if "/sv/" in c]
    )


@pytest.mark.parametrize("path", CATALOGUES)
def test_catalogue_is_complete(path: str) -> None:
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / path))
    # The main catalogue must not shrink by accident (a makemessages run from an app folder
    # once emptied it); an app's own catalogue holds only that app's strings.
    assert len(catalogue) > (500 if path.startswith("locale/") else 0)
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("path", CATALOGUES)
def test_translations_keep_their_placeholders(path: str) -> None:
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / path))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ), entry.msgid


def test_gettext_calls_use_named_placeholders_only() -> None:
    positional = re.compile(r"""_\(\s*["'][^"']*%[sd]""")
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if ".venv" in path.parts:
            continue
        assert not positional.search(path.read_text(encoding="utf-8")), path
