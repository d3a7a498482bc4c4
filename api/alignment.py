"""Confirmed alignment of a page of items, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from strategy.models import AlignmentLink

CONFIRMED = AlignmentLink.Review.CONFIRMED


def empty_alignment() -> dict[str, list[Any]]:
    return {"goals": [], "sdgs": [], "targets": []}


def alignment_map(model: type[Model], ids: Iterable[int] | None) -> dict[int, dict[str, list[Any]]]:
    """For each item: its confirmed goals, SDGs (directly or through a target) and targets.

    ``ids=None`` reads the links of every item of the model (the open-data exports).
    """
    links = AlignmentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(model), review_state=CONFIRMED
    )
    if ids is not None:
        ids = list(ids)
        if not ids:
            return {}
        links = links.filter(object_id__in=ids)
    rows = links.values(
        "object_id",
        "goal_id",
        "goal__number",
        "goal__period__slug",
        "sdg__number",
        "target__code",
        "target__goal__number",
    ).order_by("id")
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = found.setdefault(row["object_id"], {"goals": {}, "sdgs": set(), "targets": set()})
        if row["goal_id"]:
            entry["goals"][row["goal_id"]] = {
                "id": row["goal_id"],
                "period": row["goal__period__slug"],
                "number": row["goal__number"],
            }
        if row["sdg__number"]:
            entry["sdgs"].add(row["sdg__number"])
        if row["target__code"]:
            entry["sdgs"].add(row["target__goal__number"])
            entry["targets"].add(row["target__code"])
    return {
        pk: {
            "goals": sorted(entry["goals"].values(), key=lambda g: (g["period"], g["number"])),
            "sdgs": sorted(entry["sdgs"]),
            "targets": sorted(entry["targets"], key=target_sort_key),
        }
        for pk, entry in found.items()
    }


def target_sort_key(code: str) -> tuple[int, int, str]:
    goal, _sep, index = code.partition(".")
    return (int(goal), 0 if index.isdigit() else 1, index.zfill(3))


def linked_ids(model: type[Model], condition: Q) -> QuerySet[AlignmentLink, Any]:
    """Ids of ``model`` items with a confirmed link that meets ``condition`` (a subquery)."""
    return AlignmentLink.objects.filter(
        condition, review_state=CONFIRMED, content_type=ContentType.objects.get_for_model(model)
    ).values("object_id")


def sdg_condition(number: int) -> Q:
    """Links to the SDG itself or to any of its targets."""
    return Q(sdg__number=number) | Q(target__goal__number=number)
