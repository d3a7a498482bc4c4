"""Forms for the strategy in the workspace: periods, goals and progress reports of
commitments. Each carries the version of the record it was made from (``RecordForm``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from strategy.models import Commitment, Goal, Pillar, ProgressReport, SDGGoal, StrategyPeriod
from workspace.forms_portfolio import RecordForm, translated


class PeriodForm(RecordForm):
    class Meta:
        model = StrategyPeriod
        fields = [
            "start_year",
            "end_year",
            "adopted_on",
            *translated("title", "description", "values", "outline"),
            "published_url",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot be before the first year."))
        elif start and end and not self.instance.pk:
            slug = f"{start}-{end}"
            if StrategyPeriod.objects.filter(slug=slug).exists():
                self.add_error("start_year", _("A strategy period of these years exists already."))
            self.instance.slug = slug
        return data


class GoalForm(RecordForm):
    class Meta:
        model = Goal
        fields = ["number", *translated("title", "description", "keywords"), "sdgs", "pillars"]
        widgets = {
            "sdgs": forms.CheckboxSelectMultiple,
            "pillars": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, period: StrategyPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period
        self.instance.period = period
        self.fields["sdgs"].queryset = SDGGoal.objects.order_by("number")  # type: ignore[attr-defined]
        self.fields["pillars"].queryset = Pillar.objects.order_by("order")  # type: ignore[attr-defined]
        self.fields["number"].help_text = _("The goals are shown in the order of their numbers.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number = data.get("number")
        if number is not None:
            same = Goal.objects.filter(period=self.period, number=number)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("number", _("This period already has a goal with this number."))
        return data


class ProgressReportForm(RecordForm):
    class Meta:
        model = ProgressReport
        fields = ["reported_on", "status", "value", *translated("narrative"), "source_url"]

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.instance.commitment = commitment
