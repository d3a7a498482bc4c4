"""Open data: DCAT-AP catalogue, CSV/JSON downloads, the ZIP with its README, the page."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from api import opendata
from core.csvsafe import safe_cell, safe_row
from tests import api_support as helpers
from tests.a11y import assert_no_violations
from tests.api_support import World

world = helpers.world

pytestmark = pytest.mark.django_db

DCAT = "dcat:"


def test_safe_cell_neutralises_formulas() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Espoo") == "Espoo"
    assert safe_cell(-5) == -5
    assert safe_cell(None) is None
    assert safe_cell("") == ""
    assert safe_row(["=x", 1]) == ["'=x", 1]


def test_the_catalogue_is_dcat_ap(client: Client, settings: Any) -> None:
    response = client.get("/api/v1/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = json.loads(response.content)
    assert catalog["@type"] == "dcat:Catalog"
    assert {"dcat", "dct", "foaf"} <= set(catalog["@context"])
    assert {t["@language"] for t in catalog["dct:title"]} == {"fi", "sv", "en"}
    assert {t["@language"] for t in catalog["dct:description"]} == {"fi", "sv", "en"}
    assert catalog["dct:publisher"]["foaf:name"][2]["@value"] == "City of Espoo"
    assert catalog["dct:license"]["@id"] == opendata.METADATA_LICENSE  # CC0 for metadata
    datasets = catalog["dcat:dataset"]
    assert {d["dct:identifier"].removeprefix("international-espoo-") for d in datasets} == {
        "activities",
        "organisations",
        "networks",
        "partnerships",
        "goals",
        "sdg-alignment",
    }
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert {t["@language"] for t in dataset["dct:title"]} == {"fi", "sv", "en"}
        assert {t["@language"] for t in dataset["dct:description"]} == {"fi", "sv", "en"}
        assert dataset["dct:publisher"]["@id"] == opendata.PUBLISHER_URI
        formats = {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in dataset["dcat:distribution"]}
        assert formats == {"CSV", "JSON"}
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            assert distribution["dct:license"]["@id"] == opendata.DATA_LICENSE  # CC BY 4.0
            url = distribution["dcat:downloadURL"]["@id"]
            assert url.startswith(settings.SITE_URL)
            download = client.get(url.removeprefix(settings.SITE_URL))
            assert download.status_code == 200, url


def _csv(client: Client, slug: str) -> list[dict[str, str]]:
    response = client.get(f"/api/v1/open-data/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_csv_has_public_items_only_and_neutralises_formulas(client: Client, world: World) -> None:
    rows = {row["slug"]: row for row in _csv(client, "activities")}
    assert "zz-internal-lead" not in rows
    lighting = rows["zz-smart-lighting"]
    assert lighting["summary_en"] == '\'=HYPERLINK("http://evil")'
    assert lighting["title_sv"] == "Smart belysning"
    assert lighting["sdgs"] == "11"  # the engine's unconfirmed SDG 5 is not published
    assert lighting["sdg_targets"] == "11.6"
    assert lighting["participants"] == "zz-testhausen:coordinator"
    organisations = {row["slug"] for row in _csv(client, "organisations")}
    assert "zz-testhausen" in organisations and "zz-secret-co" not in organisations
    networks = {row["slug"] for row in _csv(client, "networks")}
    assert "zz-test-network" in networks and "zz-hidden-network" not in networks


def test_alignment_dataset_has_confirmed_links_of_public_items(
    client: Client, world: World
) -> None:
    rows = [row for row in _csv(client, "sdg-alignment") if row["item_slug"].startswith("zz-")]
    found = {(row["item_slug"], row["goal_id"], row["sdg"], row["sdg_target"]) for row in rows}
    assert found == {
        ("zz-smart-lighting", str(world.goal.pk), "", ""),
        ("zz-smart-lighting", "", "11", "11.6"),
        ("zz-test-network", "", "17", ""),
    }


def test_json_distribution_matches_the_csv_columns(client: Client, world: World) -> None:
    response = client.get("/api/v1/open-data/activities.json")
    rows = response.json()
    assert list(rows[0]) == opendata.BY_SLUG["activities"].header
    lighting = next(row for row in rows if row["slug"] == "zz-smart-lighting")
    assert lighting["sdgs"] == [11]
    assert lighting["summary_en"] == '=HYPERLINK("http://evil")'  # JSON is not a spreadsheet


def test_unknown_dataset_or_format_is_404(client: Client) -> None:
    assert client.get("/api/v1/open-data/nothing.csv").status_code == 404
    assert client.get("/api/v1/open-data/activities.xlsx").status_code == 404


def test_the_zip_has_every_file_and_the_readme_describes_every_column(
    client: Client, world: World
) -> None:
    response = client.get("/api/v1/open-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"README.md", "catalog.jsonld"} <= names
    readme = archive.read("README.md").decode("utf-8")
    assert "CC BY 4.0" in readme and "CC0" in readme
    for dataset in opendata.DATASETS:
        assert {f"{dataset.slug}.csv", f"{dataset.slug}.json"} <= names
        header = next(csv.reader(io.StringIO(archive.read(f"{dataset.slug}.csv").decode())))
        section = readme.split(f"## {dataset.slug}.csv", 1)[1].split("\n## ", 1)[0]
        documented = re.findall(r"^\| (\w+) \| .+ \|$", section, flags=re.MULTILINE)
        assert documented[0] == "column"  # the table's own header row
        assert documented[1:] == header, dataset.slug
    catalog = json.loads(archive.read("catalog.jsonld"))
    assert catalog["@type"] == "dcat:Catalog"


@pytest.mark.parametrize(
    ("lang", "heading", "licence"),
    [
        ("fi", "Avoin data", "Lisenssi"),
        ("sv", "Öppna data", "Licens"),
        ("en", "Open data", "Licence"),
    ],
)
def test_the_open_data_page_in_each_language(
    client: Client, lang: str, heading: str, licence: str
) -> None:
    response = client.get(f"/{lang}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert licence in html
    assert f'<html lang="{lang}">' in html
    assert escape(opendata.BY_SLUG["activities"].title[lang]) in html
    assert "/api/v1/open-data/activities.csv" in html
    assert "/api/v1/open-data.zip" in html


def test_the_api_docs_page_lists_the_endpoints(client: Client) -> None:
    response = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert response["Location"] == "/sv/open-data/api/"
    html = client.get("/sv/open-data/api/").content.decode()
    assert "/api/v1/activities/{key}/" in html
    assert "PATCH" in html
    assert "/api/v1/schema/" in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_open_data_pages_have_no_axe_violations(browser: Any, client: Client, lang: str) -> None:
    for path in (f"/{lang}/open-data/", f"/{lang}/open-data/api/"):
        assert_no_violations(browser, client, path)


def test_files_are_rebuilt_only_after_the_cache_time(
    client: Client, world: World, settings: Any
) -> None:
    settings.API_OPEN_DATA_CACHE_SECONDS = 300
    first = client.get("/api/v1/open-data/activities.csv").content
    world.public.title_sv = "Ny titel"
    world.public.save()
    assert client.get("/api/v1/open-data/activities.csv").content == first
    settings.API_OPEN_DATA_CACHE_SECONDS = 0
    assert b"Ny titel" in client.get("/api/v1/open-data/activities.csv").content
