"""Calls ↔ ideas and planned activities: aligned by the engine, matched with matrices.

Each text becomes the engine's similarity representation (``alignment.index``: hashed,
L2-normalised word-stem and stem-pair vectors, 384 dimensions) and a topic vector (the
engine's goal and SDG probabilities of 0.5 or more). Every call is scored against every
item with two matrix products, so 5,000 × 1,000 pairs cost milliseconds; only the best
pairs are explained (shared goals, SDGs and phrases) and stored in ``CallMatch``.

score = TEXT_WEIGHT · min(1, 2 · text cosine) + (1 − TEXT_WEIGHT) · topic cosine
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from alignment.index import DIM
from alignment.language import STOP_WORDS
from alignment.lexicon import stem
from alignment.text import mask_markup, tokenize
from ideas.models import OPEN_STATES, Idea, Status
from ideas.suggestions import idea_text
from portfolio.models import Activity
from portfolio.signals import activity_text
from radar.models import Call, CallAlignment, CallMatch
from strategy import suggestions
from strategy.models import AlignmentLink, Goal, SDGGoal

TEXT_WEIGHT = 0.6
THRESHOLD = 0.5  # engine probability from which a goal or SDG counts
MAX_PHRASES = 5
# A call's first characters say what it is about; the rest of a long text costs time only.
ALIGN_CHARS = 6000
IDEA_STATES = (*OPEN_STATES, Status.ACCEPTED)
STOP = frozenset().union(*STOP_WORDS.values())


@dataclass
class Reading:
    """One text as the matcher sees it."""

    vector: np.ndarray
    stems: dict[str, str]  # stem or stem pair → the words as written
    goals: dict[int, float] = field(default_factory=dict)
    sdgs: dict[int, float] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.keys = frozenset(self.stems)


def read(text: str) -> tuple[np.ndarray, dict[str, str]]:
    """The engine's hashed stem vector (as ``alignment.index.vectorize``) and the stems."""
    words = [
        (token.norm, stem("en", stem("sv", stem("fi", token.norm))))
        for token in tokenize(mask_markup(text))
        if token.norm not in STOP
    ]
    stems = [s for _, s in words]
    features = stems + [a + " " + b for a, b in itertools.pairwise(stems)]
    vector = np.zeros(DIM, dtype=np.float32)
    for feature in features:
        h = zlib.crc32(feature.encode("utf-8"))
        vector[h % DIM] += 1.0 if (h >> 16) & 1 else -1.0
    norm = float(np.linalg.norm(vector))
    if norm:
        vector /= norm
    surface: dict[str, str] = {}
    for w, s in words:
        surface.setdefault(s, w)
    for (w1, s1), (w2, s2) in itertools.pairwise(words):
        surface.setdefault(f"{s1} {s2}", f"{w1} {w2}")
    return vector, surface


def call_text(call: Call) -> str:
    return "\n\n".join(p for p in (call.title, call.description, call.action_type) if p)


# --- Alignment of calls -------------------------------------------------------------------


def align_calls(call_ids: Iterable[int]) -> int:
    """(Re)align the given calls with the engine; returns the number of links stored."""
    framework = suggestions.current_framework()
    engine = suggestions.engine()
    frameworks = [framework] if framework else []
    goals = {str(g.pk): g.pk for g in Goal.objects.all()}
    sdgs = dict(SDGGoal.objects.values_list("number", "pk"))
    rows: list[CallAlignment] = []
    ids = list(call_ids)
    for start in range(0, len(ids), 500):
        chunk = list(
            Call.objects.filter(pk__in=ids[start : start + 500]).only(
                "pk", "title", "description", "action_type"
            )
        )
        for call in chunk:
            result = engine.align(call_text(call)[:ALIGN_CHARS], frameworks)
            for score in result.goals[:3]:
                if score.probability >= THRESHOLD and score.id in goals:
                    rows.append(_link(call, score, result, goal_id=goals[score.id]))
            for score in result.sdgs[:4]:
                if score.probability >= THRESHOLD and int(score.id) in sdgs:
                    rows.append(_link(call, score, result, sdg_id=sdgs[int(score.id)]))
    with transaction.atomic():
        for start in range(0, len(ids), 500):
            # Not .delete(): the collector would load every row first (no signals here).
            CallAlignment.objects.filter(call_id__in=ids[start : start + 500])._raw_delete(
                CallAlignment.objects.db
            )
        CallAlignment.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _link(call: Call, score: object, result: object, **target: int) -> CallAlignment:
    return CallAlignment(
        call=call,
        probability=round(score.probability, 3),  # type: ignore[attr-defined]
        evidence=suggestions.describe_evidence(score, result)[:2000],  # type: ignore[arg-type]
        **target,
    )


# --- The items: open or accepted ideas and planned activities ------------------------------


def items() -> list[Idea | Activity]:
    ideas: list[Idea | Activity] = list(Idea.objects.filter(status__in=IDEA_STATES))
    activities = list(Activity.objects.filter(status=Activity.Status.PLANNED))
    return ideas + activities


