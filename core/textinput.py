"""Text that enters the system: NUL characters are refused (PostgreSQL cannot store them,
and no person types one) and deeply nested data is refused before it is walked.

``RefuseNulMiddleware`` applies this to every request's path, query and form fields (and
file names); the API's JSON bodies are checked field by field by DRF's own
``ProhibitNullCharactersValidator``, so a client learns which field was refused. Importers
call ``check_text``, ``loads_json`` or ``strip_nul`` on what they read from files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"
MAX_DEPTH = 50


class BadText(ValueError):
    """Input that cannot be accepted; ``str()`` is a translated message for the person."""


def contains_nul(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        raise BadText(_("The data is nested too deeply."))
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, bytes):
        return b"\x00" in value
    if isinstance(value, dict):
        return any(
            contains_nul(k, depth + 1) or contains_nul(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return any(contains_nul(v, depth + 1) for v in value)
    return False


def strip_nul(value: Any, depth: int = 0) -> Any:
    """``value`` (data from another system) without NUL characters: cleaned, not refused,
    where no person is there to read a refusal."""
    if depth > MAX_DEPTH:
        raise BadText(_("The data is nested too deeply."))
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, dict):
        return {strip_nul(k, depth + 1): strip_nul(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_nul(v, depth + 1) for v in value]
    return value


def check_text(value: Any) -> None:
    """Refuse ``value`` (a string, or data read from a file) holding a NUL character or
    nested deeper than MAX_DEPTH."""
    if contains_nul(value):
        raise BadText(_("The data contains a NUL character, which is not allowed in text."))


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` that refuses NUL characters and deep nesting with a BadText."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise BadText(_("The data is nested too deeply.")) from exc
    check_text(data)
    return data


def _request_has_nul(request: HttpRequest) -> bool:
    if (
        NUL in request.path
        or "%00" in request.META.get("QUERY_STRING", "")
        or contains_nul(dict(request.GET.lists()))
    ):
        return True
    content_type = request.content_type or ""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        names = [f.name or "" for files in request.FILES.lists() for f in files[1]]
        return contains_nul(dict(request.POST.lists())) or contains_nul(names)
    return False


class RefuseNulMiddleware:
    """A request carrying a NUL character anywhere a text is read gets a clear 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refused = _request_has_nul(request)
            message = _("The request contains a NUL character, which is not allowed in text.")
        except BadText as bad:
            refused, message = True, str(bad)
        if not refused:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        context = {"title": _("The request could not be read"), "message": message}
        return render(request, "400.html", context, status=400)
