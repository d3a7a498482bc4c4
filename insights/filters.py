"""The dashboards' filters (strategy period, year, unit) as a GET form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import CityUnit
from strategy.models import StrategyPeriod, current_goal_period
from workspace.forms import ErrorSummaryMixin

MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass
class Filters:
    """What the figures are computed over. ``public`` keeps to public items only."""

    period: StrategyPeriod | None = None
    year: int | None = None
    unit: CityUnit | None = None
    public: bool = False
    # True when the period was chosen: activities and ideas then keep to its years too.
    # By default the current period gives the goals and commitments, over all years.
    within_period: bool = True

    def span(self) -> tuple[date, date] | None:
        """The dates an activity must touch to count, or None for all time."""
        if self.year:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.period and self.within_period:
            return date(self.period.start_year, 1, 1), date(self.period.end_year, 12, 31)
        return None


class FilterForm(ErrorSummaryMixin, forms.Form):
    period: forms.ModelChoiceField[StrategyPeriod] = forms.ModelChoiceField(
        label=_("Strategy period"),
        queryset=StrategyPeriod.objects.all(),
        required=False,
        empty_label=_("Current period, all years"),
        help_text=_(
            "Goals and commitments of the period; a chosen period also keeps to activities "
            "running during it and ideas received in it."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Only activities running during this year, ideas received in it."),
    )
    unit: forms.ModelChoiceField[CityUnit] = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=CityUnit.objects.all(),
        required=False,
        empty_label=_("All units"),
    )

    def __init__(self, *args: object, public: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.public = public
        self.fields["year"].widget.attrs["inputmode"] = "numeric"

    def filters(self) -> Filters:
        """The filters chosen; invalid values fall back to the defaults (errors are shown)."""
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("period")
        return Filters(
            period=chosen or current_goal_period(),
            year=data.get("year"),
            unit=data.get("unit"),
            public=self.public,
            within_period=chosen is not None,
        )
