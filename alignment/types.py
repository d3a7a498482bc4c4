"""The engine's inputs and outputs: plain frozen dataclasses, no behaviour.

Strategy goals are *data*: the Django side passes them in from the database,
so a new council term's goals need no code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StrategyGoal:
    """One strategy goal with its texts per language ("fi", "sv", "en").

    ``keywords`` are phrases staff add per language; they weigh more than words
    of the title and description. ``sdgs`` lists SDG numbers the goal serves,
    so text about those SDGs also points at the goal.
    """

    id: str
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sdgs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A set of goals, e.g. the strategy of one council term."""

    id: str
    goals: tuple[StrategyGoal, ...]


@dataclass(frozen=True)
class Evidence:
    """Why a score is what it is: a phrase of the input and what it matched.

    ``start``/``end`` are offsets of the phrase in the input text exactly as
    given; ``sentence_start``/``sentence_end`` bound the sentence around it.
    """

    start: int
    end: int
    text: str
    matched: str
    language: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Score:
    """A calibrated probability that the text serves ``id``, with its evidence.

    ``kind`` is "goal", "sdg" or "target"; ``framework`` is set for goals.
    ``semantic`` is the semantic similarity used (cosine of the text's vector
    with the SDG's or goal's vector), or None on the lexical path;
    ``semantic_evidence`` are the sentences whose own vectors are closest to
    that SDG or goal (``matched`` says "semantic <cosine>"), best first.
    """

    kind: str
    id: str
    label: str
    probability: float
    evidence: tuple[Evidence, ...]
    semantic: float | None = None
    framework: str = ""
    semantic_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Result:
    """Everything :func:`align` found, best scores first.

    ``abstain`` is "" when the text is alignable, else why it was set aside
    ("sales offer", "spam", "off-topic", "too vague"); then no goal, SDG or
    target is suggested (``goals``, ``sdgs`` and ``targets`` are empty).
    """

    language: str
    language_confidence: float
    goals: tuple[Score, ...]
    sdgs: tuple[Score, ...]
    targets: tuple[Score, ...]
    confidence: str
    note: str
    method: str
    abstain: str = ""


@dataclass(frozen=True)
class Match:
    """An item of the similarity index and how close it is to the query (cosine)."""

    id: str
    score: float
