"""Write kept projects into the portfolio and registry, repeat-safe, keeping staff edits.

The rule (as in core/seeding/upsert.py, with a fingerprint per imported record):

* an imported project whose source values (and how its participants matched) are the
  same as last time is **unchanged**: nothing is read or written for it;
* otherwise the ``EUProject`` and its participations are brought up to date, and the
  activity made of it follows **only if staff have not edited it** since the import last
  wrote it (its fields, participants and funding line still match the fingerprint of
  what the import wrote); an edited activity is kept as staff left it;
* an activity staff deleted is not brought back; an existing activity with the same grant
  number (seeded or made by staff) is adopted and never written to;
* organisations are found by PIC (then by the exact name and country of a registry
  record without a PIC); one the import did not make is never written to, one it made
  is updated only while staff have not edited it.
* staff decisions on city candidates are kept across imports.

Long because the repeat-safe write rule above is one rule applied to projects,
participations, organisations and activities together; split, each half would need the
other's fingerprints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.utils.text import slugify

from eudata.bulk import create_audited
from eudata.matching import CANDIDATE, CERTAIN
from eudata.models import EUParticipation, EUProject, ImportedOrganisation, ImportRun
from eudata.report import (
    CREATED,
    KEPT_DELETED,
    KEPT_EDITED,
    KEPT_STAFF,
    UNCHANGED,
    UPDATED,
    Report,
)
from eudata.rows import ParticipantRow, ProjectRow
from portfolio.models import Activity, FundingLine, Participant
from registry.models import Organisation
from registry.validators import _VAT

if TYPE_CHECKING:
    from eudata.importer import Collected

T = TypeVar("T")
BATCH = 250
ROLES = {
    "coordinator": Participant.Role.COORDINATOR,
    "lead partner": Participant.Role.COORDINATOR,
    "lead_partner": Participant.Role.COORDINATOR,
    "participant": Participant.Role.PARTNER,
    "partner": Participant.Role.PARTNER,
    "beneficiary": Participant.Role.PARTNER,
    "internationalpartner": Participant.Role.PARTNER,
    "associatedpartner": Participant.Role.ASSOCIATED,
    "thirdparty": Participant.Role.OTHER,
}
STATUSES = {"CLOSED": Activity.Status.COMPLETED, "TERMINATED": Activity.Status.CANCELLED}
ACTIVITY_FIELDS = (
    "kind",
    "title_fi",
    "title_en",
    "description_en",
    "status",
    "start_date",
    "end_date",
    "website",
)
FUNDING_FIELDS = ("programme", "grant_number", "total_budget", "eu_contribution", "city_share")
ORGANISATION_FIELDS = (
    "name_fi",
    "name_en",
    "kind",
    "country",
    "city",
    "website",
    "pic",
    "vat_number",
)


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def fingerprint(data: Any) -> str:
    blob = json.dumps(_plain(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def project_fingerprint(item: Collected) -> str:
    people = sorted(
        [[_plain(vars(row)), m.espoo_based, m.watched, m.city] for row, m in item.participants],
        key=json.dumps,
    )
    return fingerprint({"project": vars(item.project), "participants": people})


def role_of(raw: str) -> str:
    return ROLES.get(raw.strip().lower(), Participant.Role.OTHER)


# -- organisations -------------------------------------------------------------------------
class Organisations:
    """Find or make the registry organisation of each participant, once per import."""

    def __init__(self, kind: str, report: Report) -> None:
        self.kind, self.report = kind, report
        self.ids: dict[str, int | None] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        # Adopted by exact name: registry records without a PIC (seeded or staff-made), but
        # never the city itself, which only an identifier or a staff decision links.
        others = Organisation.objects.filter(pic="").exclude(slug=settings.EUDATA_CITY_ORGANISATION)
        for pk, name_fi, name_en, country in others.values_list(
            "pk", "name_fi", "name_en", "country"
        ):
            for name in (name_fi, name_en):
                if name:
                    self.by_name.setdefault((name.casefold(), str(country)), pk)

    def key(self, row: ParticipantRow) -> str:
        if row.pic:
            return f"pic:{row.pic}"
        ident = row.local_id or f"{slugify(row.name)[:150]}:{row.country}"
        return f"{self.kind}:{ident}"[:250]

    def id_of(self, row: ParticipantRow) -> int | None:
        return self.ids.get(self.key(row))

    def ensure(self, rows: Iterable[ParticipantRow]) -> None:
        wanted: dict[str, ParticipantRow] = {}
        for row in rows:
            key = self.key(row)
            if key not in self.ids:
                wanted[key] = row
        for chunk in batched(list(wanted), 500):
            records = {r.key: r for r in ImportedOrganisation.objects.filter(key__in=chunk)}
            known = Organisation.objects.in_bulk(
                [r.organisation_id for r in records.values() if r.organisation_id]
            )
            pics = [wanted[k].pic for k in chunk if k not in records and wanted[k].pic]
            by_pic = {o.pic: o for o in Organisation.objects.filter(pic__in=pics)}
            new: list[tuple[str, ParticipantRow, ImportedOrganisation | None]] = []
            for key in chunk:
                record = records.get(key)
                org = (
                    known.get(record.organisation_id) if record and record.organisation_id else None
                )
                found = self._existing(key, wanted[key], record, org, by_pic)
                if found is None:
                    new.append((key, wanted[key], record))
                else:
                    self.ids[key] = found
            self._create(new)

    def _existing(
        self,
        key: str,
        row: ParticipantRow,
        record: ImportedOrganisation | None,
        org: Organisation | None,
        by_pic: dict[str, Organisation],
    ) -> int | None:
        """The id of the organisation this participant already is, updated if it may be."""
        if record is not None and org is not None:
            values = organisation_values(row)
            new = fingerprint(values)
            if not record.fingerprint:
                self.report.add("organisations", KEPT_STAFF)
            elif fingerprint(_current(org, ORGANISATION_FIELDS)) != record.fingerprint:
                self.report.add("organisations", KEPT_EDITED)
            elif new == record.fingerprint:
                self.report.add("organisations", UNCHANGED)
            else:
                for name, value in values.items():
                    setattr(org, name, value)
                org.save()
                record.fingerprint = new
                record.save(update_fields=["fingerprint"])
                self.report.add("organisations", UPDATED)
            return org.pk
        if record is None:
            existing = by_pic.get(row.pic) if row.pic else None
            found = (
                existing.pk if existing else self.by_name.get((row.name.casefold(), row.country))
            )
            if found is not None:
                ImportedOrganisation.objects.create(key=key, organisation_id=found, fingerprint="")
                self.report.add("organisations", KEPT_STAFF)
                return found
        return None

    def _create(self, new: list[tuple[str, ParticipantRow, ImportedOrganisation | None]]) -> None:
        if not new:
            return
        bases = {key: _organisation_slug(key, row) for key, row, _r in new}
        taken = set(
            Organisation.objects.filter(slug__in=list(bases.values())).values_list(
                "slug", flat=True
            )
        )
        orgs = []
        for key, row, _record in new:
            slug = bases[key]
            if slug in taken:
                slug = f"{slug[:90]}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
            taken.add(slug)
            orgs.append(Organisation(slug=slug, **organisation_values(row)))
        created = create_audited(Organisation, orgs)
        fresh, repaired = [], []
        for (key, row, record), org in zip(new, created, strict=True):
            self.ids[key] = org.pk
            print_ = fingerprint(organisation_values(row))
            if record is None:
                fresh.append(ImportedOrganisation(key=key, organisation=org, fingerprint=print_))
            else:  # staff deleted what the import made: the participant still needs a record
                record.organisation, record.fingerprint = org, print_
                repaired.append(record)
        ImportedOrganisation.objects.bulk_create(fresh, batch_size=500)
        ImportedOrganisation.objects.bulk_update(repaired, ["organisation", "fingerprint"])
        self.report.add("organisations", CREATED, len(created))


def _organisation_slug(key: str, row: ParticipantRow) -> str:
    suffix = row.pic or hashlib.sha256(key.encode()).hexdigest()[:10]
    name = slugify(row.short_name or row.name)[:60].strip("-") or "organisation"
    return f"{name}-{suffix}"


def organisation_values(row: ParticipantRow) -> dict[str, Any]:
    website = row.website.strip()
    if website and "://" not in website:
        website = "https://" + website
    if len(website) > 200 or " " in website or "." not in website:
        website = ""
    vat = row.vat if _VAT.match(row.vat) and len(row.vat) <= 15 else ""
    return {
        "name_fi": row.name[:300],
        "name_en": row.name[:300],
        "kind": row.kind,
        "country": row.country,
        "city": row.city[:100].title() if row.city.isupper() else row.city[:100],
        "website": website,
        "pic": row.pic,
        "vat_number": vat,
    }


def _current(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _field_value(getattr(obj, name)) for name in fields}


def _field_value(value: Any) -> Any:
    return str(value) if value.__class__.__name__ == "Country" else value


# -- projects ------------------------------------------------------------------------------
def save_projects(items: list[Collected], kind: str, run: ImportRun, report: Report) -> list[int]:
    """Store the kept projects; returns the ids of the activities created or updated."""
    city = Organisation.objects.filter(slug=settings.EUDATA_CITY_ORGANISATION).first()
    organisations = Organisations(kind, report)
    touched: list[int] = []
    for chunk in batched(items, BATCH):
        existing = {
            p.source_id: p
            for p in EUProject.objects.filter(
                source=kind, source_id__in=[i.project.key for i in chunk]
            ).select_related("activity", "funding_line")
        }
        decisions = _decisions([p.pk for p in existing.values()])
        todo = []
        for item in chunk:
            print_ = project_fingerprint(item)
            project = existing.get(item.project.key)
            if project is not None and project.fingerprint == print_:
                report.add("projects", UNCHANGED)
                continue
            matches = _effective_matches(item, decisions.get(project.pk, {}) if project else {})
            todo.append((item, project, print_, matches))
        organisations.ensure(
            row
            for item, _p, _f, matches in todo
            for (row, _m), (city_match, _d) in zip(item.participants, matches, strict=True)
            if city_match not in (CERTAIN, EUParticipation.CityMatch.CONFIRMED, CANDIDATE)
        )
        fresh: list[tuple[EUProject, list[EUParticipation]]] = []
        for item, project, print_, matches in todo:
            parts = _participations(item, matches, organisations, city)
            if project is None:
                project = EUProject(source=kind, source_id=item.project.key[:200])
                fresh.append((project, parts))
            _fill(project, item.project, parts, print_, run)
            if project.pk is None:
                continue
            project.save()
            project.participations.all().delete()
            for part in parts:
                part.project = project
            EUParticipation.objects.bulk_create(parts, batch_size=500)
            report.add("projects", UPDATED)
            if (activity_id := sync_activity(project, parts, report)) is not None:
                touched.append(activity_id)
        EUProject.objects.bulk_create([p for p, _parts in fresh], batch_size=500)
        for project, parts in fresh:
            for part in parts:
                part.project = project
        EUParticipation.objects.bulk_create(
            [part for _p, parts in fresh for part in parts], batch_size=500
        )
        report.add("projects", CREATED, len(fresh))
        touched.extend(create_activities([(p, parts) for p, parts in fresh], report))
    return touched


def _fill(
    project: EUProject, row: ProjectRow, parts: list[EUParticipation], print_: str, run: ImportRun
) -> None:
    for name, value in project_values(row).items():
        setattr(project, name, value)
    project.counts_for_espoo = any(p.espoo_based or p.watched or p.is_city for p in parts)
    project.fingerprint = print_
    project.last_run = run


def _decisions(project_ids: list[int]) -> dict[int, dict[str, EUParticipation]]:
    found: dict[int, dict[str, EUParticipation]] = {}
    for p in EUParticipation.objects.filter(project_id__in=project_ids, decided_at__isnull=False):
        found.setdefault(p.project_id, {})[_decision_key(p.pic, p.name)] = p
    return found


def _decision_key(pic: str, name: str) -> str:
    return pic or name.casefold()


def _effective_matches(
    item: Collected, decisions: dict[str, EUParticipation]
) -> list[tuple[str, EUParticipation | None]]:
    """Each participant's city match, with staff decisions on candidates carried over."""
    result: list[tuple[str, EUParticipation | None]] = []
    for row, match in item.participants:
        decided = decisions.get(_decision_key(row.pic, row.name))
        if match.city == CANDIDATE and decided is not None:
            result.append((decided.city_match, decided))
        else:
            result.append((match.city, None))
    return result


