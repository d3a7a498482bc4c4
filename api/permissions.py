"""Reading is open to everyone; writing needs a token with the view's scope."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.roles import ADMIN, EDITOR, role_of
from api.models import ApiToken


class ReadOnlyOrScoped(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        token = request.auth
        if not isinstance(token, ApiToken):
            raise NotAuthenticated(_("Writing needs an API token: Authorization: Bearer <token>."))
        scope = getattr(view, "write_scope", None)
        if scope is None or not token.has_scope(scope):
            raise PermissionDenied(
                _("This token does not have the scope %(scope)s.") % {"scope": scope or "-"}
            )
        if role_of(token.owner) not in (EDITOR, ADMIN):
            raise PermissionDenied(_("The token's owner no longer has the editor role."))
        return True
