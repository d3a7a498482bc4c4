"""The ideas inbox: filters, search, sorting and counts over cooperation ideas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.roles import ADMIN, EDITOR
from ideas.models import OPEN_STATES, Idea, Status
from ideas.replies import waiting_too_long, with_answer_due
from strategy.models import AlignmentLink, Goal, SDGGoal

OPEN = "open"
AGES = [("7", _("waiting over 7 days")), ("14", _("over 14 days")), ("30", _("over 30 days"))]
SORTS = {
    "-submitted_at": _("newest first"),
    "submitted_at": _("oldest first"),
    "reference": _("reference"),
    "status": _("state"),
    "organisation_name": _("organisation"),
}


def editors() -> QuerySet[User]:
    """Users who may work on ideas, i.e. can be assigned one."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[EDITOR, ADMIN]))
        .distinct()
        .order_by("username")
    )


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("State"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    goal: forms.ModelChoiceField[Goal] = forms.ModelChoiceField(
        label=_("Goal"), queryset=Goal.objects.none(), required=False, empty_label=_("any")
    )
    sdg: forms.ModelChoiceField[SDGGoal] = forms.ModelChoiceField(
        label=_("SDG"), queryset=SDGGoal.objects.all(), required=False, empty_label=_("any")
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("any")), *settings.LANGUAGES]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    age = forms.ChoiceField(label=_("Age"), required=False, choices=[("", _("any")), *AGES])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states: list[tuple[str, Any]] = [("", _("any")), (OPEN, _("open"))]
        self.fields["status"].choices = states + list(Status.choices)  # type: ignore[attr-defined]
        people = [(str(u.pk), u.get_full_name() or u.get_username()) for u in editors()]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("anyone")),
            ("me", _("me")),
            ("none", _("nobody")),
            *people,
        ]
        self.fields["goal"].queryset = Goal.objects.select_related("period")  # type: ignore[attr-defined]
        codes = Idea.objects.order_by().values_list("organisation_country", flat=True)
        present = sorted(((code, countries.name(code)) for code in set(codes)), key=lambda c: c[1])
        self.fields["country"].choices = [("", _("any")), *present]  # type: ignore[attr-defined]
        self.user = user

    def filtered(self, ignore_status: bool = False) -> QuerySet[Idea]:
        ideas = Idea.objects.all()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if text := (data.get("q") or "").strip():
            ideas = ideas.filter(
                Q(reference__icontains=text)
                | Q(title__icontains=text)
                | Q(description__icontains=text)
                | Q(organisation_name__icontains=text)
                | Q(contact_name__icontains=text)
                | Q(contact_email__icontains=text)
            )
        status = data.get("status")
        if status and not ignore_status:
            ideas = (
                ideas.filter(status__in=OPEN_STATES)
                if status == OPEN
                else ideas.filter(status=status)
            )
        assignee = data.get("assignee")
        if assignee == "me":
            ideas = ideas.filter(assignee=self.user)
        elif assignee == "none":
            ideas = ideas.filter(assignee__isnull=True)
        elif assignee:
            ideas = ideas.filter(assignee_id=assignee)
        idea_links = AlignmentLink.objects.filter(
            content_type=ContentType.objects.get_for_model(Idea)
        ).exclude(review_state=AlignmentLink.Review.REJECTED)
        if goal := data.get("goal"):
            linked = idea_links.filter(goal=goal).values("object_id")
            ideas = ideas.filter(Q(goals=goal) | Q(pk__in=linked))
        if sdg := data.get("sdg"):
            linked = idea_links.filter(Q(sdg=sdg) | Q(target__goal=sdg)).values("object_id")
            ideas = ideas.filter(pk__in=linked)
        if language := data.get("language"):
            ideas = ideas.filter(language=language)
        if country := data.get("country"):
            ideas = ideas.filter(organisation_country=country)
        if age := data.get("age"):
            ideas = ideas.filter(submitted_at__lte=timezone.now() - timedelta(days=int(age)))
        return ideas.distinct()

    def results(self) -> QuerySet[Idea]:
        sort = (self.cleaned_data.get("sort") if self.is_valid() else "") or "-submitted_at"
        return (
            with_answer_due(self.filtered())
            .select_related("assignee")
            .annotate(last_change=Max("status_history__at"))
            .order_by(sort, "-id")
        )

    def counts(self) -> list[tuple[str, str, int]]:
        """``(state, label, count)`` for every state, under the other filters."""
        rows = self.filtered(ignore_status=True).order_by().values("status")
        found = {row["status"]: row["n"] for row in rows.annotate(n=Count("id", distinct=True))}
        return [(value, str(label), found.get(value, 0)) for value, label in Status.choices]


def is_overdue(idea: Idea, now: Any = None) -> bool:
    """The promised answer date is IDEAS_REMINDER_DAYS away or past, with no answer yet:
    the proposer deserves an answer soon (ideas.replies)."""
    return waiting_too_long(idea, now)
