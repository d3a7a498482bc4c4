"""The open-data catalogue in DCAT-AP 3: built as JSON-LD, served as JSON-LD, Turtle or RDF/XML.

Mandatory and recommended properties of DCAT-AP 3.0.1 for the catalogue, its datasets and
their distributions; tests/test_api_dcat.py validates it with pyshacl against the official
shapes.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone, translation

from api.opendata import (
    CONTACT_EMAIL,
    DATA_LICENSE,
    DATASETS,
    LANGS,
    METADATA_LICENSE,
    PUBLISHER_NAME,
    PUBLISHER_URI,
    Dataset,
    Text,
    download_url,
)
from portfolio.models import Activity

EU = "http://publications.europa.eu/resource/authority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGE_URIS = {"fi": "FIN", "sv": "SWE", "en": "ENG"}
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}
# The catalogue was first published with the API (issued); GeoNames' Espoo (spatial).
ISSUED = "2026-11-27"
ESPOO_GEONAMES = "https://sws.geonames.org/660129/"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
THEME_TAXONOMY = f"{EU}/data-theme"
CATALOG_TEXT = {
    "title": {
        "fi": "Kansainvälinen Espoo – avoin data",
        "sv": "Internationella Esbo – öppna data",
        "en": "International Espoo open data",
    },
    "description": {
        "fi": "Espoon kaupungin kansainvälisen toiminnan avoimet aineistot: hankkeet, "
        "kumppaniorganisaatiot, verkostot, ystävyyskaupungit, tavoitteet ja kytkös YK:n "
        "kestävän kehityksen tavoitteisiin.",
        "sv": "Esbo stads öppna data om den internationella verksamheten: projekt, "
        "partnerorganisationer, nätverk, vänorter, mål och koppling till FN:s mål för "
        "hållbar utveckling.",
        "en": "Open data on the City of Espoo's international work: activities, partner "
        "organisations, networks, partner cities, goals and alignment with the UN "
        "Sustainable Development Goals.",
    },
}
DISTRIBUTION_TEXT = {
    "csv": {
        "fi": "CSV (UTF-8, pilkuin eroteltu, ensimmäisellä rivillä sarakkeiden nimet).",
        "sv": "CSV (UTF-8, kommaseparerad, kolumnnamnen på första raden).",
        "en": "CSV (UTF-8, comma-separated, the column names on the first row).",
    },
    "json": {
        "fi": "JSON: taulukko olioita, joilla on samat kentät kuin CSV:n sarakkeilla.",
        "sv": "JSON: en lista av objekt med samma fält som CSV-filens kolumner.",
        "en": "JSON: an array of objects with the same fields as the CSV's columns.",
    },
}
# What content negotiation serves (rdflib's serializer names).
MEDIA_TYPES = {
    "application/ld+json": "json-ld",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
}


def _lang_literals(text: Text) -> list[dict[str, str]]:
    return [{"@value": text[lang], "@language": lang} for lang in LANGS]


def _publisher() -> dict[str, Any]:
    return {
        "@id": PUBLISHER_URI,
        "@type": "foaf:Agent",
        "foaf:name": _lang_literals(PUBLISHER_NAME),
        "dct:type": {"@id": PUBLISHER_TYPE},
    }


def _spatial() -> dict[str, Any]:
    return {"@id": ESPOO_GEONAMES, "@type": "dct:Location"}


def _temporal() -> dict[str, Any] | None:
    """From the first public activity's start to today."""
    first = Activity.objects.public().aggregate(first=Min("start_date"))["first"]
    if first is None:
        return None
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": first.isoformat(), "@type": "xsd:date"},
    }


def landing_page() -> str:
    """The open-data page, in Finnish: one stable address for the catalogue's identifiers."""
    with translation.override("fi"):
        return settings.SITE_URL + reverse("opendata:index")


