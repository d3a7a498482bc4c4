"""What the seed loader wrote, so that a repeat load never overwrites staff edits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """One seeded row: which record it became and the values the seed last wrote.

    On a repeat load a record whose current values still equal what the seed wrote
    is updated to the new seed; one that staff have edited (values differ) or
    deleted is left alone. See README "Seeding".
    """

    model = models.CharField(_("record type"), max_length=100)
    key = models.CharField(_("seed key"), max_length=200)
    object_id = models.CharField(_("record id"), max_length=64)
    values = models.JSONField(_("seeded values"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("seed record")
        verbose_name_plural = _("seed records")
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="seed_record_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"


class ThrottleHit(models.Model):
    """One hit counted by a limit of ``core.throttle``; the key is a keyed hash."""

    scope = models.CharField(_("limit"), max_length=40)
    key = models.CharField(_("client or account (hashed)"), max_length=64)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("throttle hit")
        verbose_name_plural = _("throttle hits")
        indexes = [models.Index(fields=["scope", "key", "at"], name="core_throttle_scope_key_at")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.at:%Y-%m-%d %H:%M}"
