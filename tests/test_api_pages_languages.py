"""The open-data page and the API documentation page read in the page's language: the column
descriptions, the operations' summaries and parameters, their Markdown as HTML."""

from __future__ import annotations

import pytest
from django.test import Client

from api import opendata

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
# Per page: how each text stands in it; per language: the texts. The first two must not stand
# in the page in another language.
AS_HTML = {
    "/open-data/": ("<td>{}</td>", "<td>{}</td>", ">{}</th>"),
    "/open-data/api/": ("<td>{}</td>", "{}", "<li><code>eu_project</code> - {}</li>"),
}
SAYS = {
    "/open-data/": {
        "fi": ("Toiminnan tunniste tässä palvelussa (pysyvä).", "Otsikko suomeksi.", "Merkitys"),
        "sv": ("Verksamhetens id i denna tjänst (stabil).", "Rubrik på finska.", "Betydelse"),
        "en": (
            "Identifier of the activity in this service (stable).",
            "Title in Finnish.",
            "Meaning",
        ),
    },
    "/open-data/api/": {
        "fi": ("Yksi julkinen toiminta", "Sanoja otsikossa tai tiivistelmässä", "EU-hanke"),
        "sv": ("En offentlig verksamhet", "Ord i titeln eller sammanfattningen", "EU-projekt"),
        "en": ("One public activity", "Words in the title or summary", "EU project"),
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", sorted(SAYS))
def test_the_page_is_in_the_page_language(client: Client, path: str, lang: str) -> None:
    html = client.get(f"/{lang}{path}").content.decode()
    says = [form.format(text) for form, text in zip(AS_HTML[path], SAYS[path][lang], strict=True)]
    assert [text for text in says if text not in html] == []  # the API's Markdown as HTML too
    others = [text for code, texts in SAYS[path].items() if code != lang for text in texts[:2]]
    assert [text for text in others if text in html] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_english_is_marked_on_the_open_data_page(client: Client, lang: str) -> None:
    html = client.get(f"/{lang}/open-data/").content.decode()
    assert 'lang="en"' not in html.split("<main", 1)[1] or lang == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_raw_markdown_is_left_on_the_api_docs_page(client: Client, lang: str) -> None:
    html = client.get(f"/{lang}/open-data/api/").content.decode()
    assert "* `" not in html and "`eu_project`" not in html
    assert "identifying this" not in html or lang == "en"  # Django REST framework's own text


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
