"""Tokens that let staff integrations write through the API.

Only a SHA-256 hash of each token is stored: the token itself is shown once, when it is
created, and cannot be read back. Tokens are long random strings, so a fast hash is as
safe as a slow one and keeps every request's lookup cheap.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ie_"  # noqa: S105  (a public marker, not a secret)


class Scope(models.TextChoices):
    ACTIVITIES_WRITE = "activities:write", _("create and change activities")
    ORGANISATIONS_WRITE = "organisations:write", _("create and change organisations")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the integration.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("owner"),
        help_text=_("Changes made with the token are recorded as this user's."),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("beginning of the token"),
        max_length=12,
        editable=False,
        help_text=_("The first characters, to recognise the token."),
    )
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