def _item_topics(found: list[Idea | Activity]) -> dict[tuple[str, int], tuple[dict, dict]]:
    """Goals/SDGs of each item: its alignment links (engine suggestions made when it was
    saved, at their confidence; staff-confirmed ones at 1; rejected ones never), the goals a
    proposer chose, and — for an item with no links at all — the engine's reading now."""
    known_goals = set(Goal.objects.values_list("pk", flat=True))
    out: dict[tuple[str, int], tuple[dict, dict]] = {
        (type(item).__name__, item.pk): ({}, {}) for item in found
    }
    linked: set[tuple[str, int]] = set()
    links = (
        AlignmentLink.objects.filter(content_type__model__in=["idea", "activity"])
        .filter(content_type__app_label__in=["ideas", "portfolio"])
        .values_list(
            "content_type__model",
            "object_id",
            "goal_id",
            "sdg__number",
            "review_state",
            "confidence",
        )
    )
    for model, object_id, goal_id, sdg_number, state, confidence in links.iterator():
        key = ("Idea" if model == "idea" else "Activity", int(object_id))
        if key not in out:
            continue
        linked.add(key)
        if state == AlignmentLink.Review.REJECTED:
            continue
        p = 1.0 if state == AlignmentLink.Review.CONFIRMED else float(confidence or 0)
        if p < THRESHOLD:
            continue
        if goal_id and goal_id in known_goals:
            out[key][0][goal_id] = max(p, out[key][0].get(goal_id, 0))
        if sdg_number:
            out[key][1][sdg_number] = max(p, out[key][1].get(sdg_number, 0))
    framework = suggestions.current_framework()
    engine = suggestions.engine()
    frameworks = [framework] if framework else []
    for item in found:
        key = (type(item).__name__, item.pk)
        if key in linked:
            continue
        text = idea_text(item) if isinstance(item, Idea) else activity_text(item)
        result = engine.align(text, frameworks)
        for score in result.goals:
            if score.probability >= THRESHOLD and int(score.id) in known_goals:
                out[key][0][int(score.id)] = score.probability
        for score in result.sdgs:
            if score.probability >= THRESHOLD:
                out[key][1][int(score.id)] = score.probability
    chosen = Idea.goals.through.objects.filter(
        idea_id__in=[item.pk for item in found if isinstance(item, Idea)]
    ).values_list("idea_id", "goal_id")
    for idea_id, goal_id in chosen:  # chosen by the proposer
        out[("Idea", idea_id)][0].setdefault(goal_id, 0.75)
    return out


# --- Matching ----------------------------------------------------------------------------


def _topic_matrix(readings: list[Reading], goal_index: dict[int, int]) -> np.ndarray:
    matrix = np.zeros((len(readings), len(goal_index) + 17), dtype=np.float32)
    for row, reading in enumerate(readings):
        for goal, p in reading.goals.items():
            if goal in goal_index:
                matrix[row, goal_index[goal]] = p
        for sdg, p in reading.sdgs.items():
            if 1 <= sdg <= 17:
                matrix[row, len(goal_index) + sdg - 1] = p
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def score_matrix(calls: list[Reading], found: list[Reading]) -> tuple[np.ndarray, ...]:
    """(score, text, topic) matrices of shape calls × items."""
    goal_ids = sorted({g for r in itertools.chain(calls, found) for g in r.goals})
    goal_index = {g: i for i, g in enumerate(goal_ids)}
    text = np.stack([r.vector for r in calls]) @ np.stack([r.vector for r in found]).T
    text = np.clip(text, 0, 1)
    topic = _topic_matrix(calls, goal_index) @ _topic_matrix(found, goal_index).T
    score = TEXT_WEIGHT * np.minimum(1.0, 2.0 * text) + (1 - TEXT_WEIGHT) * topic
    return score, text, topic


