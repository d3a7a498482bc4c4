"""The audit trail: who changed or read what, and when, and the record of every export that
took data out of the system (``Disclosure``). Never edited from the application."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import by_user


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        VIEW = "view", _("viewed personal data")
        DISCLOSE = "disclose", _("disclosed data")
        LOGIN = "login", _("signed in")
        LOGIN_FAIL = "login_fail", _("sign-in failed")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = by_user(_("user"))
    actor_label = models.CharField(
        _("actor"), max_length=150, help_text=_("User name or the command that made the change.")
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class Disclosure(models.Model):
    """Data that left the system as a file: an audit-trail export, everything held about one
    person, or an insights data set with personal data. Written only by
    ``audit.actions.record_disclosure``, which also writes the "disclosed data" event that
    points here."""

    class Kind(models.TextChoices):
        AUDIT_TRAIL = "audit_trail", _("audit trail")
        PERSON = "person", _("data about one person")
        DATASET = "dataset", _("data set with personal data")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_format = models.CharField(_("format"), max_length=5)
    # What was asked for: the audit filters, the person's records, the data set's name.
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("records"), default=0)
    by = by_user(_("exported by"), blank=False)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} ({self.file_format}, {self.rows}) {self.at:%Y-%m-%d %H:%M}"
        )
