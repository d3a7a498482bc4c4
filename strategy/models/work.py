"""Progress reports of commitments, and the queue of re-alignment runs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import by_user, link, optional_link
from strategy.models.base import Commitment, StrategyPeriod


class ProgressReport(models.Model):
    """What the team reported of a commitment on a date: a status, perhaps a value, what
    it means (fi/sv/en) and where it comes from. The latest report is the one shown."""

    class Status(models.TextChoices):
        UNDER_WAY = "under_way", _("under way")
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        ACHIEVED = "achieved", _("achieved")
        PARTLY_ACHIEVED = "partly_achieved", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")

    commitment = link(Commitment, _("commitment"), "reports")
    reported_on = models.DateField(_("date of the report"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    value = models.CharField(
        _("value"),
        max_length=100,
        blank=True,
        help_text=_("A measured value if there is one, e.g. “emissions −33 % from 1990”."),
    )
    narrative = models.TextField(_("what the report says"))
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    created_by = by_user(_("reported by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.commitment} {self.reported_on:%Y-%m-%d}"

    @property
    def final(self) -> bool:
        """Whether the report states an outcome (achieved or not), not a step on the way."""
        return self.status in (
            self.Status.ACHIEVED,
            self.Status.PARTLY_ACHIEVED,
            self.Status.NOT_ACHIEVED,
        )


class RealignRun(models.Model):
    """One queued re-alignment of every pending suggestion, run by the realign worker
    (``manage.py run_realign_queue --loop``; ``strategy.realign``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor_label = models.CharField(_("asked by"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    period = optional_link(StrategyPeriod, _("goals of the period"), on_delete=models.SET_NULL)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("taken up by the worker at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    total = models.PositiveIntegerField(_("items to align"), null=True, blank=True)
    done = models.PositiveIntegerField(_("items aligned"), default=0)
    suggestions = models.PositiveIntegerField(_("suggestions made"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("re-alignment run")
        verbose_name_plural = _("re-alignment runs")
        constraints = [
            # Saves while a run waits share it (strategy.realign.enqueue).
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="queued"), name="strategy_one_queued_realign"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