def _top(matrix: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Indices of the k largest along ``axis`` (unsorted), as a boolean mask."""
    mask = np.zeros(matrix.shape, dtype=bool)
    n = matrix.shape[axis]
    if n == 0:
        return mask
    k = min(k, n)
    idx = np.argpartition(-matrix, k - 1, axis=axis)
    idx = idx[:, :k] if axis == 1 else idx[:k, :]
    np.put_along_axis(mask, idx, True, axis=axis)
    return mask


def explain(call: Reading, item: Reading, idf: dict[str, float]) -> tuple[list, list, list]:
    goals = sorted(set(call.goals) & set(item.goals))
    sdgs = sorted(set(call.sdgs) & set(item.sdgs))
    shared = call.keys & item.keys
    pairs = sorted((s for s in shared if " " in s), key=lambda s: (-idf.get(s, 0), s))
    words = sorted((s for s in shared if " " not in s), key=lambda s: (-idf.get(s, 0), s))
    chosen: list[str] = []
    covered: set[str] = set()
    for s in pairs + words:
        if len(chosen) >= MAX_PHRASES:
            break
        if s in covered:
            continue
        chosen.append(call.stems[s])
        covered.update(s.split(" "))
    return goals, sdgs, chosen


def call_readings(calls: list[Call]) -> list[Reading]:
    links: dict[int, tuple[dict[int, float], dict[int, float]]] = {c.pk: ({}, {}) for c in calls}
    rows = CallAlignment.objects.filter(call__status__in=["open", "forthcoming"]).values_list(
        "call_id", "goal_id", "sdg__number", "probability"
    )
    for call_id, goal_id, sdg_number, probability in rows.iterator(chunk_size=5000):
        if call_id not in links:
            continue
        if goal_id:
            links[call_id][0][goal_id] = probability
        elif sdg_number:
            links[call_id][1][sdg_number] = probability
    readings = []
    for call in calls:
        vector, stems = read(call_text(call))
        readings.append(Reading(vector, stems, *links[call.pk]))
    return readings


def match_all() -> int:
    """Recompute every match of every open or forthcoming call; returns the number stored."""
    calls = list(
        Call.objects.exclude(status=Call.Status.CLOSED)
        .only("pk", "title", "description", "action_type", "fit")
        .order_by("pk")
    )
    found = items()
    topics = _item_topics(found)
    item_readings = []
    for item in found:
        text = idea_text(item) if isinstance(item, Idea) else activity_text(item)
        vector, stems = read(text)
        goals, sdgs = topics[(type(item).__name__, item.pk)]
        item_readings.append(Reading(vector, stems, goals, sdgs))
    readings = call_readings(calls)
    return store_matches(calls, readings, found, item_readings)


def store_matches(
    calls: list[Call],
    readings: list[Reading],
    found: list[Idea | Activity],
    item_readings: list[Reading],
) -> int:
    rows: list[tuple[object, ...]] = []
    fits = np.zeros(len(calls), dtype=np.float32)
    if calls and found:
        score, text, topic = score_matrix(readings, item_readings)
        minimum = settings.RADAR_MIN_SCORE
        keep = score >= minimum
        per_call = _top(score, settings.RADAR_MATCHES_PER_CALL, axis=1) & keep
        per_item = _top(score, settings.RADAR_MATCHES_PER_ITEM, axis=0) & keep
        fits = score.max(axis=1)
        # Ranks among the kept pairs (1 = best), per call and per item.
        rank_call = np.argsort(np.argsort(-np.where(per_call, score, -1), axis=1), axis=1) + 1
        rank_item = np.argsort(np.argsort(-np.where(per_item, score, -1), axis=0), axis=0) + 1
        df: Counter[str] = Counter()
        for reading in itertools.chain(readings, item_readings):
            df.update(reading.stems.keys())
        total = len(readings) + len(item_readings)
        idf = {s: math.log(total / n) for s, n in df.items()}
        for c, i in zip(*np.nonzero(per_call | per_item), strict=True):
            goals, sdgs, phrases = explain(readings[c], item_readings[i], idf)
            item = found[i]
            rows.append(
                (
                    calls[c].pk,
                    item.pk if isinstance(item, Idea) else None,
                    item.pk if isinstance(item, Activity) else None,
                    round(float(score[c, i]), 4),
                    round(float(text[c, i]), 4),
                    round(float(topic[c, i]), 4),
                    _json("goals", goals),
                    _json("sdgs", sdgs),
                    _json("phrases", phrases),
                    int(rank_call[c, i]) if per_call[c, i] else None,
                    int(rank_item[c, i]) if per_item[c, i] else None,
                )
            )
    with transaction.atomic():
        CallMatch.objects.all()._raw_delete(CallMatch.objects.db)
        _insert_matches(rows)
        Call.objects.filter(status=Call.Status.CLOSED).update(fit=0.0)
        _save_fits(calls, fits)
    return len(rows)


COLUMNS = (
    "call_id",
    "idea_id",
    "activity_id",
    "score",
    "text_score",
    "topic_score",
    "goals",
    "sdgs",
    "phrases",
    "rank_for_call",
    "rank_for_item",
)


def _json(field_name: str, value: object) -> object:
    # What JSONField.get_db_prep_value does, without its per-call overhead.
    return connection.ops.adapt_json_value(value, None)


def _insert_matches(rows: list[tuple[object, ...]]) -> None:
    """Many rows at once without building model instances (tens of thousands per run)."""
    quote = connection.ops.quote_name
    # Only identifiers from the model's own metadata go into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(CallMatch._meta.db_table),
        ", ".join(quote(c) for c in COLUMNS),
        ", ".join(["%s"] * len(COLUMNS)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])  # type: ignore[arg-type]


def _save_fits(calls: list[Call], fits: np.ndarray) -> None:
    changed = []
    for call, fit in zip(calls, fits, strict=True):
        value = round(float(fit), 4)
        if abs(call.fit - value) > 1e-4:
            call.fit = value
            changed.append((value, call.pk))
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} = %s WHERE {} = %s".format(  # noqa: S608
        quote(Call._meta.db_table), quote("fit"), quote("id")
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, changed)