def _participations(
    item: Collected,
    matches: list[tuple[str, EUParticipation | None]],
    organisations: Organisations,
    city: Organisation | None,
) -> list[EUParticipation]:
    parts = []
    for (person, match), (city_match, decided) in zip(item.participants, matches, strict=True):
        if city_match in (CERTAIN, EUParticipation.CityMatch.CONFIRMED):
            org_id = city.pk if city else None
        elif city_match == CANDIDATE:
            org_id = None
        else:
            org_id = organisations.id_of(person)
        parts.append(
            EUParticipation(
                organisation_id=org_id,
                name=person.name[:500],
                pic=person.pic,
                vat_number=person.vat[:30],
                role=person.role[:50],
                city=person.city[:200],
                postcode=person.postcode[:30],
                country=person.country,
                eu_contribution=person.eu_contribution,
                total_cost=person.total_cost,
                espoo_based=match.espoo_based,
                watched=match.watched,
                city_match=city_match,
                decided_by_id=decided.decided_by_id if decided else None,
                decided_at=decided.decided_at if decided else None,
            )
        )
    return parts


def project_values(row: ProjectRow) -> dict[str, Any]:
    return {
        "acronym": row.acronym[:100],
        "title": row.title,
        "objective": row.objective,
        "programme": row.programme[:300],
        "call": row.call[:300],
        "funding_scheme": row.funding_scheme[:100],
        "status": row.status[:30],
        "start_date": row.start,
        "end_date": row.end,
        "total_cost": row.total_cost,
        "eu_contribution": row.eu_contribution,
        "topics": row.topics,
        "url": row.url[:500],
    }


