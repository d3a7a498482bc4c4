from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmarks' baseline: a Django view that does no work (only with BENCH_VIEWS)."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal, as a page of our own in the visitor's language."""
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    context = {
        "title": _("The form could not be sent"),
        "message": _(
            "For your security the form was refused: it was open for too long, or cookies "
            "are blocked in your browser. Go back, reload the page and send the form again."
        ),
    }
    return render(request, "403_csrf.html", context, status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` for clients that ask for it without reading the page's icon link."""
    return redirect(static("img/favicon.ico"), permanent=True)
