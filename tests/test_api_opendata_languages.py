"""The open-data page describes every column in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client

from api import opendata

pytestmark = pytest.mark.django_db

EXPECTED = {
    "fi": ("Toiminnan tunniste tässä palvelussa (pysyvä).", "Otsikko suomeksi.", "Merkitys"),
    "sv": ("Verksamhetens id i denna tjänst (stabil).", "Rubrik på finska.", "Betydelse"),
    "en": ("Identifier of the activity in this service (stable).", "Title in Finnish.", "Meaning"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_column_descriptions_are_in_the_page_language(client: Client, lang: str) -> None:
    html = client.get(f"/{lang}/open-data/").content.decode()
    plain, per_language, header = EXPECTED[lang]
    assert f"<td>{plain}</td>" in html and f"<td>{per_language}</td>" in html
    assert f">{header}</th>" in html
    assert 'lang="en"' not in html.split("<main", 1)[1] or lang == "en"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_column_description_has_a_translation(lang: str) -> None:
    from django.utils import translation

    with translation.override(lang):
        untranslated = [
            column.name
            for dataset in opendata.DATASETS
            for column in dataset.columns
            if column.described() == column.description
        ]
    assert untranslated == []


def test_the_readme_in_the_archive_stays_in_english() -> None:
    from django.utils import translation

    with translation.override("fi"):
        assert "Title in Finnish." in opendata.BY_SLUG["activities"].columns[2].description
