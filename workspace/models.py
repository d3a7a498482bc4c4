"""Bookkeeping of the staff workspace: data exports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataExport(models.Model):
    """An export that left the system; its audit event ("disclosed data") points here."""

    class Kind(models.TextChoices):
        AUDIT_CSV = "audit_csv", _("audit trail (CSV)")
        PERSON_JSON = "person_json", _("data about one person (JSON)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("records"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("exported by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
