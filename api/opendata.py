"""The open-data datasets: what each column means, their rows, CSV/JSON/ZIP (DCAT-AP: dcat.py).

Only public items and confirmed alignment links are published. Data is licensed
CC BY 4.0 (name the City of Espoo as the source); the catalogue's metadata is CC0.

Long because most of it is data: the column definitions and the fi/sv/en titles and
descriptions of each published dataset, kept next to the rows they describe.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from api.alignment import CONFIRMED, alignment_map, empty_alignment
from core import exports
from portal.queries import public_organisations
from portfolio.models import Activity, Participant, public_condition
from registry.models import NetworkMembership, Partnership
from strategy.models import AlignmentLink, Goal

LANGS = ("fi", "sv", "en")
DATA_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
METADATA_LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
PUBLISHER_URI = "https://www.espoo.fi/"
PUBLISHER_NAME = {"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"}
CONTACT_EMAIL = "international@espoo.fi"
LIST_SEPARATOR = "; "

Text = dict[str, str]
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    # English, as in the README and the metadata; the open-data page shows it translated
    # (``described``), the msgids being these English texts (api/locale).
    description: str
    what: str = ""  # a text column in one language: what it holds ("Title") …
    language: str = ""  # … and in which language ("fi")

    def described(self) -> str:
        """The description in the active language."""
        if self.language:
            return gettext(IN_LANGUAGE[self.language]) % {"what": gettext(self.what)}
        return gettext(self.description)


IN_LANGUAGE = {
    "fi": gettext_noop("%(what)s in Finnish."),
    "sv": gettext_noop("%(what)s in Swedish."),
    "en": gettext_noop("%(what)s in English."),
}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Text
    description: Text
    keywords: Text
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[Row]]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


def _translated_columns(field: str, what: str) -> list[Column]:
    return [
        Column(f"{field}_{lang}", IN_LANGUAGE[lang] % {"what": what}, what, lang) for lang in LANGS
    ]


def _texts(obj: Any, field: str, prefix: str = "") -> Row:
    return {f"{prefix}{field}_{lang}": getattr(obj, f"{field}_{lang}", "") or "" for lang in LANGS}


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _portal_url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


ALIGNMENT_COLUMNS = (
    Column("goals", "Ids of the council-term goals the item is confirmed to serve (see goals)."),
    Column("sdgs", "Numbers of the UN Sustainable Development Goals it is confirmed to serve."),
    Column("sdg_targets", "Codes of the SDG targets it is confirmed to serve, e.g. 11.6."),
)


def _alignment(entry: dict[str, list[Any]] | None) -> Row:
    entry = entry or empty_alignment()
    return {
        "goals": [goal["id"] for goal in entry["goals"]],
        "sdgs": entry["sdgs"],
        "sdg_targets": entry["targets"],
    }


# --- Rows --------------------------------------------------------------------------------


def activity_rows() -> Iterator[Row]:
    # Plain values, not model instances: ten thousand activities export in about a second.
    alignment = alignment_map(Activity, None)
    participants: dict[int, list[str]] = defaultdict(list)
    for activity_id, organisation, role in (
        Participant.objects.filter(public_condition("activity__"))
        .order_by("role", "organisation__slug")
        .values_list("activity_id", "organisation__slug", "role")
    ):
        participants[activity_id].append(f"{organisation}:{role}")
    fields = [
        "id",
        "slug",
        *(f"{field}_{lang}" for field in ("title", "summary") for lang in LANGS),
        "kind",
        "status",
        "start_date",
        "end_date",
        "responsible_unit__slug",
        "website",
        "updated_at",
    ]
    rows = Activity.objects.public().order_by("pk").values(*fields)
    for row in rows.iterator(chunk_size=2000):
        yield {
            **{field: row[field] or "" for field in fields[:10]},  # id … status
            "start_date": _date(row["start_date"]),
            "end_date": _date(row["end_date"]),
            "responsible_unit": row["responsible_unit__slug"] or "",
            "participants": participants.get(row["id"], []),
            "website": row["website"],
            **_alignment(alignment.get(row["id"])),
            "portal_url": _portal_url("portal:activity_detail", row["slug"]),
            "updated_at": row["updated_at"].isoformat(),
        }


def organisation_rows() -> Iterator[Row]:
    for organisation in public_organisations().order_by("pk"):
        yield {
            "id": organisation.pk,
            "slug": organisation.slug,
            **_texts(organisation, "name"),
            "kind": organisation.kind,
            "country": organisation.country.code,
            "city": organisation.city,
            "website": organisation.website,
            "pic": organisation.pic,
            "business_id": organisation.business_id,
            "vat_number": organisation.vat_number,
            "portal_url": _portal_url("portal:organisation_detail", organisation.slug),
        }


def network_rows() -> Iterator[Row]:
    alignment = alignment_map(NetworkMembership, None)
    memberships = (
        NetworkMembership.objects.filter(public=True)
        .select_related("network", "responsible_unit")
        .order_by("pk")
    )
    for membership in memberships:
        yield {
            "id": membership.pk,
            "slug": membership.slug,
            "network_id": membership.network_id,
            "network_slug": membership.network.slug,
            **_texts(membership.network, "name", "network_"),
            "network_country": membership.network.country.code,
            **_texts(membership, "role"),
            "status": membership.status,
            "since": _date(membership.since),
            "until": _date(membership.until),
            "responsible_unit": (
                membership.responsible_unit.slug if membership.responsible_unit else ""
            ),
            **_alignment(alignment.get(membership.pk)),
        }


def partnership_rows() -> Iterator[Row]:
    alignment = alignment_map(Partnership, None)
    partnerships = (
        Partnership.objects.filter(public=True)
        .select_related("partner")
        .prefetch_related("themes")
        .order_by("pk")
    )
    for partnership in partnerships:
        yield {
            "id": partnership.pk,
            "slug": partnership.slug,
            "partner_id": partnership.partner_id,
            "partner_slug": partnership.partner.slug,
            **_texts(partnership.partner, "name", "partner_"),
            "partner_country": partnership.partner.country.code,
            "kind": partnership.kind,
            "status": partnership.status,
            "agreement_year": partnership.agreement_year,
            "themes": sorted(theme.slug for theme in partnership.themes.all()),
            **_texts(partnership, "description"),
            **_alignment(alignment.get(partnership.pk)),
        }


def goal_rows() -> Iterator[Row]:
    goals = (
        Goal.objects.select_related("period")
        .prefetch_related("pillars", "sdgs")
        .order_by("-period__start_year", "number")
    )
    for goal in goals:
        yield {
            "id": goal.pk,
            "period": goal.period.slug,
            "period_start_year": goal.period.start_year,
            "period_end_year": goal.period.end_year,
            "number": goal.number,
            **_texts(goal, "title"),
            **_texts(goal, "description"),
            "pillars": sorted(pillar.slug for pillar in goal.pillars.all()),
            "sdgs": sorted(sdg.number for sdg in goal.sdgs.all()),
        }


ITEM_TYPES: tuple[tuple[str, type[Any]], ...] = (
    ("activity", Activity),
    ("network_membership", NetworkMembership),
    ("partnership", Partnership),
)


def alignment_rows() -> Iterator[Row]:
    for item_type, model in ITEM_TYPES:
        items = (
            Activity.objects.public() if model is Activity else model.objects.filter(public=True)
        )
        public = dict(items.values_list("pk", "slug"))
        links = (
            AlignmentLink.objects.filter(
                content_type=ContentType.objects.get_for_model(model), review_state=CONFIRMED
            )
            .order_by("object_id", "pk")
            .values(
                "object_id",
                "goal_id",
                "goal__period__slug",
                "goal__number",
                "sdg__number",
                "target__code",
                "target__goal__number",
                "source",
                "reviewed_at",
            )
        )
        for link in links.iterator(chunk_size=2000):
            slug = public.get(link["object_id"])
            if slug is None:
                continue
            reviewed = link["reviewed_at"]
            yield {
                "item_type": item_type,
                "item_id": link["object_id"],
                "item_slug": slug,
                "goal_id": link["goal_id"] or "",
                "goal_period": link["goal__period__slug"] or "",
                "goal_number": link["goal__number"] or "",
                "sdg": link["sdg__number"] or link["target__goal__number"] or "",
                "sdg_target": link["target__code"] or "",
                "source": link["source"],
                "confirmed_on": _date(timezone.localdate(reviewed) if reviewed else None),
            }


# --- The datasets --------------------------------------------------------------------------

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="activities",
        title={
            "fi": "Espoon kansainväliset hankkeet ja toiminta",
            "sv": "Esbos internationella projekt och verksamhet",
            "en": "Espoo's international activities",
        },
        description={
            "fi": "Espoon kaupungin julkiset kansainväliset hankkeet, delegaatiot, tapahtumat "
            "ja muu toiminta, niiden osallistujat ja vahvistettu kytkös strategian "
            "tavoitteisiin ja YK:n kestävän kehityksen tavoitteisiin.",
            "sv": "Esbo stads offentliga internationella projekt, delegationer, evenemang och "
            "annan verksamhet, deras deltagare och bekräftade koppling till strategins mål "
            "och FN:s mål för hållbar utveckling.",
            "en": "The City of Espoo's public international projects, delegations, events and "
            "other activities, their participants and their confirmed alignment with the "
            "strategy's goals and the UN Sustainable Development Goals.",
        },
        keywords={"fi": "kansainvälisyys", "sv": "internationalisering", "en": "international"},
        columns=(
            Column("id", "Identifier of the activity in this service (stable)."),
            Column("slug", "Short text identifier of the activity (stable)."),
            *_translated_columns("title", "Title"),
            *_translated_columns("summary", "One-paragraph summary"),
            Column(
                "kind",
                "Kind of activity: eu_project, network_work, delegation_incoming, "
                "delegation_outgoing, event, investment_lead, talent_attraction, "
                "school_exchange, benchmarking or other.",
            ),
            Column("status", "planned, ongoing, completed or cancelled."),
            Column("start_date", "First day (YYYY-MM-DD); empty when not known."),
            Column("end_date", "Last day (YYYY-MM-DD); empty when open or not known."),
            Column("responsible_unit", "Identifier of the responsible unit of the city."),
            Column(
                "participants",
                "Participating organisations as organisation-slug:role (roles: coordinator, "
                "partner, lead_city, fellow_city, associated, funder, other); see "
                "organisations.",
            ),
            Column("website", "The activity's own website."),
            *ALIGNMENT_COLUMNS,
            Column("portal_url", "The activity's page on the International Espoo portal."),
            Column("updated_at", "When the record last changed (ISO 8601)."),
        ),
        rows=activity_rows,
    ),
    Dataset(
        slug="organisations",
        title={
            "fi": "Espoon kansainväliset kumppaniorganisaatiot",
            "sv": "Esbos internationella partnerorganisationer",
            "en": "Espoo's international partner organisations",
        },
        description={
            "fi": "Organisaatiot, jotka osallistuvat Espoon julkisiin kansainvälisiin "
            "hankkeisiin, verkostoihin tai kumppanuuksiin.",
            "sv": "Organisationer som deltar i Esbos offentliga internationella projekt, "
            "nätverk eller partnerskap.",
            "en": "Organisations that take part in Espoo's public international activities, "
            "networks or partnerships.",
        },
        keywords={"fi": "kumppanit", "sv": "partner", "en": "partners"},
        columns=(
            Column("id", "Identifier of the organisation in this service (stable)."),
            Column("slug", "Short text identifier of the organisation (stable)."),
            *_translated_columns("name", "Name"),
            Column(
                "kind",
                "city, university, research_institute, company, ngo, network, "
                "international_organisation, eu_body, government, school or other.",
            ),
            Column("country", "Country, ISO 3166-1 alpha-2 code."),
            Column("city", "City or municipality."),
            Column("website", "The organisation's website."),
            Column("pic", "EU Participant Identification Code (nine digits), when known."),
            Column("business_id", "Finnish business ID (Y-tunnus), when known."),
            Column("vat_number", "VAT number, when known."),
            Column("portal_url", "The organisation's page on the International Espoo portal."),
        ),
        rows=organisation_rows,
    ),
    Dataset(
        slug="networks",
        title={
            "fi": "Espoon jäsenyydet kansainvälisissä verkostoissa",
            "sv": "Esbos medlemskap i internationella nätverk",
            "en": "Espoo's memberships in international networks",
        },
        description={
            "fi": "Kansainväliset kaupunkiverkostot ja järjestöt, joiden jäsen Espoo on, "
            "Espoon rooli niissä ja vahvistettu kytkös tavoitteisiin.",
            "sv": "Internationella stadsnätverk och organisationer som Esbo är medlem i, "
            "Esbos roll i dem och bekräftad koppling till målen.",
            "en": "International city networks and organisations that Espoo is a member of, "
            "Espoo's role in them and their confirmed alignment with the goals.",
        },
        keywords={"fi": "verkostot", "sv": "nätverk", "en": "networks"},
        columns=(
            Column("id", "Identifier of the membership (stable)."),
            Column("slug", "Short text identifier of the membership (stable)."),
            Column("network_id", "Id of the network in the organisations dataset."),
            Column("network_slug", "Slug of the network in the organisations dataset."),
            *_translated_columns("network_name", "Name of the network"),
            Column("network_country", "Country of the network's seat, ISO 3166-1 alpha-2."),
            *_translated_columns("role", "Espoo's role in the network"),
            Column("status", "active, planned or ended."),
            Column("since", "Member since (YYYY-MM-DD), when known."),
            Column("until", "Member until (YYYY-MM-DD), when the membership has ended."),
            Column("responsible_unit", "Identifier of the responsible unit of the city."),
            *ALIGNMENT_COLUMNS,
        ),
        rows=network_rows,
    ),
    Dataset(
        slug="partnerships",
        title={
            "fi": "Espoon ystävyys- ja kumppanuuskaupungit",
            "sv": "Esbos vänorter och partnerstäder",
            "en": "Espoo's friendship and partner cities",
        },
        description={
            "fi": "Espoon ystävyys- ja kumppanuuskaupungit sekä yhteistyöpöytäkirjat, "
            "niiden teemat ja tila.",
            "sv": "Esbos vänorter, partnerstäder och samförståndsavtal, deras teman och status.",
            "en": "Espoo's friendship and sister cities and memoranda of understanding, their "
            "themes and status.",
        },
        keywords={"fi": "ystävyyskaupungit", "sv": "vänorter", "en": "partner cities"},
        columns=(
            Column("id", "Identifier of the partnership (stable)."),
            Column("slug", "Short text identifier of the partnership (stable)."),
            Column("partner_id", "Id of the partner in the organisations dataset."),
            Column("partner_slug", "Slug of the partner in the organisations dataset."),
            *_translated_columns("partner_name", "Name of the partner"),
            Column("partner_country", "Country of the partner, ISO 3166-1 alpha-2."),
            Column("kind", "friendship, sister_city or mou (memorandum of understanding)."),
            Column("status", "active, dormant or ended."),
            Column("agreement_year", "Year of the agreement, when known."),
            Column("themes", "Identifiers of the themes of cooperation."),
            *_translated_columns("description", "Description"),
            *ALIGNMENT_COLUMNS,
        ),
        rows=partnership_rows,
    ),
    Dataset(
        slug="goals",
        title={
            "fi": "Espoon valtuustokauden tavoitteet ja kansainvälisyys",
            "sv": "Esbos mål för fullmäktigeperioden och internationaliseringen",
            "en": "Espoo's council-term goals and international work",
        },
        description={
            "fi": "Valtuustokauden tavoitteet, joita kansainvälinen toiminta palvelee, ja "
            "niihin liittyvät YK:n kestävän kehityksen tavoitteet.",
            "sv": "Fullmäktigeperiodens mål som den internationella verksamheten tjänar och "
            "de FN-mål för hållbar utveckling som hör till dem.",
            "en": "The council-term goals that international work serves and the UN "
            "Sustainable Development Goals related to them.",
        },
        keywords={"fi": "strategia", "sv": "strategi", "en": "strategy"},
        columns=(
            Column("id", "Identifier of the goal (stable); the goals column of other datasets."),
            Column("period", "Identifier of the strategy period (council term)."),
            Column("period_start_year", "First year of the strategy period."),
            Column("period_end_year", "Last year of the strategy period."),
            Column("number", "Number of the goal within its period."),
            *_translated_columns("title", "Title of the goal"),
            *_translated_columns("description", "How international work serves the goal"),
            Column("pillars", "Reasons for internationality the goal belongs to."),
            Column("sdgs", "Numbers of the related UN Sustainable Development Goals."),
        ),
        rows=goal_rows,
    ),
    Dataset(
        slug="sdg-alignment",
        title={
            "fi": "Kansainvälisen toiminnan kytkös tavoitteisiin ja YK:n kestävän kehityksen "
            "tavoitteisiin",
            "sv": "Den internationella verksamhetens koppling till målen och FN:s mål för "
            "hållbar utveckling",
            "en": "Alignment of international work with the goals and the UN SDGs",
        },
        description={
            "fi": "Jokainen henkilöstön vahvistama kytkös julkisen hankkeen, verkostojäsenyyden "
            "tai kumppanuuden ja valtuustokauden tavoitteen, kestävän kehityksen tavoitteen "
            "tai sen alatavoitteen välillä.",
            "sv": "Varje koppling som personalen har bekräftat mellan ett offentligt projekt, "
            "ett nätverksmedlemskap eller ett partnerskap och ett mål för "
            "fullmäktigeperioden, ett mål för hållbar utveckling eller ett delmål.",
            "en": "Every link confirmed by staff between a public activity, network "
            "membership or partnership and a council-term goal, an SDG or an SDG target.",
        },
        keywords={"fi": "Agenda 2030", "sv": "Agenda 2030", "en": "Agenda 2030"},
        columns=(
            Column("item_type", "activity, network_membership or partnership."),
            Column("item_id", "Id of the item in its dataset."),
            Column("item_slug", "Slug of the item in its dataset."),
            Column("goal_id", "Id of the goal (goals dataset), when the link is to a goal."),
            Column("goal_period", "Strategy period of that goal."),
            Column("goal_number", "Number of that goal within its period."),
            Column("sdg", "Number of the SDG, when the link is to an SDG or one of its targets."),
            Column("sdg_target", "Code of the SDG target, e.g. 11.6, when linked to a target."),
            Column(
                "source",
                "Who proposed the link: staff, or the alignment engine (an AI suggestion "
                "that a person then confirmed).",
            ),
            Column("confirmed_on", "Date the link was confirmed (YYYY-MM-DD), when recorded."),
        ),
        rows=alignment_rows,
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# --- Files -------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return "" if value is None else value


def to_csv(dataset: Dataset, rows: Iterable[Row] | None = None) -> str:
    found = dataset.rows() if rows is None else rows
    return exports.to_csv(
        dataset.header, ([_cell(row[name]) for name in dataset.header] for row in found)
    )


def to_json(dataset: Dataset, rows: Iterable[Row] | None = None) -> str:
    return exports.to_json(dataset.header, dataset.rows() if rows is None else rows)


def download_url(dataset: Dataset, fmt: str) -> str:
    return settings.SITE_URL + reverse("api:dataset", args=[dataset.slug, fmt])


def readme() -> str:
    """README.md of the ZIP: licence, format and every column of every file."""
    lines = [
        "# International Espoo open data",
        "",
        "Publisher: City of Espoo (Espoon kaupunki / Esbo stad), international affairs, "
        f"{CONTACT_EMAIL}.",
        f"Generated: {timezone.now().isoformat(timespec='seconds')}.",
        "",
        "Licence: the data is licensed under Creative Commons Attribution 4.0 (CC BY 4.0, "
        f"{DATA_LICENSE}); name the City of Espoo as the source. The catalogue metadata "
        f"(catalog.jsonld) is CC0 1.0 ({METADATA_LICENSE}).",
        "",
        "Aineisto: CC BY 4.0, lähde Espoon kaupunki. Materialet: CC BY 4.0, källa Esbo stad.",
        "",
        "Each dataset is here as CSV (UTF-8, comma-separated, RFC 4180 quoting, first row the "
        "column names) and as JSON (an array of objects with the same names). In CSV, lists "
        f"are joined with '{LIST_SEPARATOR}'; in JSON they are arrays. A text cell that would "
        "start with =, +, -, @, a tab or a carriage return starts with an apostrophe in the "
        "CSV, so that spreadsheets do not run it as a formula. Only public items and "
        "alignment links confirmed by staff are included.",
        "",
    ]
    for dataset in DATASETS:
        lines += [
            f"## {dataset.slug}.csv, {dataset.slug}.json",
            "",
            f"{dataset.title['en']} / {dataset.title['fi']} / {dataset.title['sv']}",
            "",
            dataset.description["en"],
            "",
            "| column | description |",
            "| --- | --- |",
        ]
        lines += [f"| {column.name} | {column.description} |" for column in dataset.columns]
        lines.append("")
    return "\n".join(lines)


def to_zip() -> bytes:
    from api import dcat  # the catalogue module imports this one

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme())
        for dataset in DATASETS:
            rows = list(dataset.rows())
            archive.writestr(f"{dataset.slug}.csv", to_csv(dataset, rows))
            archive.writestr(f"{dataset.slug}.json", to_json(dataset, rows))
        archive.writestr("catalog.jsonld", json.dumps(dcat.catalog(), ensure_ascii=False, indent=1))
    return buffer.getvalue()


# The file formats of every dataset (the DCAT-AP catalogue is in api/dcat.py).
FORMATS = ("csv", "json")
