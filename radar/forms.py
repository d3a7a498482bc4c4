"""The radar's forms: list filters, the call-file upload and the watch list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radar.models import Call, CallAlignment, FetchRun, WatchRule
from strategy.models import Goal, current_goal_period
from workspace.forms import ErrorSummaryMixin

SORTS = {
    "deadline": ("next_deadline", "title"),
    "fit": ("-fit", "next_deadline"),
    "title": ("title",),
    "new": ("-first_seen", "title"),
}
FITS = {"good": 0.5, "some": 0.3}


def current_goals() -> QuerySet[Goal]:
    period = current_goal_period()
    return Goal.objects.filter(period=period).order_by("number") if period else Goal.objects.none()


class CallFilterForm(ErrorSummaryMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("open or forthcoming")),
            ("open", _("open")),
            ("forthcoming", _("forthcoming")),
            ("closed", _("closed")),
            ("all", _("all")),
        ],
    )
    deadline = forms.ChoiceField(
        label=_("Deadline within"),
        required=False,
        choices=[
            ("", _("any time")),
            ("7", _("7 days")),
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("180", _("180 days")),
        ],
    )
    goal: forms.ModelChoiceField[Goal] = forms.ModelChoiceField(
        label=_("Goal"), required=False, queryset=Goal.objects.none(), empty_label=_("any goal")
    )
    sdg = forms.TypedChoiceField(
        label=_("SDG"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any SDG"))] + [(str(n), str(n)) for n in range(1, 18)],
    )
    fit = forms.ChoiceField(
        label=_("Fit with the pipeline"),
        required=False,
        choices=[
            ("", _("any fit")),
            ("good", _("good (50 % or more)")),
            ("some", _("some (30 % or more)")),
        ],
    )
    new = forms.BooleanField(label=_("Only calls new in the latest fetch"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("deadline", _("deadline, soonest first")),
            ("fit", _("fit, best first")),
            ("title", _("title")),
            ("new", _("newest first")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = current_goals()  # type: ignore[attr-defined]
        programmes = (
            Call.objects.exclude(programme="")
            .order_by("programme")
            .values_list("programme", flat=True)
            .distinct()
        )
        self.fields["programme"].choices = [("", _("any programme"))] + [  # type: ignore[attr-defined]
            (p, p) for p in programmes
        ]

    def results(self) -> QuerySet[Call]:
        calls = Call.objects.all()
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or ""
        if status == "":
            calls = calls.exclude(status=Call.Status.CLOSED)
        elif status != "all":
            calls = calls.filter(status=status)
        if data.get("programme"):
            calls = calls.filter(programme=data["programme"])
        if data.get("deadline"):
            now = timezone.now()
            limit = now + timedelta(days=int(data["deadline"]))
            calls = calls.filter(next_deadline__gte=now, next_deadline__lte=limit)
        if data.get("goal"):
            calls = calls.filter(
                pk__in=CallAlignment.objects.filter(goal=data["goal"]).values("call_id")
            )
        if data.get("sdg"):
            calls = calls.filter(
                pk__in=CallAlignment.objects.filter(sdg__number=data["sdg"]).values("call_id")
            )
        if data.get("fit"):
            calls = calls.filter(fit__gte=FITS[data["fit"]])
        if data.get("new"):
            run = FetchRun.objects.filter(status=FetchRun.Status.SUCCEEDED).order_by("-id").first()
            calls = calls.filter(first_run=run) if run else calls.none()
        if data.get("q"):
            for word in data["q"].split()[:8]:
                calls = calls.filter(
                    Q(title__icontains=word)
                    | Q(description__icontains=word)
                    | Q(call_id__icontains=word)
                    | Q(topic_id__icontains=word)
                    | Q(programme__icontains=word)
                    | Q(funder__icontains=word)
                )
        return calls.order_by(*SORTS.get(data.get("sort") or "deadline", SORTS["deadline"]))


class UploadForm(ErrorSummaryMixin, forms.Form):
    file = forms.FileField(
        label=_("Calls file (CSV or JSON)"),
        help_text=_("Columns are listed below. Rows with errors are reported and left out."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".json")):
            raise forms.ValidationError(_("Give a .csv or .json file."))
        if upload.size > settings.RADAR_UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: use the import_calls command.")
                % {"mb": settings.RADAR_UPLOAD_MAX_MB}
            )
        return upload


class WatchRuleForm(ErrorSummaryMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Follow"), choices=WatchRule.Kind.choices)
    goal: forms.ModelChoiceField[Goal] = forms.ModelChoiceField(
        label=_("Goal"),
        required=False,
        queryset=Goal.objects.none(),
        empty_label=_("choose a goal"),
    )
    value = forms.CharField(
        label=_("Programme or keyword"),
        required=False,
        max_length=200,
        help_text=_(
            "For a programme, e.g. Horizon Europe or Interreg; for a keyword, a word or phrase."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = current_goals()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == WatchRule.Kind.GOAL and not data.get("goal"):
            self.add_error("goal", _("Choose the goal to follow."))
        if kind in (WatchRule.Kind.PROGRAMME, WatchRule.Kind.KEYWORD):
            value = (data.get("value") or "").strip()
            if len(value) < 2:
                self.add_error(
                    "value", _("Write the programme or keyword (at least 2 characters).")
                )
            data["value"] = value
        return data


class LanguageForm(ErrorSummaryMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language of the digest"), choices=settings.LANGUAGES)
