"""How the OpenAPI schema describes the token and which operations need it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema

SAFE = {"GET", "HEAD", "OPTIONS"}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token made by an administrator (docs/api.md); "
            "writing needs the operation's scope.",
        }


class AutoSchema(BaseAutoSchema):
    def get_auth(self) -> list[dict[str, list[str]]]:
        """Reading needs no token; writing does."""
        if self.method.upper() in SAFE:
            return []
        # The parent also registers the security scheme component.
        return [entry for entry in super().get_auth() if entry]