# -- the activity made of a project --------------------------------------------------------
def activity_values(project: EUProject) -> dict[str, Any]:
    title = project.title
    if project.acronym and project.acronym.casefold() not in title.casefold():
        title = f"{project.acronym} – {title}"
    return {
        "kind": Activity.Kind.EU_PROJECT,
        "title_fi": title[:300],
        "title_en": title[:300],
        "description_en": project.objective,
        "status": activity_status(project.status, project.start_date, project.end_date),
        "start_date": project.start_date,
        "end_date": project.end_date,
        "website": project.url if len(project.url) <= 200 else "",
    }


def activity_status(raw: str, start: date | None, end: date | None) -> str:
    if raw in STATUSES:
        return STATUSES[raw]
    today = date.today()
    if start and start > today:
        return Activity.Status.PLANNED
    if end and end < today:
        return Activity.Status.COMPLETED
    return Activity.Status.ONGOING


def funding_values(project: EUProject, parts: list[EUParticipation]) -> dict[str, Any]:
    shares = [p.eu_contribution for p in parts if p.is_city and p.eu_contribution is not None]
    return {
        "programme": (project.programme or project.get_source_display())[:200],
        "grant_number": project.source_id[:50],
        "total_budget": project.total_cost,
        "eu_contribution": project.eu_contribution,
        "city_share": sum(shares, Decimal(0)) if shares else None,
    }