def _distribution(dataset: Dataset, fmt: str) -> dict[str, Any]:
    url = download_url(dataset, fmt)
    file_type, media_type = FORMATS[fmt]
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _lang_literals(
            {lang: f"{dataset.title[lang]} ({file_type})" for lang in LANGS}
        ),
        "dct:description": _lang_literals(DISTRIBUTION_TEXT[fmt]),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": f"{EU}/file-type/{file_type}"},
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"},
        "dct:license": {"@id": DATA_LICENSE, "@type": "dct:LicenseDocument"},
        "dcatap:availability": {"@id": f"{EU}/planned-availability/STABLE"},
    }


def _dataset(dataset: Dataset, modified: str, temporal: dict[str, Any] | None) -> dict[str, Any]:
    page = landing_page()
    node = {
        "@id": f"{page}#{dataset.slug}",
        "@type": "dcat:Dataset",
        "dct:identifier": f"international-espoo-{dataset.slug}",
        "dct:title": _lang_literals(dataset.title),
        "dct:description": _lang_literals(dataset.description),
        "dcat:keyword": _lang_literals(dataset.keywords),
        "dct:publisher": _publisher(),
        "dcat:contactPoint": {
            "@type": ["vcard:Organization", "vcard:Kind"],
            "vcard:fn": "City of Espoo, international affairs",
            "vcard:hasEmail": {"@id": f"mailto:{CONTACT_EMAIL}"},
        },
        "dcat:theme": {"@id": f"{EU}/data-theme/GOVE"},
        "dct:accessRights": {"@id": f"{EU}/access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": f"{EU}/frequency/UPDATE_CONT"},
        "dct:language": [{"@id": f"{EU}/language/{code}"} for code in LANGUAGE_URIS.values()],
        "dct:spatial": _spatial(),
        "dct:issued": {"@value": ISSUED, "@type": "xsd:date"},
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dcat:landingPage": {"@id": page, "@type": "foaf:Document"},
        "dcat:distribution": [_distribution(dataset, fmt) for fmt in FORMATS],
    }
    if temporal:
        node["dct:temporal"] = temporal
    return node


def catalog() -> dict[str, Any]:
    """The DCAT-AP catalogue (JSON-LD) of every dataset."""
    modified = timezone.localdate().isoformat()
    temporal = _temporal()
    return {
        "@context": CONTEXT,
        "@id": settings.SITE_URL + reverse("api:catalog"),
        "@type": "dcat:Catalog",
        "dct:title": _lang_literals(CATALOG_TEXT["title"]),
        "dct:description": _lang_literals(CATALOG_TEXT["description"]),
        "dct:publisher": _publisher(),
        "dct:license": {"@id": METADATA_LICENSE, "@type": "dct:LicenseDocument"},
        "dct:language": [{"@id": f"{EU}/language/{code}"} for code in LANGUAGE_URIS.values()],
        "dct:spatial": _spatial(),
        "dct:issued": {"@value": ISSUED, "@type": "xsd:date"},
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dcat:themeTaxonomy": {
            "@id": THEME_TAXONOMY,
            "@type": "skos:ConceptScheme",
            "dct:title": {"@value": "Data theme", "@language": "en"},
        },
        "foaf:homepage": {"@id": landing_page(), "@type": "foaf:Document"},
        "dcat:dataset": [_dataset(dataset, modified, temporal) for dataset in DATASETS],
    }


def serialize(document: dict[str, Any], media_type: str) -> str:
    """The catalogue in one of :data:`MEDIA_TYPES` (JSON-LD as built; others via rdflib)."""
    if media_type == "application/ld+json":
        return json.dumps(document, ensure_ascii=False, indent=1)
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    return graph.serialize(format=MEDIA_TYPES[media_type])


def negotiate(accept: str) -> str:
    """The media type to answer for an Accept header; JSON-LD unless another is preferred."""
    best, best_q = "application/ld+json", 0.0
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        kind = pieces[0].lower()
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if kind in MEDIA_TYPES and q > best_q:
            best, best_q = kind, q
    return best
