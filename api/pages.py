"""Plain Django views: open-data downloads, the catalogue and the human pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt

from api import dcat, opendata

T = TypeVar("T")
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _built(key: str, build: Callable[[], T]) -> T:
    """A file built at most once per API_OPEN_DATA_CACHE_SECONDS (they cost seconds at scale)."""
    seconds = settings.API_OPEN_DATA_CACHE_SECONDS
    if not seconds:
        return build()
    key = f"api:open-data:{key}"
    value = django_cache.get(key)
    if value is None:
        value = build()
        django_cache.set(key, value, seconds)
    return value


@require_GET
def dataset(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    data = opendata.BY_SLUG.get(slug)
    if data is None or fmt not in opendata.FORMATS:
        raise Http404
    if fmt == "csv":
        body = _built(f"{slug}.csv", lambda: opendata.to_csv(data))
        return _download(body, CSV_TYPE, f"{slug}.csv")
    body = _built(f"{slug}.json", lambda: opendata.to_json(data))
    return _download(body, JSON_TYPE, f"{slug}.json")


@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    body = _built("zip", opendata.to_zip)
    return _download(body, "application/zip", "international-espoo-open-data.zip")


CATALOG_SUFFIXES = {
    "jsonld": "application/ld+json",
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
}


@require_GET
def catalog(request: HttpRequest, suffix: str = "") -> HttpResponse:
    """The DCAT-AP catalogue: JSON-LD, Turtle or RDF/XML.

    ``/api/v1/catalog`` answers what ``Accept`` prefers (JSON-LD by default);
    ``catalog.jsonld``, ``catalog.ttl`` and ``catalog.rdf`` are fixed addresses of each.
    """
    if suffix:
        media_type = CATALOG_SUFFIXES[suffix]
    else:
        media_type = dcat.negotiate(request.headers.get("Accept", ""))
    body = dcat.serialize(dcat.catalog(), media_type)
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    if not suffix:
        response["Vary"] = "Accept"
    return response


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "fi"
    datasets = [
        {
            "slug": data.slug,
            "title": data.title.get(lang, data.title["fi"]),
            "description": data.description.get(lang, data.description["fi"]),
            "columns": [(column.name, column.described()) for column in data.columns],
            "csv": reverse("api:dataset", args=[data.slug, "csv"]),
            "json": reverse("api:dataset", args=[data.slug, "json"]),
        }
        for data in opendata.DATASETS
    ]
    context = {
        "title": _("Open data"),
        "description": _(
            "Open data on Espoo's international work: datasets as CSV and JSON under CC BY 4.0, "
            "a DCAT-AP catalogue and a REST API."
        ),
        "datasets": datasets,
    }
    return render(request, "api/open_data.html", context)


@cache
def _schema(language: str = "en") -> dict[str, Any]:
    """The OpenAPI schema as built in ``language`` (choice labels, help texts translated)."""
    from drf_spectacular.generators import SchemaGenerator

    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


METHODS = ("get", "post", "patch", "put", "delete")
# CommonMark without raw HTML: the schema's texts are ours, but the page stays safe anyway.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def _html(text: str) -> SafeString:
    """A schema text, translated when the catalogue knows it, with its Markdown as HTML."""
    translated = translation.gettext(text) if text else ""
    return mark_safe(_MARKDOWN.render(translated))  # noqa: S308 - raw HTML is off above


@cache
def _operations(language: str) -> list[dict[str, Any]]:
    """Every operation of the schema, in ``language``, kept per process."""
    schema = _schema(language)
    rows = []
    with translation.override(language):
        for path, operations in schema["paths"].items():
            for method in METHODS:
                operation = operations.get(method)
                if not operation:
                    continue
                security = operation.get("security") or []
                rows.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": translation.gettext(operation.get("summary", "")),
                        "parameters": [
                            {
                                "name": parameter["name"],
                                "location": parameter["in"],
                                "description": _html(parameter.get("description", "")),
                            }
                            for parameter in operation.get("parameters", [])
                        ],
                        "token": any("tokenAuth" in entry for entry in security)
                        and method != "get",
                    }
                )
    return rows


def endpoints() -> list[dict[str, Any]]:
    """Every operation of the OpenAPI schema in the active language, for the docs page."""
    return _operations(get_language() or settings.LANGUAGE_CODE)


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/api_docs.html",
        {
            "title": _("REST API"),
            "description": _("How to read Espoo's international work through the REST API."),
            "endpoints": endpoints(),
            "schema_url": reverse("api:schema"),
            "catalog_url": reverse("api:catalog"),
            "max_page_size": settings.API_MAX_PAGE_SIZE,
        },
    )


@require_GET
def docs_redirect(request: HttpRequest) -> HttpResponse:
    """/api/v1/docs/ → the documentation page in the reader's language."""
    with translation.override(translation.get_language_from_request(request)):
        return redirect(reverse("opendata:api_docs"))
