"""Compiles strategy goals (data from the database) into terms.

Keywords staff add count fully; words of the title count half and words of the
description a quarter, so a goal works from its texts alone and gets sharper as
staff add keywords. Words shared by many goals ("Espoo", "international") are
shared out, like SDG terms, and carry little.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from alignment.evidence import setting
from alignment.language import STOP_WORDS, words_of
from alignment.lexicon import Lexicon, Term, stem
from alignment.text import tokenize
from alignment.types import Framework, StrategyGoal

TITLE_WEIGHT = 0.5
DESCRIPTION_WEIGHT = 0.25
# A description word counts only if rarer than this SIF weight (a/(a+p), a = 1e-4:
# 0.75 is a word frequency of about 3 in 100,000), when the concept vectors load.
MIN_DESCRIPTION_RARITY = 0.75
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


# Words of any goal description that say how, not what ("together", "bring",
# "test", "joint", "foreign", "report"): in an idea they are no sign of the goal.
# Finnish is inflected, so its entries are prefixes of the word.
_PROCESS_WORDS = {
    "en": words_of(
        """together bring brings joint jointly test tested testing work works working
        learn learns foreign abroad report reports reported help helps helping keep
        keeps grow grows place places able live using open openly speak speaks widen
        setting markets market first whole itself down ideas proven borrows shares uses
        taken meeting feel find quickly should partner partners designed projects
        programmes fund funds"""
    ),
    "sv": words_of(
        """tillsammans ger gemensam gemensamma gemensamt testas testa prövats prövas
        utländska utlandet rapporterar hjälper hjälpa förblir plats agera del delen
        används använda lär lära höjer ökar sprids först hela enligt fråga frågan före
        intresserar intresserad erfarenheter erfarenhet utveckla utvecklar modellen modell
        lyckas stärks partner partnern partners projekt projekten program
        programmen finansiera"""
    ),
}
_PROCESS_PREFIXES_FI = (
    "yhdess",
    "yhtei",
    "tuov",
    "tuod",
    "kokeil",
    "ulkomai",
    "raportoi",
    "auttav",
    "auttaa",
    "pysy",
    "jokai",
    "osana",
    "hyödyn",
    "kautta",
    "ensimmäi",
    "vaikutt",
    "nostav",
    "kasvatt",
    "paikka",
    "toimimaan",
    "oppii",
    "opitaan",
    "leviä",
    "pääs",
    "tänne",
    "mennessä",
    "vuonna",
    "vuoteen",
    "muil",
    "muist",
    "pitäisi",
    "lainaa",
    "jakaa",
    "itseään",
    "löytää",
    "malle",
    "mallis",
    "kumppan",
    "hankke",
    "ohjelm",
    "rahoitt",
)


def _process_word(word: str, lang: str) -> bool:
    if lang == "fi":
        return word.startswith(_PROCESS_PREFIXES_FI)
    return word in _PROCESS_WORDS.get(lang, frozenset())


def process_words(words: list[str], lang: str) -> bool:
    """Whether every word of a goal term's hit says how, not what: a goal's term
    found through its stem in such a word ("lära oss av", learn from, for the title
    word "lärande", learning) is no sign of the goal."""
    return bool(words) and all(_process_word(w, lang) for w in words)


def reached_process_words(words: list[str], term: str, lang: str) -> bool:
    """Whether a goal term that is itself no process word was found in process words
    only (a keyword staff wrote, "kokeilut", counts as written)."""
    term_words = [w.strip("*+=") for w in term.lower().split()]
    return process_words(words, lang) and not process_words(term_words, lang)


# Residents, besides the places and participants of ``evidence.setting``.
_RESIDENTS = re.compile(r"residents?|invånar\w*|asuk\w*")


def participants(words: list[str]) -> bool:
    """Whether every word names a place or a participant (see ``evidence.setting``)
    or the residents."""
    return bool(words) and all(setting([w]) or _RESIDENTS.fullmatch(w) for w in words)


def owner(framework: Framework, goal: StrategyGoal) -> str:
    return f"goal:{framework.id}:{goal.id}"


def _own_word(word: str, lang: str) -> str:
    """A Swedish verbal noun as a term found as written ("företagande+"): the stemmer's
    "företag" (company) of "företagande" (entrepreneurship) and "lär" (learns) of
    "lärande" (learning) are other words."""
    if lang == "sv" and word.endswith("ande") and len(word) >= 8 and word.isalpha():
        return word[:-1] + "+"
    return word


def _content_words(text: str, lang: str) -> list[str]:
    stop = STOP_WORDS.get(lang, frozenset()) | _EXTRA_STOP
    words = [t.norm for t in tokenize(text)]
    kept = [
        w
        for w in words
        if len(w) >= _MIN_WORD and w.isalpha() and w not in stop and not _process_word(w, lang)
    ]
    return [form for w in kept for form in _forms(w, lang)]


def _forms(word: str, lang: str) -> list[str]:
    """A Swedish present-tense verb ("grundar", founds; "minskar", reduces) as its
    own forms — present, infinitive, past, supine and its noun in -ning/-ing, also
    inside compounds ("utsläppsminskning") — not through its stem, which is another
    word ("grund", ground: "bakgrund", "grundare")."""
    if (
        lang == "sv"
        and word.endswith("ar")
        and not word.endswith("ingar")  # plural nouns: "lösningar", solutions
        and len(word) >= 6
        and stem("sv", word) == word[:-2]
    ):
        base = word[:-2]
        noun = base + ("ing" if base.endswith("er") else "ning")
        return [f"={word}", f"={base}a", f"={base}ade", f"={base}at", f"{noun}+"]
    return [_own_word(word, lang)]


def goal_terms(
    frameworks: tuple[Framework, ...], rarity: Callable[[str, str], float] | None = None
) -> list[Term]:
    """Terms of every goal of every framework, weights shared out across goals.

    With ``rarity`` (a word's SIF weight, from the concept vectors), description
    words that are not rare enough to be specific become *hints*: a description
    says what a goal is in everyday words ("companies", "schools", "climate"), and
    such a word in an idea helps rank the goal but is not cited as the reason.
    """
    raw: list[tuple[str, str, str, float]] = []
    hints: set[tuple[str, str, str]] = set()
    for framework in frameworks:
        for goal in framework.goals:
            who = owner(framework, goal)
            for lang, words in goal.keywords.items():
                raw.extend((lang, kw, who, KEYWORD_WEIGHT) for kw in words if kw.strip())
            for lang, title in goal.title.items():
                raw.extend((lang, w, who, TITLE_WEIGHT) for w in set(_content_words(title, lang)))
            for lang, description in goal.description.items():
                for w in set(_content_words(description, lang)):
                    raw.append((lang, w, who, DESCRIPTION_WEIGHT))
                    if rarity is not None and rarity(w.strip("=+"), lang) < MIN_DESCRIPTION_RARITY:
                        hints.add((lang, w, who))
    owners = Counter(
        (lang, text) for lang, text, _ in {(lang, t.lower(), who) for lang, t, who, _ in raw}
    )
    best: dict[tuple[str, str, str], float] = {}
    strong: set[tuple[str, str, str]] = set()
    for lang, text, who, weight in raw:
        key = (lang, text.lower(), who)
        best[key] = max(best.get(key, 0.0), weight / owners[(lang, text.lower())])
        if (lang, text, who) not in hints:
            strong.add(key)
    return [
        Term(text, lang, who, w, hint=(lang, text, who) not in strong)
        for (lang, text, who), w in sorted(best.items())
    ]


def goal_lexicon(
    frameworks: tuple[Framework, ...], rarity: Callable[[str, str], float] | None = None
) -> Lexicon:
    return Lexicon(goal_terms(frameworks, rarity))


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
