"""The DCAT-AP catalogue: valid under the official DCAT-AP 3.0.1 SHACL shapes (pyshacl),
with the recommended properties, served as JSON-LD, Turtle and RDF/XML."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import rdflib
from django.conf import settings
from django.test import Client
from pyshacl import validate
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from tests import api_support as helpers
from tests.api_support import World

world = helpers.world
pytestmark = pytest.mark.django_db

SHAPES = Path(settings.BASE_DIR).parent / "shared" / "data" / "dcat-ap" / "dcat-ap-3.0.1-SHACL.ttl"
DCATAP = rdflib.Namespace("http://data.europa.eu/r5r/")
# Controlled vocabularies DCAT-AP requires (EU authority tables, ADMS, IANA media types):
# their terms are typed only in the vocabularies themselves, which are not loaded offline.
VOCABULARIES = (
    "http://publications.europa.eu/resource/authority/",
    "http://purl.org/adms/",
    "https://www.iana.org/assignments/media-types/",
)


def shapes_file() -> Path:
    if not SHAPES.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"The DCAT-AP shapes are missing: {SHAPES}")
        pytest.skip(f"The DCAT-AP shapes are not here ({SHAPES}); they are in CI.")
    return SHAPES


def catalogue(client: Client, accept: str = "", path: str = "/api/v1/catalog") -> rdflib.Graph:
    response = client.get(path, HTTP_ACCEPT=accept) if accept else client.get(path)
    assert response.status_code == 200
    kind = response["Content-Type"].split(";")[0]
    graph = rdflib.Graph()
    graph.parse(
        data=response.content.decode(),
        format={
            "application/ld+json": "json-ld",
            "text/turtle": "turtle",
            "application/rdf+xml": "xml",
        }[kind],
    )
    return graph


def needs_eu_vocabularies(report: rdflib.Graph, result: Any, data: rdflib.Graph) -> bool:
    """An sh:class result on a value that only the EU vocabularies (not loaded) describe."""
    if report.value(result, SH.sourceConstraintComponent) != SH.ClassConstraintComponent:
        return False
    value = report.value(result, SH.value)
    return (
        isinstance(value, rdflib.URIRef)
        and str(value).startswith(VOCABULARIES)
        and (value, RDF.type, None) not in data
    )


def test_the_catalogue_meets_the_dcat_ap_3_shapes(client: Client, world: World) -> None:
    shapes = shapes_file()
    data = catalogue(client)
    _conforms, report, _text = validate(
        data,
        shacl_graph=str(shapes),
        inference="none",
        allow_warnings=True,
    )
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        if needs_eu_vocabularies(report, result, data):
            continue
        violations.append(
            f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
            f"{report.value(result, SH.resultMessage)}"
        )
    assert not violations, "\n".join(violations)


def test_the_recommended_properties_are_there(client: Client, world: World) -> None:
    data = catalogue(client)
    catalog = next(data.subjects(RDF.type, DCAT.Catalog))
    for prop in (DCTERMS.spatial, DCTERMS.issued, DCTERMS.modified, DCAT.themeTaxonomy):
        assert data.value(catalog, prop) is not None, prop
    datasets = list(data.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 6
    for dataset in datasets:
        for prop in (DCTERMS.spatial, DCTERMS.temporal, DCTERMS.issued, DCAT.theme):
            assert data.value(dataset, prop) is not None, (dataset, prop)
        publisher = data.value(dataset, DCTERMS.publisher)
        assert data.value(publisher, DCTERMS.type) is not None
    for distribution in data.subjects(RDF.type, DCAT.Distribution):
        assert data.value(distribution, DCATAP.availability) is not None
        descriptions = {d.language for d in data.objects(distribution, DCTERMS.description)}
        assert descriptions == {"fi", "sv", "en"}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "application/ld+json"),
        ("text/turtle", "text/turtle"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/html,application/rdf+xml;q=0.5,text/turtle;q=0.9", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_content_negotiation_gives_the_same_graph(
    client: Client, world: World, accept: str, expected: str
) -> None:
    response = client.get("/api/v1/catalog", HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith(expected)
    assert "Accept" in response["Vary"]
    reference = catalogue(client, path="/api/v1/catalog.jsonld")
    assert isomorphic(catalogue(client, accept), reference)


def test_each_format_has_its_own_address(client: Client, world: World) -> None:
    for suffix, kind in (
        ("jsonld", "application/ld+json"),
        ("ttl", "text/turtle"),
        ("rdf", "application/rdf+xml"),
    ):
        response = client.get(f"/api/v1/catalog.{suffix}")
        assert response["Content-Type"].startswith(kind)
    assert json.loads(client.get("/api/v1/catalog.jsonld").content)["@type"] == "dcat:Catalog"
