"""The one Django-side door to the alignment engine.

Ideas and portfolio call :func:`suggest_for` when an item is created or saved.
The engine's suggestions become ``AlignmentLink`` rows with source "engine",
pending review: labelled as machine-made, with their evidence, and counted
nowhere until a person confirms them. Links staff have confirmed or rejected
are never replaced or suggested again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from alignment import Engine, Framework, Result, Score, StrategyGoal, detect_language
from strategy.models import (
    AlignmentLink,
    AlignmentReading,
    Goal,
    SDGGoal,
    SDGTarget,
    current_goal_period,
)

logger = logging.getLogger(__name__)
LANGS = ("fi", "sv", "en")

# How many suggestions of each kind an item gets, and the least probability.
LIMITS = {"goal": 3, "sdg": 4, "target": 4}
MIN_PROBABILITY = 0.5


@cache
def engine(embeddings: bool | None = None) -> Engine:
    """One engine per process (its term tables and caches are built once)."""
    use = settings.ALIGNMENT_EMBEDDINGS if embeddings is None else embeddings
    return Engine() if use else Engine(embedder=None)


def current_framework() -> Framework | None:
    """The goals of the current period as the engine's input data."""
    period = current_goal_period()
    if period is None:
        return None
    goals = Goal.objects.filter(period=period).prefetch_related("sdgs")
    return Framework(
        id=period.slug,
        goals=tuple(
            StrategyGoal(
                id=str(goal.pk),
                title={lang: getattr(goal, f"title_{lang}") or "" for lang in LANGS},
                description={lang: getattr(goal, f"description_{lang}") or "" for lang in LANGS},
                keywords={
                    lang: tuple(
                        k.strip()
                        for k in (getattr(goal, f"keywords_{lang}") or "").split(",")
                        if k.strip()
                    )
                    for lang in LANGS
                },
                sdgs=tuple(goal.sdgs.values_list("number", flat=True)),
            )
            for goal in goals
        ),
    )


# Which text of an item the engine reads. Apps register their models here.
TEXT_OF: dict[type[models.Model], Callable[[Any], str]] = {}


def register(model: type[models.Model], text_of: Callable[[Any], str]) -> None:
    TEXT_OF[model] = text_of


def align_text(text: str, embeddings: bool | None = None) -> Result:
    """The engine's reading of an idea or activity text (the "idea" genre: SDGs
    calibrated on what staff confirm for such texts)."""
    framework = current_framework()
    return engine(embeddings).align(text, [framework] if framework else [], genre="idea")


def suggest_for(item: models.Model, embeddings: bool | None = None) -> list[AlignmentLink]:
    """Replace the item's pending engine suggestions with fresh ones."""
    text = TEXT_OF[type(item)](item)
    result = align_text(text, embeddings)
    content_type = ContentType.objects.get_for_model(item)
    links = AlignmentLink.objects.for_item(item)
    with transaction.atomic():
        links.filter(
            source=AlignmentLink.Source.ENGINE, review_state=AlignmentLink.Review.PENDING
        ).delete()
        # What the engine made of the text as a whole: a set-aside idea (a sales offer,
        # spam, ...) gets no suggestions, and staff see the reason on its page.
        AlignmentReading.objects.update_or_create(
            content_type=content_type,
            object_id=item.pk,
            defaults={
                "abstain": result.abstain,
                "language": result.language,
                "method": result.method,
                "other_language_pending": _waits_for_transformer(text, result),
            },
        )
        decided = {(link.goal_id, link.sdg_id, link.target_id) for link in links}
        created = []
        for score in _chosen(result):
            framework = _framework_ref(score)
            if framework is None or _key(framework) in decided:
                continue
            created.append(
                AlignmentLink.objects.create(
                    content_type=content_type,
                    object_id=item.pk,
                    source=AlignmentLink.Source.ENGINE,
                    confidence=round(score.probability, 3),
                    evidence=describe_evidence(score, result),
                    **framework,
                )
            )
    return created


def suggest_later(item: models.Model) -> None:
    """Suggest once the surrounding transaction has committed; never break the caller."""
    model, pk = type(item), item.pk

    def run() -> None:
        try:
            fresh = model._default_manager.filter(pk=pk).first()
            if fresh is not None:
                suggest_for(fresh)
        except Exception:
            logger.exception("alignment suggestions failed for %s %s", model.__name__, pk)

    transaction.on_commit(run)


def _waits_for_transformer(text: str, result: Result) -> bool:
    """A text in another language, read without the transformer: the worker reads it again."""
    if result.abstain or result.method == "lexical+semantic":
        return False
    guess = detect_language(text)
    return bool(guess.other) and not guess.mixed


def _chosen(result: Result) -> list[Score]:
    chosen: list[Score] = []
    for kind, scores in (("goal", result.goals), ("sdg", result.sdgs), ("target", result.targets)):
        good = [s for s in scores if s.probability >= MIN_PROBABILITY]
        chosen.extend(good[: LIMITS[kind]])
    return chosen


def _framework_ref(score: Score) -> dict[str, Any] | None:
    if score.kind == "goal":
        goal = Goal.objects.filter(pk=int(score.id)).first()
        return {"goal": goal} if goal else None
    if score.kind == "sdg":
        sdg = SDGGoal.objects.filter(number=int(score.id)).first()
        return {"sdg": sdg} if sdg else None
    target = SDGTarget.objects.filter(code=score.id).first()
    return {"target": target} if target else None


def _key(ref: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    return (
        ref["goal"].pk if "goal" in ref else None,
        ref["sdg"].pk if "sdg" in ref else None,
        ref["target"].pk if "target" in ref else None,
    )


def describe_evidence(score: Score, result: Result) -> str:
    """A plain-text account of why: the phrases and what they matched, and the method."""
    phrases = [f"“{e.text}” → {e.matched}" for e in score.evidence[:5]]
    # Sentences whose meaning (word vectors) is closest to the goal or SDG.
    sentences = [f"“{_short(e.text)}” → {e.matched}" for e in score.semantic_evidence[:2]]
    method = f"[{result.method}; {result.language}; {result.confidence}]"
    return "; ".join([*phrases, *sentences, method])


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def reading_for(item: models.Model) -> AlignmentReading | None:
    """The engine's last reading of ``item`` (None before the first one)."""
    return AlignmentReading.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).first()
