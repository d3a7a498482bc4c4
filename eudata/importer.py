"""Run one import: read the source in three streaming passes, then store what concerns Espoo.

1. participants, only the cells that say who and where: which projects to keep;
2. participants again, in full, for the kept projects only;
3. projects: the kept ones are parsed, every other row is skipped unread.

Only kept projects and their participants are held in memory, so memory stays flat as
files grow. Nothing is written until the file has been read to the end; then everything
is written in one transaction, so a file that fails half-way leaves nothing behind. The
run itself (who, when, which file, counts, rejections) is recorded either way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from audit.context import current_actor
from eudata import store
from eudata.bulk import suggest_for_activities
from eudata.matching import CANDIDATE, CERTAIN, Match, Matcher, current_matcher
from eudata.models import ImportRun
from eudata.report import Report
from eudata.rows import ImportFailed, ParticipantRow, ProjectRow, RowError
from eudata.sources import Source
from eudata.sources.registry import open_source

T = TypeVar("T")


@dataclass
class Collected:
    project: ProjectRow
    participants: list[tuple[ParticipantRow, Match]] = field(default_factory=list)


def run_import(
    kind: str,
    paths: list[Path],
    *,
    file_name: str | None = None,
    progress: bool = False,
    align: bool = False,
) -> ImportRun:
    """Import ``paths`` as source ``kind``; returns the finished run (succeeded or failed).

    ``align``: ask the alignment engine for suggestions on the activities this run created
    or changed (slow: a fraction of a second each; ``manage.py realign`` does it later)."""
    close_interrupted_runs()
    actor = current_actor()
    run = ImportRun.objects.create(
        source=kind,
        file_name=(file_name or ", ".join(p.name for p in paths))[:300],
        user=actor.user,
        actor_label=actor.label[:150],
    )
    report = Report()
    try:
        source = open_source(kind, paths)
        collected = collect(source, current_matcher(), report, progress=progress)
        with transaction.atomic():
            touched = store.save_projects(collected, kind, run, report)
        if align:
            report.add("activities", "aligned", suggest_for_activities(touched))
    except ImportFailed as exc:
        run.status = ImportRun.Status.FAILED
        run.error = {"code": exc.code, "params": exc.params}
    except Exception:
        run.status = ImportRun.Status.FAILED
        run.error = {"code": "internal_error", "params": {}}
        _finish(run, report)
        raise
    else:
        run.status = ImportRun.Status.SUCCEEDED
    _finish(run, report)
    return run


# A run still "running" after this long belongs to a process that was killed: its
# transaction was rolled back, so nothing of it was stored.
INTERRUPTED_AFTER = timedelta(hours=2)


def close_interrupted_runs() -> int:
    """Mark runs whose process died (still "running" long after they started) as failed."""
    cutoff = timezone.now() - INTERRUPTED_AFTER
    stale = ImportRun.objects.filter(status=ImportRun.Status.RUNNING, started_at__lt=cutoff)
    return stale.update(
        status=ImportRun.Status.FAILED,
        finished_at=timezone.now(),
        error={"code": "interrupted", "params": {}},
    )


def _finish(run: ImportRun, report: Report) -> None:
    run.counts = report.as_json()
    run.rejections = report.rejections
    run.rejected_total = report.rejected_total
    run.finished_at = timezone.now()
    run.save()


def _progress(items: Iterable[T], label: str, enabled: bool) -> Iterator[T]:
    return iter(
        tqdm(items, desc=label, unit=" rows", disable=not enabled, file=sys.stderr, mininterval=0.5)
    )


def _match(matcher: Matcher, who: dict[str, Any]) -> Match:
    return matcher.match(
        name=who.get("name", ""),
        city=who.get("city", ""),
        postcode=who.get("postcode", ""),
        country=who.get("country", ""),
        pic=who.get("pic", ""),
        vat=who.get("vat", ""),
        business_id=who.get("business_id", ""),
    )


def collect(
    source: Source, matcher: Matcher, report: Report, progress: bool = False
) -> list[Collected]:
    """Read the source; returns the kept projects with their participants. Writes nothing."""
    keep: set[str] = set()
    read = skipped = 0
    for record in _progress(source.participant_records(), "participants 1/2", progress):
        read += 1
        if record.error:
            report.reject(record.file, record.line, record.error)
            continue
        try:
            who = source.identity(record)
        except RowError as exc:
            report.reject(record.file, record.line, exc.code, **exc.params)
            continue
        if _match(matcher, who).relevant:
            keep.add(who["project_key"])

    participants: dict[str, list[tuple[ParticipantRow, Match]]] = {}
    for record in _progress(source.participant_records(), "participants 2/2", progress):
        if record.error:
            continue
        try:
            key = source.participant_key(record)
        except RowError:
            continue  # rejected in the first pass
        if key not in keep:
            skipped += 1
            continue
        try:
            row = source.participant(record)
        except RowError as exc:
            report.reject(record.file, record.line, exc.code, **exc.params)
            continue
        match = _match(matcher, vars(row))
        participants.setdefault(key, []).append((row, match))
        _count_match(report, match)

    projects: dict[str, Collected] = {}
    failed: set[str] = set()
    repeat_ok = getattr(source, "rows_repeat_projects", False)
    for record in _progress(source.project_records(), "projects", progress):
        if not repeat_ok:
            read += 1
        if record.error:
            report.reject(record.file, record.line, record.error)
            continue
        key = ""
        try:
            key = source.project_key(record)
            if key not in keep:
                if not repeat_ok:
                    skipped += 1
                continue
            if key in projects:
                if not repeat_ok:
                    report.reject(record.file, record.line, "duplicate_project", project=key)
                continue
            project = source.project(record)
        except RowError as exc:
            report.reject(record.file, record.line, exc.code, **exc.params)
            failed.add(key)
            continue
        projects[key] = Collected(project, participants.get(key, []))

    report.add("rows", "read", read)
    report.add("rows", "skipped", skipped)
    for key in sorted(keep - projects.keys() - failed):
        report.reject(source.project_file, 0, "unknown_project", project=key)
    for key, topics in source.extras(set(projects)).items():
        found = projects[key].project.topics
        found.extend(t for t in topics if t not in found)
    return list(projects.values())


def _count_match(report: Report, match: Match) -> None:
    if match.espoo_based:
        report.add("participations", "espoo")
    if match.watched:
        report.add("participations", "watched")
    if match.city == CERTAIN:
        report.add("participations", "city")
    elif match.city == CANDIDATE:
        report.add("participations", "candidates")
