"""The radar's forms: the call-file upload and the watch list (the list filters: radar.filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.widgets import FileUpload
from radar.models import WatchRule
from strategy.models import Goal, current_goal_period
from workspace.forms import ErrorSummaryMixin


def current_goals() -> QuerySet[Goal]:
    period = current_goal_period()
    return Goal.objects.filter(period=period).order_by("number") if period else Goal.objects.none()


class UploadForm(ErrorSummaryMixin, forms.Form):
    file = forms.FileField(
        label=_("Calls file (CSV or JSON)"),
        widget=FileUpload(attrs={"accept": ".csv,.json"}),
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
