"""The only request format the API reads: a JSON object, of bounded size."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


class LimitedJSONParser(BaseParser):
    media_type = "application/json"

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = settings.API_MAX_BODY_KB * 1024
        too_large = _("The request body is larger than %(limit)s kB.") % {
            "limit": settings.API_MAX_BODY_KB
        }
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        try:
            if declared and int(declared) > limit:
                raise ParseError(too_large)
        except ValueError:
            raise ParseError(_("The Content-Length header is not a number.")) from None
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise ParseError(too_large)
        try:
            return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
        except UnicodeDecodeError:
            raise ParseError(_("The request body is not UTF-8 text.")) from None
        except (ValueError, RecursionError) as exc:
            raise ParseError(
                _("The request body is not valid JSON: %(error)s") % {"error": exc}
            ) from None
