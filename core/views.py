from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmarks' baseline: a Django view that does no work (only with BENCH_VIEWS)."""
    return HttpResponse("ok", content_type="text/plain")
