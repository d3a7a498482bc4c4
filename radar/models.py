"""What the funding radar keeps: calls for proposals, their deadlines, how they align with
the strategy, how they match ideas and activities, fetch runs and staff watch lists.

Engine alignment of calls is kept here (``CallAlignment``), not in
``strategy.AlignmentLink``: thousands of machine-read calls would flood the staff review
queue, and nothing here is counted in any report (docs/radar.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ideas.models import Idea
from portfolio.models import Activity
from strategy.models import Goal, SDGGoal


class Source(models.TextChoices):
    PORTAL = "portal", _("EU Funding & Tenders portal")
    FILE = "file", _("imported file")


class FetchRun(models.Model):
    """One fetch from the portal or one file import: when, by whom, what changed.

    A staff member's "fetch now" is queued (``radar.queue``): the run waits as ``queued``
    until the radar worker claims it (``claimed_at`` set, ``running``); at most one such
    run is queued or running at a time. The scheduled command and file imports start as
    ``running`` and never have ``claimed_at``.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    actor_label = models.CharField(_("run by"), max_length=150, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    # A queued run: when a worker took it up (renewed after every page), how many times it
    # was taken up, and the language of the person who asked for it (the worker writes its
    # messages in that language).
    claimed_at = models.DateTimeField(_("taken up by the worker at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("call fetch")
        verbose_name_plural = _("call fetches")
        constraints = [
            # One queued fetch at a time, also under concurrent clicks (radar.queue).
            models.UniqueConstraint(
                fields=["source"],
                condition=models.Q(status="queued")
                | models.Q(status="running", claimed_at__isnull=False),
                name="radar_one_queued_fetch",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"


class Call(models.Model):
    """A call for proposals (one topic of it) as its source last described it."""

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", _("forthcoming")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    key = models.CharField(_("key"), max_length=250, unique=True, editable=False)
    call_id = models.CharField(_("call identifier"), max_length=200, blank=True)
    topic_id = models.CharField(_("topic identifier"), max_length=200, blank=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True, db_index=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    action_type = models.CharField(_("type of action"), max_length=200, blank=True)
    opening_date = models.DateField(_("opening date"), null=True, blank=True)
    deadline_model = models.CharField(_("deadline model"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    total_budget = models.DecimalField(
        _("total budget (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grant_min = models.DecimalField(
        _("smallest grant (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grant_max = models.DecimalField(
        _("largest grant (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    eligibility = models.TextField(_("eligibility notes"), blank=True)
    url = models.URLField(_("link to the source"), max_length=500, blank=True)
    next_deadline = models.DateTimeField(_("next deadline"), null=True, blank=True, db_index=True)
    first_seen = models.DateTimeField(_("first seen"), db_index=True)
    last_changed = models.DateTimeField(_("last changed"))
    first_run = models.ForeignKey(
        FetchRun, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    last_run = models.ForeignKey(
        FetchRun, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    fit = models.FloatField(_("best fit"), default=0.0, db_index=True)

    class Meta:
        ordering = ["next_deadline", "title"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def __str__(self) -> str:
        return self.title[:120]

    @property
    def identifier(self) -> str:
        return self.topic_id or self.call_id


class CallDeadline(models.Model):
    """One deadline of a call: a single-stage call has one, a two-stage call two."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    at = models.DateTimeField(_("deadline"))

    class Meta:
        ordering = ["call_id", "at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.call} {self.at:%Y-%m-%d}"


class CallAlignment(models.Model):
    """The engine's reading of a call: a goal or SDG it serves, how likely, and why.

    Machine suggestions that are never counted in reports; they feed the filters and the
    match explanations of the radar only.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="alignments")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE)
    sdg = models.ForeignKey(SDGGoal, null=True, blank=True, on_delete=models.CASCADE)
    probability = models.FloatField(_("probability"))
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["call", "-probability"]
        verbose_name = _("call alignment")
        verbose_name_plural = _("call alignments")
        indexes = [models.Index(fields=["goal", "probability"]), models.Index(fields=["sdg"])]

    def __str__(self) -> str:
        return f"{self.call} → {self.goal or self.sdg}"


class CallMatch(models.Model):
    """A call and an idea or planned activity that fit each other, with the reasons."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="matches")
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="call_matches"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="call_matches"
    )
    score = models.FloatField(_("score"))
    text_score = models.FloatField(_("text similarity"))
    topic_score = models.FloatField(_("shared goals and SDGs"))
    goals = models.JSONField(_("shared goals"), default=list, blank=True)
    sdgs = models.JSONField(_("shared SDGs"), default=list, blank=True)
    phrases = models.JSONField(_("shared phrases"), default=list, blank=True)
    rank_for_call = models.PositiveSmallIntegerField(null=True, blank=True)
    rank_for_item = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        verbose_name = _("call match")
        verbose_name_plural = _("call matches")
        indexes = [
            models.Index(fields=["call", "rank_for_call"]),
            models.Index(fields=["idea", "rank_for_item"]),
            models.Index(fields=["activity", "rank_for_item"]),
        ]

    def __str__(self) -> str:
        return f"{self.call} ~ {self.idea or self.activity} ({self.score:.2f})"

    @property
    def item(self) -> Idea | Activity | None:
        return self.idea or self.activity


class Subscription(models.Model):
    """A staff member's digest settings: in which language, and what was sent last."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="radar_subscription"
    )
    language = models.CharField(
        _("language of the digest"), max_length=2, choices=settings.LANGUAGES
    )
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    last_digest_run = models.ForeignKey(
        FetchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("radar digest subscription")
        verbose_name_plural = _("radar digest subscriptions")

    def __str__(self) -> str:
        return str(self.user)


class WatchRule(models.Model):
    """Something one staff member follows: a goal, a programme or a keyword."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("goal")
        PROGRAMME = "programme", _("programme")
        KEYWORD = "keyword", _("keyword")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="radar_watch_rules"
    )
    kind = models.CharField(_("follow"), max_length=10, choices=Kind.choices)
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE)
    value = models.CharField(_("programme or keyword"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value", "id"]
        verbose_name = _("watch rule")
        verbose_name_plural = _("watch rules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.goal or self.value}"


class DigestSent(models.Model):
    """One digest mail queued for one person after one run: never twice for the same."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(FetchRun, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    calls = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("radar digest")
        verbose_name_plural = _("radar digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "run"], name="radar_digest_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.run_id}"