def participant_set(parts: list[EUParticipation]) -> list[tuple[int, str]]:
    return sorted(
        {
            (p.organisation_id, role_of(p.role))
            for p in parts
            if p.organisation_id and p.city_match != CANDIDATE
        }
    )


def _activity_print(values: dict[str, Any], people: list[tuple[int, str]], funding: Any) -> str:
    return fingerprint({"activity": values, "participants": people, "funding": funding})


def _current_activity_print(activity: Activity, line: FundingLine | None) -> str:
    people = sorted(set(activity.participants.values_list("organisation_id", "role")))
    funding = _current(line, FUNDING_FIELDS) if line else None
    return _activity_print(_current(activity, ACTIVITY_FIELDS), people, funding)


def create_activities(
    items: list[tuple[EUProject, list[EUParticipation]]], report: Report
) -> list[int]:
    """Make the activities of new Espoo projects in batches (or adopt a staff record)."""
    items = [(p, parts) for p, parts in items if p.counts_for_espoo]
    if not items:
        return []
    adoptable = dict(
        FundingLine.objects.filter(
            grant_number__in=[p.source_id for p, _parts in items],
            activity__kind=Activity.Kind.EU_PROJECT,
            activity__eu_source__isnull=True,
        ).values_list("grant_number", "activity_id")
    )
    adopted, made = [], []
    for project, parts in items:
        activity_id = adoptable.pop(project.source_id, None)
        if activity_id is not None:
            project.activity_id, project.activity_fingerprint = activity_id, ""
            adopted.append(project)
        else:
            made.append((project, parts))
    slugs = _activity_slugs([p for p, _parts in made])
    activities = create_audited(
        Activity,
        [
            Activity(slug=slug, public=False, **activity_values(project))
            for slug, (project, _parts) in zip(slugs, made, strict=True)
        ],
    )
    lines, people, reprs = [], [], []
    for activity, (project, parts) in zip(activities, made, strict=True):
        lines.append(FundingLine(activity=activity, **funding_values(project, parts)))
        names = {p.organisation_id: p.name for p in parts}
        for org_id, role in participant_set(parts):
            people.append(Participant(activity=activity, organisation_id=org_id, role=role))
            reprs.append(f"{names.get(org_id, org_id)} ({role})")
    create_audited(FundingLine, lines)
    create_audited(Participant, people, reprs)
    for activity, line, (project, parts) in zip(activities, lines, made, strict=True):
        project.activity, project.funding_line = activity, line
        project.activity_fingerprint = _activity_print(
            activity_values(project), participant_set(parts), funding_values(project, parts)
        )
    linked = adopted + [p for p, _parts in made]
    for project in linked:
        project.activity_linked = True
    EUProject.objects.bulk_update(
        linked,
        ["activity", "funding_line", "activity_linked", "activity_fingerprint"],
        batch_size=500,
    )
    report.add("activities", KEPT_STAFF, len(adopted))
    report.add("activities", CREATED, len(activities))
    return [a.pk for a in activities]


