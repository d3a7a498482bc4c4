"""International activities of every kind, their participants, funding, milestones,
outcomes and links."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.fields import link, optional_link
from registry.models import CityUnit, Organisation


class ActivityQuerySet(models.QuerySet["Activity"]):
    """The portfolio's shared rules: which activities are public, which run in a year.

    Every list (portal, API, open data, insights, workspace) asks these methods rather
    than writing its own condition, so that they all agree (docs/portfolio.md).
    django-modeltranslation mixes its MultilingualQuerySet into this class at run time.
    """

    def public(self) -> ActivityQuerySet:
        """Activities marked public: shown on the portal, in the API and in open data."""
        return self.filter(public_condition())

    def running_in(self, year: int) -> ActivityQuerySet:
        """Activities running at some time during ``year``; see ``running_during``."""
        return self.running_during(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def running_during(self, first: datetime.date, last: datetime.date) -> ActivityQuerySet:
        """Activities running at some time between ``first`` and ``last`` (inclusive).

        The one rule: an activity runs during the span when it has **started by its last
        day** and has **not ended before its first day**. Without an end date, only an
        *ongoing* activity is taken to run on (in every year from its start); any other
        activity without an end date (completed, cancelled or planned) counts only in the
        span where it starts, the one time it is known to have run. An activity without a
        start date belongs to no year. Why this rule: docs/portfolio.md.
        """
        return self.filter(running_condition(first, last))


def public_condition(prefix: str = "") -> Q:
    """``public`` as a condition, on ``prefix`` (e.g. ``"activity__"``) for the tables
    that filter activities through a join.

    ``public__in=[True]``, not ``public=True``: Django writes the latter as a bare
    ``WHERE "public"``, which SQLite cannot look up in the (public, kind, status) index,
    so every catalogue filter scanned the whole table (4 ms at 10,000 rows)."""
    return Q(**{f"{prefix}public__in": [True]})


def running_condition(first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
    """``running_during`` as a condition, on ``prefix`` (e.g. ``"activity__"``) for the
    tables that filter activities through a join."""

    def q(**lookups: object) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    open_ended = q(end_date__isnull=True) & (
        q(status=Activity.Status.ONGOING) | q(start_date__gte=first)
    )
    return q(start_date__lte=last) & (q(end_date__gte=first) | open_ended)


class Activity(models.Model):
    class Kind(models.TextChoices):
        EU_PROJECT = "eu_project", _("EU project")
        NETWORK_WORK = "network_work", _("network work")
        DELEGATION_INCOMING = "delegation_incoming", _("incoming delegation")
        DELEGATION_OUTGOING = "delegation_outgoing", _("outgoing delegation")
        EVENT = "event", _("event or congress")
        INVESTMENT_LEAD = "investment_lead", _("investment or company lead")
        TALENT_ATTRACTION = "talent_attraction", _("talent attraction")
        SCHOOL_EXCHANGE = "school_exchange", _("school or youth exchange")
        BENCHMARKING = "benchmarking", _("benchmarking")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    slug = models.SlugField(_("identifier"), unique=True, max_length=120)
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public portal and in open data.")
    )
    responsible_unit = optional_link(
        CityUnit, _("responsible unit"), "activities", on_delete=models.SET_NULL
    )
    website = models.URLField(_("website"), blank=True)
    organisations: models.ManyToManyField[Organisation, Participant] = models.ManyToManyField(
        Organisation,
        through="Participant",
        related_name="activities",
        verbose_name=_("participants"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["public", "kind", "status"]),
            # The staff list's default sort (newest start first) reads a page off it.
            models.Index(fields=["-start_date", "slug"], name="activity_newest_start"),
            # The public catalogue's default sort (newest start first, then newest added):
            # a page read off it instead of sorting every public activity (17 ms at 10,000).
            models.Index(
                fields=["public", "-start_date", "-created_at", "slug"],
                name="activity_public_newest",
            ),
            # The staff list's year choices (the earliest and latest end) and its counts
            # per status read these instead of every row.
            models.Index(fields=["end_date"], name="activity_end"),
            models.Index(fields=["status"], name="activity_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class Participant(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        PARTNER = "partner", _("partner")
        LEAD_CITY = "lead_city", _("lighthouse or lead city")
        FELLOW_CITY = "fellow_city", _("fellow or follower city")
        ASSOCIATED = "associated", _("associated partner")
        FUNDER = "funder", _("funder")
        OTHER = "other", _("other")

    activity = link(Activity, _("activity"), "participants")
    organisation = link(Organisation, _("organisation"), "participations", on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["activity", "role", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation", "role"],
                name="participant_unique_role",
                violation_error_message=_(
                    "This organisation already takes part in the activity in this role."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


def _money(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )


class FundingLine(models.Model):
    """One source of money for an activity, in euros."""

    activity = link(Activity, _("activity"), "funding")
    programme = models.CharField(_("programme"), max_length=200)
    grant_number = models.CharField(_("grant number"), max_length=50, blank=True)
    total_budget = _money(_("total budget (€)"))
    eu_contribution = _money(_("EU contribution (€)"))
    city_share = _money(_("city's share (€)"))

    class Meta:
        ordering = ["activity", "programme"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self) -> str:
        return f"{self.programme} {self.grant_number}".strip()

    def clean(self) -> None:
        total = self.total_budget
        errors = {}
        if total is not None:
            if self.eu_contribution is not None and self.eu_contribution > total:
                errors["eu_contribution"] = _("The EU contribution cannot exceed the total budget.")
            if self.city_share is not None and self.city_share > total:
                errors["city_share"] = _("The city's share cannot exceed the total budget.")
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """A step of an activity with a due date and how far it has come."""

    activity = link(Activity, _("activity"), "milestones")
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_date = models.DateField(_("done on"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("How far the milestone has come, from 0 to 100."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers are shown first.")
    )

    class Meta:
        ordering = ["activity", "order", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="milestone_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.done_date and self.progress is not None and self.progress < 100:
            raise ValidationError({"progress": _("A milestone that is done has progress 100 %.")})


def _amount(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


class Outcome(models.Model):
    """An outcome of an activity and the indicator that measures it."""

    activity = link(Activity, _("activity"), "outcomes")
    description = models.TextField(_("outcome"))
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = _amount(_("baseline"))
    target = _amount(_("target value"))
    current_value = _amount(_("current value"))
    measured_on = models.DateField(_("measured on"), null=True, blank=True)

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.indicator or self.description[:80]

    def clean(self) -> None:
        if self.current_value is not None and self.measured_on is None:
            raise ValidationError(
                {"measured_on": _("Give the date on which the current value was measured.")}
            )


validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)


class ActivityLink(models.Model):
    """A web page about an activity: its site, a document, a news item."""

    class Kind(models.TextChoices):
        WEBSITE = "website", _("website")
        DOCUMENT = "document", _("document")
        NEWS = "news", _("news")
        VIDEO = "video", _("video")
        OTHER = "other", _("other")

    activity = link(Activity, _("activity"), "links")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("web address"), max_length=500, validators=[validate_web_url])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WEBSITE)

    class Meta:
        ordering = ["activity", "kind", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title
