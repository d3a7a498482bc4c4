"""A record of every export that carried personal data (a disclosure)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Disclosure(models.Model):
    """An export of personal data from the insights exports, made by an admin."""

    dataset = models.CharField(_("data set"), max_length=20)
    file_format = models.CharField(_("format"), max_length=5)
    rows = models.PositiveIntegerField(_("records"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("export with personal data")
        verbose_name_plural = _("exports with personal data")

    def __str__(self) -> str:
        return f"{self.dataset}.{self.file_format} ({self.rows})"
