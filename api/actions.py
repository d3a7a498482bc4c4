"""What the API changes: tokens, and activities and organisations written by integrations.

Every change runs as the token's owner, so the audit trail (signals of the audited apps)
records who made it and through which token.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_editor
from api.models import ApiToken, Scope, new_token
from audit.context import Actor, acting_as
from core.tokens import hash_token
from portfolio.models import Activity
from registry.models import Organisation

M = TypeVar("M", bound=models.Model)


def create_token(
    *,
    name: str,
    owner: User,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its secret value, which is shown only now and never stored."""
    scopes = sorted(set(scopes))
    unknown = [scope for scope in scopes if scope not in Scope.values]
    if unknown:
        raise ValidationError(
            {
                "scopes": _("Unknown scope %(scopes)s; the scopes are: %(known)s.")
                % {"scopes": ", ".join(unknown), "known": ", ".join(Scope.values)}
            }
        )
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name.")})
    if not is_editor(owner):  # every scope writes; a viewer's token could never be used
        raise ValidationError(
            {"owner": _("Only a user with the editor or admin role can own a writing token.")}
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry time must be in the future.")})
    secret = new_token()
    token = ApiToken(
        name=name.strip(),
        owner=owner,
        scopes=scopes,
        expires_at=expires_at,
        token_hash=hash_token(secret),
        prefix=secret[:10],
    )
    token.full_clean()
    token.save()
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_actor(token: ApiToken, ip_address: str | None = None) -> Actor:
    label = f"{token.owner.get_username()} (API token {token.prefix}…)"
    return Actor(user=token.owner, label=label[:150], ip_address=ip_address)


def _save(instance: M, values: dict[str, Any], token: ApiToken, ip: str | None) -> M:
    with transaction.atomic(), acting_as(api_actor(token, ip)):
        for field, value in values.items():
            setattr(instance, field, value)
        instance.full_clean()
        instance.save()
    return instance


def save_activity(
    values: dict[str, Any], token: ApiToken, *, activity: Activity | None = None, ip: str | None
) -> Activity:
    """Create an activity, or change the given fields of one (model validation applies)."""
    return _save(activity or Activity(), values, token, ip)


def save_organisation(
    values: dict[str, Any],
    token: ApiToken,
    *,
    organisation: Organisation | None = None,
    ip: str | None,
) -> Organisation:
    return _save(organisation or Organisation(), values, token, ip)
