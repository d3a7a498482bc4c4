from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmarks' baseline: a Django view that does no work (only with BENCH_VIEWS)."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` for clients that ask for it without reading the page's icon link."""
    return redirect(static("img/favicon.ico"), permanent=True)
