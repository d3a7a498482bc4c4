"""CSV and XLSX exports of activities, organisations, memberships and ideas.

Personal data (the proposers' contact fields, organisations' contact persons) is in an
export only when an admin asks for it, and then the export is recorded as a disclosure
in the audit trail (``audit.actions.record_disclosure``). The files are written by
``core.exports``, which passes every cell through ``core.csvsafe.safe_cell``, so nothing in
a cell runs as a spreadsheet formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core import exports as core_exports
from core.csvsafe import safe_cell
from ideas.models import Idea
from insights.queries import confirmed_links
from portfolio.models import Activity
from registry.models import Contact, NetworkMembership, Organisation

Row = list[Any]


@dataclass(frozen=True)
class Dataset:
    key: str
    label: StrOrPromise
    has_personal: bool
    rows: Callable[[bool], tuple[list[str], Iterator[Row]]]


def _goal_numbers(model: type[Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    links = (
        confirmed_links(model)
        .filter(goal__isnull=False)
        .order_by("goal__number")
        .values_list("object_id", "goal__number")
    )
    for object_id, number in links:
        found[object_id].append(str(number))
    return found


def _sdg_numbers(model: type[Any]) -> dict[int, list[str]]:
    found: dict[int, set[int]] = defaultdict(set)
    for object_id, sdg, target in (
        confirmed_links(model)
        .filter(goal__isnull=True)
        .values_list("object_id", "sdg__number", "target__goal__number")
    ):
        found[object_id].add(sdg or target)
    return {key: [str(n) for n in sorted(values)] for key, values in found.items()}


def activity_rows(personal: bool) -> tuple[list[str], Iterator[Row]]:
    header = [
        "id", "slug", "title_fi", "title_sv", "title_en", "kind", "status", "start_date",
        "end_date", "public", "responsible_unit", "website", "goals", "sdgs", "participants",
        "eu_contribution", "total_budget",
    ]  # fmt: skip
    goals, sdgs = _goal_numbers(Activity), _sdg_numbers(Activity)
    money = {
        row["pk"]: row
        for row in Activity.objects.order_by()
        .annotate(eu=Sum("funding__eu_contribution"), total=Sum("funding__total_budget"))
        .values("pk", "eu", "total")
    }
    participants = dict(
        Activity.objects.order_by().annotate(n=Count("participants")).values_list("pk", "n")
    )

    def rows() -> Iterator[Row]:
        items = Activity.objects.select_related("responsible_unit").order_by("pk")
        for item in items.iterator(chunk_size=2000):
            yield [
                item.pk, item.slug, item.title_fi, item.title_sv, item.title_en,  # type: ignore[attr-defined]
                item.kind, item.status, item.start_date, item.end_date, item.public,
                item.responsible_unit.slug if item.responsible_unit else "", item.website,
                " ".join(goals.get(item.pk, [])), " ".join(sdgs.get(item.pk, [])),
                participants.get(item.pk, 0), money[item.pk]["eu"], money[item.pk]["total"],
            ]  # fmt: skip

    return header, rows()


def organisation_rows(personal: bool) -> tuple[list[str], Iterator[Row]]:
    header = [
        "id", "slug", "name_fi", "name_sv", "name_en", "kind", "country", "city", "website",
        "pic", "business_id", "vat_number",
    ]  # fmt: skip
    contacts: dict[int, list[str]] = defaultdict(list)
    if personal:
        header.append("contacts")
        for contact in Contact.objects.order_by("organisation_id", "name"):
            parts = [contact.name, contact.position, contact.email, contact.phone]
            contacts[contact.organisation_id].append(", ".join(p for p in parts if p))

    def rows() -> Iterator[Row]:
        for item in Organisation.objects.order_by("pk").iterator(chunk_size=2000):
            row = [
                item.pk, item.slug, item.name_fi, item.name_sv, item.name_en,  # type: ignore[attr-defined]
                item.kind, str(item.country), item.city, item.website, item.pic,
                item.business_id, item.vat_number,
            ]  # fmt: skip
            if personal:
                row.append("; ".join(contacts.get(item.pk, [])))
            yield row

    return header, rows()


def membership_rows(personal: bool) -> tuple[list[str], Iterator[Row]]:
    header = [
        "id", "slug", "network", "network_country", "status", "since", "until", "role",
        "responsible_unit", "public",
    ]  # fmt: skip

    def rows() -> Iterator[Row]:
        items = NetworkMembership.objects.select_related("network", "responsible_unit")
        for item in items.order_by("pk"):
            yield [
                item.pk, item.slug, item.network.name, str(item.network.country), item.status,
                item.since, item.until, item.role,
                item.responsible_unit.slug if item.responsible_unit else "", item.public,
            ]  # fmt: skip

    return header, rows()


def idea_rows(personal: bool) -> tuple[list[str], Iterator[Row]]:
    header = [
        "reference", "title", "status", "submitted_at", "closed_at", "organisation_name",
        "organisation_kind", "organisation_country", "language", "goals", "sdgs",
    ]  # fmt: skip
    if personal:
        header += ["contact_name", "contact_email", "contact_phone", "description"]
    goals, sdgs = _goal_numbers(Idea), _sdg_numbers(Idea)

    def rows() -> Iterator[Row]:
        for item in Idea.objects.order_by("pk").iterator(chunk_size=2000):
            row = [
                item.reference, item.title, item.status, item.submitted_at, item.closed_at,
                item.organisation_name, item.organisation_kind, str(item.organisation_country),
                item.language, " ".join(goals.get(item.pk, [])), " ".join(sdgs.get(item.pk, [])),
            ]  # fmt: skip
            if personal:
                row += [item.contact_name, item.contact_email, item.contact_phone, item.description]
            yield row

    return header, rows()


DATASETS = {
    dataset.key: dataset
    for dataset in [
        Dataset("activities", _("Activities"), False, activity_rows),
        Dataset("organisations", _("Organisations"), True, organisation_rows),
        Dataset("memberships", _("Network memberships"), False, membership_rows),
        Dataset("ideas", _("Cooperation ideas"), True, idea_rows),
    ]
}
FORMATS = ("csv", "xlsx")


def _plain(value: Any) -> Any:
    """A cell value for a spreadsheet: dates as dates, money as numbers, text made safe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (date, int, float, bool)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(str(value))


class _Counted:
    """The rows of an export, counting them as the writer consumes them."""

    def __init__(self, rows: Iterator[Row]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Row]:
        for row in self.rows:
            self.count += 1
            yield row


def to_csv(header: list[str], rows: Iterator[Row]) -> tuple[bytes, int]:
    counted = _Counted(rows)
    cells = (
        [v.isoformat() if isinstance(v, (date, datetime)) else v for v in map(_plain, row)]
        for row in counted
    )
    return core_exports.to_csv(header, cells).encode("utf-8-sig"), counted.count


def to_xlsx(title: str, header: list[str], rows: Iterator[Row]) -> tuple[bytes, int]:
    counted = _Counted(rows)
    cells = ([_plain(value) for value in row] for row in counted)
    return core_exports.to_xlsx(header, cells, title), counted.count


def export(key: str, fmt: str, personal: bool) -> tuple[bytes, int, str]:
    """The file's bytes, its number of records and its content type."""
    dataset = DATASETS[key]
    header, rows = dataset.rows(personal and dataset.has_personal)
    if fmt == "csv":
        content, count = to_csv(header, rows)
        return content, count, "text/csv; charset=utf-8"
    content, count = to_xlsx(key, header, rows)
    return content, count, core_exports.XLSX_CONTENT_TYPE