def sync_activity(project: EUProject, parts: list[EUParticipation], report: Report) -> int | None:
    """Create or update the activity of one changed project by the rule at the top.

    Returns the activity's id when it was created or changed."""
    if project.activity_id is None:
        if project.activity_linked:
            report.add("activities", KEPT_DELETED)
            return None
        created = create_activities([(project, parts)], report)
        return created[0] if created else None
    if not project.activity_fingerprint:
        report.add("activities", KEPT_STAFF)
        return None
    activity = project.activity
    assert activity is not None
    values = activity_values(project)
    people = participant_set(parts)
    funding = funding_values(project, parts)
    new = _activity_print(values, people, funding)
    if _current_activity_print(activity, project.funding_line) != project.activity_fingerprint:
        report.add("activities", KEPT_EDITED)
        return None
    if new == project.activity_fingerprint:
        report.add("activities", UNCHANGED)
        return None
    _apply(activity, values, people, project, funding)
    project.activity_fingerprint = new
    project.save(update_fields=["activity_fingerprint", "funding_line"])
    report.add("activities", UPDATED)
    return activity.pk


def _apply(
    activity: Activity,
    values: dict[str, Any],
    people: list[tuple[int, str]],
    project: EUProject,
    funding: dict[str, Any],
) -> None:
    changed = [name for name, value in values.items() if getattr(activity, name) != value]
    for name in changed:
        setattr(activity, name, values[name])
    if changed:
        activity.save()
    wanted = set(people)
    for participant in activity.participants.all():
        key = (participant.organisation_id, participant.role)
        if key in wanted:
            wanted.discard(key)
        else:
            participant.delete()
    for org_id, role in sorted(wanted):
        Participant(activity=activity, organisation_id=org_id, role=role).save()
    line = project.funding_line
    if line is None:
        line = FundingLine(activity=activity, **funding)
        line.save()
        project.funding_line = line
    elif _current(line, FUNDING_FIELDS) != funding:
        for name, value in funding.items():
            setattr(line, name, value)
        line.save()


def _activity_slugs(projects: list[EUProject]) -> list[str]:
    bases = [f"eu-{p.source}-{slugify(p.source_id)[:80]}".strip("-") for p in projects]
    taken = set(Activity.objects.filter(slug__in=bases).values_list("slug", flat=True))
    slugs = []
    for base, project in zip(bases, projects, strict=True):
        slug = base
        if slug in taken:
            slug = f"{base[:100]}-{hashlib.sha256(project.source_id.encode()).hexdigest()[:8]}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
