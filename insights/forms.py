"""The report and export choices of the staff dashboard (GET forms)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from insights import exports, reports
from insights.filters import MAX_YEAR, MIN_YEAR
from workspace.forms import ErrorSummaryMixin


class ReportForm(ErrorSummaryMixin, forms.Form):
    """Ids of its own (``id_report_year``): the dashboard's filter form has a ``year`` too."""

    kind = forms.ChoiceField(label=_("Report"), choices=list(reports.KINDS.items()))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("The annual report's year; for the other reports, a year of the term."),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(label=_("Format"), choices=[("pdf", "PDF"), ("html", "HTML")])

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "id_report_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].initial = date.today().year
        self.fields["year"].widget.attrs["inputmode"] = "numeric"


class ExportForm(ErrorSummaryMixin, forms.Form):
    """Ids of its own (``id_export_format``): the report form has a ``format`` too."""

    dataset = forms.ChoiceField(
        label=_("Data"),
        choices=[(key, item.label) for key, item in exports.DATASETS.items()],
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))]
    )
    personal = forms.BooleanField(
        label=_("Include personal data (admins only; recorded in the audit trail)"),
        required=False,
        help_text=_("Proposers' contact details and organisations' contact persons."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "id_export_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
