"""Strategy periods, pillars, goals, commitments, the SDGs and the alignment links.

Text fields that people read are translated with django-modeltranslation
(see ``strategy/translation.py``): ``title`` becomes ``title_fi``, ``title_sv``
and ``title_en``, and reading ``title`` falls back as configured in settings.

Long because the strategy's models refer to each other (periods, pillars, goals,
commitments, SDGs and their alignment links); splitting them would mean cross-imports
between model modules.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import by_user, link, optional_link

SDG_TARGET_CODE = re.compile(r"^(?P<goal>[1-9]|1[0-7])\.(?P<index>[1-9][0-9]?|[a-z])$")


class StrategyPeriod(models.Model):
    """A council term's strategy, e.g. the Espoo Story 2021–2025."""

    slug = models.SlugField(_("identifier"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    values = models.TextField(_("values"), blank=True)
    outline = models.TextField(
        _("confirmed content"),
        blank=True,
        help_text=_(
            "What is known of the strategy beyond its goals, e.g. the roadmap items and "
            "strands confirmed so far."
        ),
    )
    published_url = models.URLField(
        _("where the full strategy is published"), max_length=500, blank=True
    )
    is_current = models.BooleanField(
        _("current"),
        default=False,
        help_text=_(
            "The alignment engine, the portal and the reports use the goals of the current "
            "period. An admin makes a period current once its goals are complete."
        ),
    )

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("strategy period")
        verbose_name_plural = _("strategy periods")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="strategy_one_current_period",
                violation_error_message=_("Only one strategy period can be current."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


class Pillar(models.Model):
    """A reason for internationality: sustainability, vitality or learning."""

    slug = models.SlugField(_("identifier"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        return self.title


class GoalQuerySet(models.QuerySet["Goal"]):
    def current(self) -> GoalQuerySet:
        """Goals of the latest period that has any (see ``current_goal_period``)."""
        period = current_goal_period()
        return self.filter(period=period) if period else self.none()


class Goal(models.Model):
    """A council-term goal that internationality serves."""

    period = link(StrategyPeriod, _("period"), "goals", on_delete=models.PROTECT)
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("how international work serves the goal"), blank=True)
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Comma-separated terms that help the alignment engine recognise the goal."),
    )
    pillars = models.ManyToManyField(
        Pillar, blank=True, related_name="goals", verbose_name=_("pillars")
    )
    sdgs: models.ManyToManyField[SDGGoal, Any] = models.ManyToManyField(
        "SDGGoal",
        blank=True,
        related_name="strategy_goals",
        verbose_name=_("related SDGs"),
        help_text=_("The SDGs this goal mainly serves; the alignment engine uses them too."),
    )

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["period", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"],
                name="goal_number_unique_in_period",
                violation_error_message=_("This period already has a goal with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def current_goal_period() -> StrategyPeriod | None:
    """The period whose goals everything uses: the one an admin made current.

    A new council term's period exists (and may get goals) before an admin has
    completed it and made it current; until then everything that needs goals uses
    the current period, and says so. Without a current period with goals (a database
    that was never seeded), the latest period that has goals.
    """
    with_goals = StrategyPeriod.objects.filter(goals__isnull=False).distinct()
    current = with_goals.filter(is_current=True).first()
    return current or with_goals.order_by("-start_year").first()


def newer_incomplete_period() -> StrategyPeriod | None:
    """A later period than the current one that is not yet complete (not made current)."""
    current = current_goal_period()
    later = StrategyPeriod.objects.filter(is_current=False).order_by("-start_year")
    if current is not None:
        later = later.filter(start_year__gt=current.start_year)
    return later.first()


class Commitment(models.Model):
    """A promise with a deadline and a measurable target (e.g. carbon-neutral 2030)."""

    slug = models.SlugField(_("identifier"), unique=True)
    period = link(StrategyPeriod, _("period"), "commitments", on_delete=models.PROTECT)
    goal = optional_link(Goal, _("goal"), "commitments", on_delete=models.SET_NULL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target = models.TextField(_("measurable target"))
    deadline = models.DateField(_("deadline"))
    progress = models.PositiveSmallIntegerField(
        _("progress %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["deadline", "slug"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    @property
    def latest_report(self) -> Any:
        """The newest progress report (uses prefetched reports when there are any)."""
        return next(iter(self.reports.all()), None)

    @property
    def deadline_passed(self) -> bool:
        from django.utils import timezone

        return self.deadline < timezone.localdate()

    def clean(self) -> None:
        if self.goal and self.period_id and self.goal.period_id != self.period_id:
            raise ValidationError({"goal": _("The goal must belong to the same period.")})


class SDGGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self) -> str:
        return f"SDG {self.number}. {self.title}"


def validate_target_code(code: str) -> None:
    if not SDG_TARGET_CODE.match(code or ""):
        raise ValidationError(
            _("%(code)s is not an SDG target code such as 11.6 or 13.a."),
            code="invalid_target_code",
            params={"code": code},
        )


class SDGTarget(models.Model):
    """One of the 169 SDG targets, e.g. 11.6."""

    goal = link(SDGGoal, _("SDG"), "targets")
    code = models.CharField(_("code"), max_length=5, unique=True, validators=[validate_target_code])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.TextField(_("title"))

    class Meta:
        ordering = ["goal__number", "order"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        match = SDG_TARGET_CODE.match(self.code or "")
        if match and self.goal_id and int(match["goal"]) != self.goal.number:
            raise ValidationError(
                {
                    "code": _("Target %(code)s does not belong to SDG %(number)s.")
                    % {"code": self.code, "number": self.goal.number}
                }
            )


class AlignmentLinkQuerySet(models.QuerySet["AlignmentLink"]):
    def for_item(self, item: models.Model) -> AlignmentLinkQuerySet:
        """The links of one item (activity, idea, membership, partnership), any state."""
        content_type = ContentType.objects.get_for_model(type(item))
        return self.filter(content_type=content_type, object_id=item.pk)


class AlignmentLink(models.Model):
    """Ties any item (activity, idea, membership, partnership) to a goal, an SDG or a target.

    Links come from staff or from the alignment engine; only confirmed links
    count in reports.
    """

    class Source(models.TextChoices):
        STAFF = "staff", _("staff")
        ENGINE = "engine", _("alignment engine")
        # Decided by the team as part of the initial data (core/seed/espoo.toml); counted
        # like confirmed links, and staff may reject them.
        SEED = "seed", _("initial data")

    class Review(models.TextChoices):
        PENDING = "pending", _("pending review")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    content_type = link(ContentType, _("item type"), related_name=None)
    object_id = models.PositiveBigIntegerField(_("item id"))
    item = GenericForeignKey("content_type", "object_id")

    goal = optional_link(Goal, _("goal"), "links")
    sdg = optional_link(SDGGoal, _("SDG"), "links")
    target = optional_link(SDGTarget, _("SDG target"), "links")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    confidence = models.FloatField(
        _("confidence"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    evidence = models.TextField(_("evidence"), blank=True)
    review_state = models.CharField(
        _("review state"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = by_user(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AlignmentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("alignment link")
        verbose_name_plural = _("alignment links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(goal__isnull=False, sdg__isnull=True, target__isnull=True)
                    | Q(goal__isnull=True, sdg__isnull=False, target__isnull=True)
                    | Q(goal__isnull=True, sdg__isnull=True, target__isnull=False)
                ),
                name="alignment_link_exactly_one_framework",
                violation_error_message=_(
                    "Link the item to exactly one of: a goal, an SDG or an SDG target."
                ),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "goal"],
                condition=Q(goal__isnull=False),
                name="alignment_link_unique_goal",
                violation_error_message=_("This item is already linked to this goal."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sdg"],
                condition=Q(sdg__isnull=False),
                name="alignment_link_unique_sdg",
                violation_error_message=_("This item is already linked to this SDG."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "target"],
                condition=Q(target__isnull=False),
                name="alignment_link_unique_target",
                violation_error_message=_("This item is already linked to this SDG target."),
            ),
        ]

    def __str__(self) -> str:
        framework = self.goal or self.sdg or self.target
        return f"{self.content_type.model} #{self.object_id} → {framework}"


class AlignmentReading(models.Model):
    """The engine's last reading of an item as a whole (one row per item).

    Whether the engine set the text aside as no alignable idea, and why: the item
    is still received and handled by staff as usual, shown with the reason, and
    nothing is answered automatically. Also the language it read, the method, and
    whether a reading through the multilingual transformer is still to come: a text
    in a language other than Finnish, Swedish or English is read by the worker
    (``read_other_languages``), off the request, so submitting stays fast.
    """

    class SetAside(models.TextChoices):
        NONE = "", _("not set aside")
        SALES = "sales offer", _("a sales offer")
        SPAM = "spam", _("spam")
        OFF_TOPIC = "off-topic", _("off-topic (for example a job application or a complaint)")
        VAGUE = "too vague", _("too vague to align")

    content_type = link(ContentType, _("item type"), related_name=None)
    object_id = models.PositiveBigIntegerField(_("item id"))
    abstain = models.CharField(
        _("set aside as"), max_length=20, choices=SetAside.choices, blank=True
    )
    language = models.CharField(_("language read"), max_length=10, blank=True)
    method = models.CharField(_("method"), max_length=40, blank=True)
    other_language_pending = models.BooleanField(
        _("waits for the multilingual reading"), default=False, db_index=True
    )
    read_at = models.DateTimeField(_("read at"), auto_now=True)

    class Meta:
        verbose_name = _("alignment reading")
        verbose_name_plural = _("alignment readings")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="alignment_reading_one_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id}: {self.abstain or 'aligned'}"
