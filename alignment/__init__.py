"""International Espoo alignment engine: which strategy goals, SDGs and SDG
targets a text serves, with evidence, and which existing items it resembles.

Plain Python, no Django. Typical use::

    from alignment import Engine, Framework, StrategyGoal
    engine = Engine()                       # once per process
    result = engine.align(text, [framework])
    result.sdgs[0].probability, result.sdgs[0].evidence
"""

from __future__ import annotations

from collections.abc import Sequence

from alignment.engine import Engine
from alignment.index import Index
from alignment.language import LanguageGuess
from alignment.language import detect_language as _detect
from alignment.text import tokenize as _tokenize
from alignment.types import Evidence, Framework, Match, Result, Score, StrategyGoal

__all__ = [
    "Engine",
    "Evidence",
    "Framework",
    "Index",
    "LanguageGuess",
    "Match",
    "Result",
    "Score",
    "StrategyGoal",
    "align",
    "detect_language",
    "similar",
]

_engine: Engine | None = None


def align(text: str, frameworks: Sequence[Framework] = (), genre: str = "report") -> Result:
    """Align ``text`` with a process-wide engine on the product's default path.

    That is terms plus the fast concept vectors ("lexical+static"); build
    ``Engine()`` yourself for the (slow) transformer path. ``genre``: "report"
    or "idea" (see ``Engine.align``).
    """
    global _engine
    if _engine is None:
        _engine = Engine(embedder=None)
    return _engine.align(text, frameworks, genre)


def similar(text: str, k: int, index: Index) -> tuple[Match, ...]:
    """The ``k`` items of ``index`` most similar to ``text``."""
    return index.similar(text, k)


def detect_language(text: str) -> LanguageGuess:
    """fi, sv, en or "und", with a confidence in [0, 1]."""
    return _detect(_tokenize(text))
