"""Who to apply with, and how much comparable projects received (from eudata).

The imported EU projects (``eudata.EUProject``) are read into one matrix of the engine's
stem vectors per process, rebuilt when the projects change. For a call, the most similar
past projects give (a) their participants, ranked by how many of those projects they took
part in and how often they coordinated, and (b) the EU contribution those projects
received: median and range per programme.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from django.db.models import Count, Max

from eudata.models import EUParticipation, EUProject
from radar.matching import call_text, read
from radar.models import Call

SIMILAR_PROJECTS = 25
MIN_SIMILARITY = 0.08
_lock = threading.Lock()
_cache: tuple[tuple[Any, ...], list[int], np.ndarray] | None = None
_checked = 0.0
# How often a process asks whether the imported projects changed (a cheap aggregate query).
RECHECK_SECONDS = 30.0


def _project_text(title: str, objective: str, topics: Any) -> str:
    words = [title, objective[:3000]]
    if isinstance(topics, list):
        words += [str(t.get("title", "")) if isinstance(t, dict) else str(t) for t in topics]
    return "\n".join(w for w in words if w)


def _matrix() -> tuple[list[int], np.ndarray]:
    global _cache, _checked
    if _cache is not None and time.monotonic() - _checked < RECHECK_SECONDS:
        return _cache[1], _cache[2]
    _checked = time.monotonic()
    stamp = tuple(
        EUProject.objects.aggregate(n=Count("pk"), m=Max("pk"), u=Max("updated_at")).values()
    )
    with _lock:
        if _cache is None or _cache[0] != stamp:
            ids: list[int] = []
            rows: list[np.ndarray] = []
            for pk, title, objective, topics in EUProject.objects.values_list(
                "pk", "title", "objective", "topics"
            ).iterator():
                ids.append(pk)
                rows.append(read(_project_text(title, objective, topics))[0])
            matrix = np.stack(rows) if rows else np.zeros((0, 384), dtype=np.float32)
            _cache = (stamp, ids, matrix)
        return _cache[1], _cache[2]


def forget() -> None:
    global _cache, _checked
    with _lock:
        _cache = None
        _checked = 0.0


def similar_projects(call: Call, k: int = SIMILAR_PROJECTS) -> list[tuple[int, float]]:
    ids, matrix = _matrix()
    if not ids:
        return []
    scores = matrix @ read(call_text(call))[0]
    top = np.argpartition(-scores, k - 1)[:k] if len(ids) > k else np.arange(len(ids))
    order = sorted(top.tolist(), key=lambda i: (-float(scores[i]), ids[i]))
    return [(ids[i], float(scores[i])) for i in order if scores[i] >= MIN_SIMILARITY]


@dataclass
class Partner:
    name: str
    country: str
    organisation_id: int | None
    projects: int = 0
    coordinated: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    weight: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def role_list(self) -> list[tuple[str, int]]:
        return self.roles.most_common()


def suggest_partners(
    call: Call, limit: int = 10, found_projects: list[tuple[int, float]] | None = None
) -> list[Partner]:
    similar = dict(similar_projects(call) if found_projects is None else found_projects)
    if not similar:
        return []
    found: dict[str, Partner] = {}
    participations = (
        EUParticipation.objects.filter(project_id__in=similar)
        .order_by("project_id", "pk")
        .values_list(
            "project_id",
            "pic",
            "name",
            "country",
            "organisation_id",
            "role",
            "project__acronym",
            "project__title",
            "city_match",
        )
    )
    for row in participations:
        project_id, pic, name, country, organisation_id, role, acronym, title, city = row
        if city in ("certain", "confirmed"):
            continue  # the city itself is no partner to suggest
        key = pic or f"{name.strip().lower()}|{country}"
        partner = found.get(key)
        if partner is None:
            partner = found[key] = Partner(name, country, organisation_id)
        partner.projects += 1
        role = (role or "participant").lower()
        partner.roles[role] += 1
        if role == "coordinator":
            partner.coordinated += 1
        partner.weight += similar[project_id]
        label = acronym or title[:60]
        if label not in partner.examples and len(partner.examples) < 3:
            partner.examples.append(label)
    ranked = sorted(found.values(), key=lambda p: (-p.projects, -p.coordinated, -p.weight, p.name))
    return ranked[:limit]


@dataclass
class GrantContext:
    programme: str
    projects: int
    median: Decimal
    low: Decimal
    high: Decimal


def grant_context(
    call: Call, found_projects: list[tuple[int, float]] | None = None
) -> list[GrantContext]:
    """EU contribution of the most similar past projects, per programme (most projects first)."""
    found_projects = similar_projects(call) if found_projects is None else found_projects
    similar = [pk for pk, _ in found_projects]
    amounts: dict[str, list[Decimal]] = defaultdict(list)
    for programme, amount in EUProject.objects.filter(
        pk__in=similar, eu_contribution__isnull=False
    ).values_list("programme", "eu_contribution"):
        if amount is not None:
            amounts[programme or "—"].append(amount)
    out = [
        GrantContext(
            p, len(v), Decimal(statistics.median(v)).quantize(Decimal("1")), min(v), max(v)
        )
        for p, v in amounts.items()
    ]
    return sorted(out, key=lambda g: (-g.projects, g.programme))
