"""Loads the team's SDG knowledge from the TOML files in ``alignment/data``.

Kept as data so that terms can be improved without touching code; parsed once
per process.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alignment.lexicon import Term

DATA = Path(__file__).parent / "data"
LANGS = ("fi", "sv", "en")


@dataclass(frozen=True)
class SdgInfo:
    """Name and description of one SDG per language."""

    number: int
    name: dict[str, str]
    about: dict[str, str]


@dataclass(frozen=True)
class SdgKnowledge:
    """All SDG goals and targets with their terms, ready to compile."""

    goals: tuple[SdgInfo, ...]
    target_about: dict[str, str]
    terms: tuple[Term, ...]
    # Phrases in which an SDG's terms mean something else ("machine learning",
    # "energy landscape"): owner "not:<n>"; a hit of SDG n inside one is dropped.
    exclusions: tuple[Term, ...] = ()


def _parse_term(raw: str) -> tuple[str, float]:
    text, _, weight = raw.partition("~")
    return text.strip(), float(weight) if weight else 1.0


def _shared_out(entries: list[tuple[str, str, str, float]]) -> list[Term]:
    """A term listed under several owners signals each of them less."""
    owners_per_term = Counter((lang, text.lower()) for lang, text, _, _ in entries)
    return [
        Term(text, lang, owner, weight / owners_per_term[(lang, text.lower())])
        for lang, text, owner, weight in entries
    ]


@lru_cache(maxsize=1)
def load_sdg_knowledge() -> SdgKnowledge:
    """Parse ``sdg_goals.toml`` and ``sdg_targets.toml`` (cached)."""
    goals_doc: dict[str, Any] = tomllib.loads((DATA / "sdg_goals.toml").read_text("utf-8"))
    targets_doc: dict[str, Any] = tomllib.loads((DATA / "sdg_targets.toml").read_text("utf-8"))
    goals: list[SdgInfo] = []
    goal_entries: list[tuple[str, str, str, float]] = []
    exclusions: list[Term] = []
    for key, body in sorted(goals_doc["goals"].items(), key=lambda kv: int(kv[0])):
        goals.append(SdgInfo(int(key), dict(body["name"]), dict(body["about"])))
        for lang in LANGS:
            for raw in body.get(lang, []):
                text, weight = _parse_term(raw)
                goal_entries.append((lang, text, f"sdg:{key}", weight))
            exclusions.extend(Term(raw, lang, f"not:{key}") for raw in body.get(f"not_{lang}", []))
    target_entries: list[tuple[str, str, str, float]] = []
    about: dict[str, str] = {}
    for code, body in targets_doc["targets"].items():
        about[code] = body["about"]
        for lang in LANGS:
            for raw in body.get(lang, []):
                text, weight = _parse_term(raw)
                target_entries.append((lang, text, f"target:{code}", weight))
    terms = _shared_out(goal_entries) + _shared_out(target_entries)
    return SdgKnowledge(tuple(goals), about, tuple(terms), tuple(exclusions))
