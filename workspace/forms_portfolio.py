"""Forms for the portfolio and the registry in the workspace. Each edit form carries the
version of the record it was made from (``registry.actions.version_of``); the actions
refuse it if the record changed meanwhile."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from core.slugs import unique_slug
from core.translated import shown_order
from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from registry.actions import version_of
from registry.models import (
    CityUnit,
    Contact,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from workspace.forms import ErrorSummaryMixin

LANGS = ("fi", "sv", "en")


def translated(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGS]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class RecordForm(ErrorSummaryMixin, forms.ModelForm):
    """A model form with the stored record's version in a hidden field."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # The field whose text names a new record's identifier, for models with a slug.
    slug_from: ClassVar[str] = ""
    slug_length: ClassVar[int] = 100
    # Choice fields listed by the chosen record's translated name as the reader sees it.
    by_name: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = version_of(self.instance)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
        for name in self.by_name:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
            field.queryset = field.queryset.order_by(shown_order("name"), "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = data.get(self.slug_from) if self.slug_from else None
        if text and not getattr(self.instance, "slug", ""):
            model = type(self.instance)
            self.instance.slug = unique_slug(model, str(text), self.slug_length)
        return data


class ActivityForm(RecordForm):
    slug_from, slug_length = "title_fi", 120
    by_name = ("responsible_unit",)

    class Meta:
        model = Activity
        fields = [
            *translated("title", "summary"),
            "kind",
            "status",
            "start_date",
            "end_date",
            "responsible_unit",
            "website",
            "public",
            *translated("description"),
        ]


class PartForm(RecordForm):
    """A form for one part of an activity (participant, funding line, milestone...)."""

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.instance.activity = activity


class ParticipantForm(PartForm):
    by_name = ("organisation",)

    class Meta:
        model = Participant
        fields = ["organisation", "role"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation and role:
            same = Participant.objects.filter(
                activity=self.activity, organisation=organisation, role=role
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "organisation",
                    _("This organisation already takes part in the activity in this role."),
                )
        return data


class FundingLineForm(PartForm):
    class Meta:
        model = FundingLine
        fields = ["programme", "grant_number", "total_budget", "eu_contribution", "city_share"]
        error_messages = {
            name: {"min_value": _("An amount cannot be negative.")}
            for name in ("total_budget", "eu_contribution", "city_share")
        }


class MilestoneForm(PartForm):
    class Meta:
        model = Milestone
        fields = [*translated("title"), "due_date", "done_date", "progress", "order"]
        error_messages = {
            "progress": {
                "min_value": _("Progress is a percentage from 0 to 100."),
                "max_value": _("Progress is a percentage from 0 to 100."),
            }
        }


class OutcomeForm(PartForm):
    class Meta:
        model = Outcome
        fields = [
            *translated("description", "indicator"),
            "unit",
            "baseline",
            "target",
            "current_value",
            "measured_on",
        ]


class ActivityLinkForm(PartForm):
    class Meta:
        model = ActivityLink
        fields = [*translated("title"), "url", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"].widget.attrs["placeholder"] = "https://"
        self.fields["url"].error_messages["invalid"] = _(
            "Enter a web address that starts with http:// or https://."
        )


class OrganisationForm(RecordForm):
    slug_from = "name_fi"

    class Meta:
        model = Organisation
        fields = [
            *translated("name"),
            "kind",
            "country",
            "city",
            "website",
            "pic",
            "business_id",
            "vat_number",
            *translated("description"),
        ]


class MembershipForm(RecordForm):
    slug_from = "network"
    by_name = ("network", "responsible_unit")

    class Meta:
        model = NetworkMembership
        fields = [
            "network",
            "status",
            "since",
            "until",
            *translated("role"),
            "responsible_unit",
            "public",
            *translated("description"),
        ]


class PartnershipForm(RecordForm):
    slug_from = "partner"
    by_name = ("partner", "themes")

    class Meta:
        model = Partnership
        fields = [
            "partner",
            "kind",
            "status",
            "agreement_year",
            "themes",
            "public",
            *translated("description"),
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}


class ContactForm(RecordForm):
    """A contact person of ``organisation``; the purpose and the review date are required
    (personal data is kept only for a stated purpose, and checked by that date)."""

    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "purpose", "review_on"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation


class ThemeForm(RecordForm):
    slug_from, slug_length = "name_fi", 50

    class Meta:
        model = Theme
        fields = translated("name")


class CityUnitForm(RecordForm):
    slug_from, slug_length = "name_fi", 50

    class Meta:
        model = CityUnit
        fields = [*translated("name"), "email"]


class TargetMarketForm(RecordForm):
    by_name = ("responsible_unit",)

    class Meta:
        model = TargetMarket
        fields = ["country", "responsible_unit", *translated("description")]
