"""Every API error is JSON, in the language of the request (Accept-Language).

``{"detail": "…", "code": "…"}`` for errors about the request as a whole;
``{"field": ["…"], "title": {"fi": ["…"]}}`` for invalid fields.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.fields import LANGS


def api_errors(error: DjangoValidationError) -> dict[str, Any]:
    """A model's validation errors keyed as the API names the fields.

    ``title_fi`` becomes ``{"title": {"fi": [...]}}``; errors of the whole record go under
    ``non_field_errors``, as DRF names them.
    """
    result: dict[str, Any] = {}
    for field, messages in error.message_dict.items():
        base, _sep, lang = field.rpartition("_")
        if base and lang in LANGS:
            if not isinstance(result.get(base), dict):
                result[base] = {}  # the per-language message says more than the plain one
            result[base][lang] = messages
        elif field == "__all__":
            result["non_field_errors"] = messages
        elif not isinstance(result.get(field), dict):
            result[field] = messages
    return result


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(api_errors(exc))
    elif isinstance(exc, Http404):
        exc = NotFound()  # Django's message names the model, untranslated
    elif isinstance(exc, Throttled) and exc.wait is not None:
        # DRF formats the wait into its message before translating it: never translated.
        wait = exc.wait
        translated = Throttled(
            detail=_("Too many requests. Try again in %(seconds)s seconds.") % {"seconds": wait}
        )
        translated.wait = wait  # Retry-After
        exc = translated
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        code = getattr(response.data["detail"], "code", None)
        if code:
            response.data["code"] = code
    return response


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Unknown addresses under /api/ answer in JSON too."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
