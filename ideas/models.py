"""Cooperation ideas from partners, their status history, answers, and the mail outbox.

The proposer's name, e-mail and phone are personal data: they live only on ``Idea``
(retention and export come with the workspace issue) and are masked in the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.fields import by_user, link, optional_link
from portfolio.models import Activity
from registry.models import Organisation
from strategy.models import Goal

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000
# What a proposer writes on the idea form, in the form's order: the idea, then who sends it (the
# goals the idea serves, a many-to-many, stand between the two on the form).
IDEA_TEXTS = ("title", "description", "offer", "hopes")
PROPOSER_FIELDS = (
    "organisation_name",
    "organisation_kind",
    "organisation_country",
    "organisation_website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "language",
)
OFFER_MAX = 5_000


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_REVIEW = "in_review", _("in review")
    MORE_INFO_REQUESTED = "more_info_requested", _("more information requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    FORWARDED = "forwarded", _("forwarded")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_STATES = (Status.RECEIVED, Status.IN_REVIEW, Status.MORE_INFO_REQUESTED)
CLOSED_STATES = (Status.ACCEPTED, Status.DECLINED, Status.FORWARDED, Status.WITHDRAWN)


class Idea(models.Model):
    """One cooperation idea as the partner sent it."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description of the idea"), max_length=DESCRIPTION_MAX)
    offer = models.TextField(_("what you offer"), max_length=OFFER_MAX)
    hopes = models.TextField(_("what you hope for"), max_length=OFFER_MAX)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="ideas", verbose_name=_("related goals")
    )
    organisation_name = models.CharField(_("organisation"), max_length=300)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=30, choices=Organisation.Kind.choices
    )
    organisation_country = CountryField(_("country"))
    organisation_website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of correspondence"), max_length=2, choices=settings.LANGUAGES
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    consent_at = models.DateTimeField(_("privacy notice accepted at"))
    submission_token = models.CharField(
        _("submission token"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("Makes a double-submitted form create one idea."),
    )
    status_token_hash = models.CharField(
        _("status link hash"), max_length=64, unique=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Triage (the staff workspace, docs/workspace.md).
    assignee = by_user(_("assigned to"), "assigned_ideas")
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Grows with every staff change; a form made from an older version is refused."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("assignee reminded at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    activity = optional_link(
        Activity,
        _("activity created from the idea"),
        "source_idea",
        on_delete=models.SET_NULL,
        one_to_one=True,
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("cooperation idea")
        verbose_name_plural = _("cooperation ideas")
        indexes = [models.Index(fields=["status", "submitted_at"], name="ideas_idea_status_at")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class ProposerReply(models.Model):
    """The proposer's message on the private status page, e.g. the more information staff
    asked for; staff read it on the idea page."""

    idea = link(Idea, _("idea"), "replies")
    body = models.TextField(_("message"), max_length=DESCRIPTION_MAX)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    submission_token = models.CharField(
        _("submission token"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("Makes a double-submitted form create one message."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message from the proposer")
        verbose_name_plural = _("messages from the proposer")

    def __str__(self) -> str:
        return f"{self.idea.reference}: {self.body[:50]}"


class IdeaAttachment(models.Model):
    """A file sent with an idea or with a reply, stored outside the web root under a
    random name."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        ODT = "odt", "ODT"

    idea = link(Idea, _("idea"), "attachments")
    reply = optional_link(ProposerReply, _("sent with the message"), "attachments")
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored as"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=4, choices=Kind.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class StatusChange(models.Model):
    """One step of an idea's history; the proposer sees these on the status page."""

    idea = link(Idea, _("idea"), "status_history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("For colleagues; the proposer does not see it.")
    )
    by = by_user(_("changed by"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.idea.reference}: {self.get_status_display()}"


class Answer(models.Model):
    """A message from staff to the proposer; shown on the status page once sent."""

    idea = link(Idea, _("idea"), "answers")
    body = models.TextField(_("message"), max_length=DESCRIPTION_MAX)
    author = by_user(_("author"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.idea.reference}: {self.body[:50]}"


class IdeaNote(models.Model):
    """A private note for colleagues; never shown to the proposer."""

    idea = link(Idea, _("idea"), "notes")
    body = models.TextField(_("note"), max_length=DESCRIPTION_MAX)
    author = by_user(_("author"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.idea.reference}: {self.body[:50]}"


class AnswerTemplate(models.Model):
    """A ready answer to proposers in Finnish, Swedish and English (translated fields)."""

    slug = models.SlugField(_("identifier"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=100)
    body = models.TextField(_("text"), max_length=DESCRIPTION_MAX)
    status = models.CharField(
        _("fits the state"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("The state change this answer usually goes with."),
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self) -> str:
        return self.name

    def text_in(self, language: str) -> str:
        """The text in ``language``; Finnish, then English, when that one is empty."""
        for code in (language, "fi", "en", "sv"):
            text = getattr(self, f"body_{code}", "") or ""
            if text.strip():
                return text
        return ""


class ReferenceCounter(models.Model):
    """The last reference number used in a year (``IDEA-2026-0042``)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class OutboxMessage(models.Model):
    """A mail waiting for, or done with, delivery by ``manage.py deliver_mail``."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="ideas_outbox_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
