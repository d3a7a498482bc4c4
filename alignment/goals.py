"""Compiles strategy goals (data from the database) into terms.

Keywords staff add count fully; words of the title count half and words of the
description a quarter, so a goal works from its texts alone and gets sharper as
staff add keywords. Words shared by many goals ("Espoo", "international") are
shared out, like SDG terms, and carry little.
"""

from __future__ import annotations

from collections import Counter

from alignment.language import STOP_WORDS
from alignment.lexicon import Lexicon, Term
from alignment.text import tokenize
from alignment.types import Framework, StrategyGoal

TITLE_WEIGHT = 0.5
DESCRIPTION_WEIGHT = 0.25
KEYWORD_WEIGHT = 1.0
_MIN_WORD = 4
_EXTRA_STOP = frozenset(
    [
        "espoo",
        "espoon",
        "espoossa",
        "esbo",
        "esbos",
        "city",
        "kaupunki",
        "staden",
        "stad",
        "goal",
        "tavoite",
        "mål",
        "international",
        "kansainvälinen",
        "internationell",
    ]
)


def owner(framework: Framework, goal: StrategyGoal) -> str:
    return f"goal:{framework.id}:{goal.id}"


def _content_words(text: str, lang: str) -> list[str]:
    stop = STOP_WORDS.get(lang, frozenset()) | _EXTRA_STOP
    words = [t.norm for t in tokenize(text)]
    return [w for w in words if len(w) >= _MIN_WORD and w.isalpha() and w not in stop]


def goal_terms(frameworks: tuple[Framework, ...]) -> list[Term]:
    """Terms of every goal of every framework, weights shared out across goals."""
    raw: list[tuple[str, str, str, float]] = []
    for framework in frameworks:
        for goal in framework.goals:
            who = owner(framework, goal)
            for lang, words in goal.keywords.items():
                raw.extend((lang, kw, who, KEYWORD_WEIGHT) for kw in words if kw.strip())
            for lang, title in goal.title.items():
                raw.extend((lang, w, who, TITLE_WEIGHT) for w in set(_content_words(title, lang)))
            for lang, description in goal.description.items():
                raw.extend(
                    (lang, w, who, DESCRIPTION_WEIGHT)
                    for w in set(_content_words(description, lang))
                )
    owners = Counter(
        (lang, text) for lang, text, _ in {(lang, t.lower(), who) for lang, t, who, _ in raw}
    )
    best: dict[tuple[str, str, str], float] = {}
    for lang, text, who, weight in raw:
        key = (lang, text.lower(), who)
        best[key] = max(best.get(key, 0.0), weight / owners[(lang, text.lower())])
    return [Term(text, lang, who, w) for (lang, text, who), w in sorted(best.items())]


def goal_lexicon(frameworks: tuple[Framework, ...]) -> Lexicon:
    return Lexicon(goal_terms(frameworks))


def goal_texts(goal: StrategyGoal) -> list[str]:
    """One text per language, for embedding: title, description and keywords."""
    texts = []
    for lang in sorted(set(goal.title) | set(goal.description)):
        parts = [
            goal.title.get(lang, ""),
            goal.description.get(lang, ""),
            ", ".join(goal.keywords.get(lang, ())),
        ]
        texts.append(". ".join(p for p in parts if p))
    return texts or [goal.id]
