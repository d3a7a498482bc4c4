"""Language detection from stop words and letters, with no model to download.

Three languages matter (fi, sv, en). Their most frequent function words barely
overlap, so counting them separates the three reliably from a dozen words on;
letters (å for Swedish, double vowels for Finnish) break ties in short texts.
Anything else, and text with too few known words, is "und" with low confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alignment.text import Token

SUPPORTED = ("fi", "sv", "en")

STOP_WORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(
        [
            "ja",
            "on",
            "ei",
            "se",
            "että",
            "oli",
            "ovat",
            "olla",
            "kun",
            "myös",
            "mutta",
            "tai",
            "jos",
            "joka",
            "jotka",
            "sekä",
            "kuin",
            "niin",
            "tämä",
            "tämän",
            "nämä",
            "hän",
            "me",
            "he",
            "sen",
            "siitä",
            "sitä",
            "siten",
            "vain",
            "voi",
            "voidaan",
            "kanssa",
            "mukaan",
            "jälkeen",
            "lisäksi",
            "kaikki",
            "kaikkien",
            "eri",
            "uusia",
            "uuden",
            "olemme",
            "ole",
            "ollut",
            "mitä",
            "miten",
            "missä",
            "sekä",
            "eli",
            "koska",
            "vielä",
            "jo",
            "yli",
            "alle",
            "noin",
            "sekä",
            "osana",
            "kautta",
            "välillä",
        ]
    ),
    "sv": frozenset(
        [
            "och",
            "att",
            "det",
            "som",
            "en",
            "ett",
            "är",
            "för",
            "på",
            "med",
            "av",
            "till",
            "den",
            "de",
            "inte",
            "om",
            "har",
            "var",
            "vi",
            "kan",
            "också",
            "eller",
            "men",
            "från",
            "så",
            "sig",
            "sin",
            "sina",
            "deras",
            "detta",
            "dessa",
            "vid",
            "efter",
            "genom",
            "mellan",
            "under",
            "över",
            "ska",
            "skall",
            "bli",
            "blir",
            "samt",
            "hos",
            "där",
            "när",
            "alla",
            "andra",
            "nya",
            "vår",
            "våra",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "are",
            "for",
            "on",
            "with",
            "that",
            "this",
            "by",
            "as",
            "be",
            "was",
            "were",
            "from",
            "at",
            "it",
            "an",
            "or",
            "which",
            "their",
            "its",
            "our",
            "we",
            "they",
            "have",
            "has",
            "will",
            "can",
            "also",
            "not",
            "but",
            "these",
            "those",
            "into",
            "more",
            "than",
            "all",
            "such",
            "between",
            "through",
            "about",
            "been",
            "who",
        ]
    ),
}


def words_of(text: str) -> frozenset[str]:
    """The set of the space-separated words of ``text``."""
    return frozenset(text.split())


# Frequent function words of other languages partners write in: a text that has
# more of them than of Finnish, Swedish or English ones is "und" (another
# language), which the engine reads through the transformer, not the term lists.
OTHER_STOP_WORDS: dict[str, frozenset[str]] = {
    "et": words_of(
        "et see ka kui mis või aga nii mida mille ning seda kes veel "
        "oleks need selle kõik üle pole olema meie meil kuid sest oleme seal kus ta "
        "nad tema nende ongi mitte juba väga ainult kuidas koos soovib soovime soovivad "
        "teeb saaks oleks ühe ühte kõigile"
    ),
    "de": words_of(
        "der das und ist nicht mit von zu den dem ein eine einer eines für auf sich "
        "auch wir werden wird sind bei oder nach aus unsere unser ihre im zum zur uns es "
        "sie ich wie über noch durch diese dieser haben hat kann können möchten"
    ),
    "fr": words_of(
        "le la les des et est une dans pour que qui avec sur du au aux nous vous sont "
        "par pas ce cette ces leur"
    ),
    "es": words_of(
        "el los las y es una para con que por del su sus al como más pero este esta "
        "nuestro nuestra somos"
    ),
}

# Words like "in" (en) and "i" (sv) are left out on purpose where two languages share them.


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language, how sure we are, and each language's share of stop words."""

    code: str
    confidence: float
    shares: tuple[tuple[str, float], ...]
    mixed: bool
    other: str = ""  # with code "und": the other language guessed ("et", "de", …) if any


def detect_language(tokens: Sequence[Token], limit: int = 3000) -> LanguageGuess:
    """Guess fi/sv/en from the first ``limit`` words; "und" when none fits."""
    words = [t.norm for t in tokens[:limit]]
    alpha = [w for w in words if w.isalpha() and _is_latin(w)]
    if not alpha:
        # Words, but none in the Latin script (Cyrillic, Chinese, ...): another language.
        script = "non-latin" if any(w.isalpha() for w in words) else ""
        return LanguageGuess("und", 0.0, tuple((code, 0.0) for code in SUPPORTED), False, script)
    counts: dict[str, float] = {
        code: float(sum(1 for w in alpha if w in STOP_WORDS[code])) for code in SUPPORTED
    }
    joined = " ".join(alpha)
    # Letter cues count as half a stop word each, capped so they only break ties.
    counts["sv"] += min(joined.count("å"), 3) * 0.5
    counts["fi"] += min(sum(joined.count(v) for v in ("aa", "ää", "ii", "uu", "yy")), 3) * 0.5
    shares = {code: counts[code] / max(len(words), 1) for code in SUPPORTED}
    ranked = sorted(SUPPORTED, key=lambda code: (-counts[code], SUPPORTED.index(code)))
    best, second = ranked[0], ranked[1]
    guess = _other_language(alpha, joined)
    if guess and guess[1] > counts[best]:
        return LanguageGuess("und", 0.1, _rounded(shares), False, guess[0])
    if counts[best] < 1.0:
        return LanguageGuess("und", 0.1, _rounded(shares), False)
    margin = (counts[best] - counts[second]) / counts[best]
    latin_share = len(alpha) / len(words)
    # A real fi/sv/en text has stop words in roughly every 4th–8th word.
    density = min(1.0, shares[best] / 0.12)
    confidence = round(margin * density * latin_share, 3)
    mixed = counts[second] >= 2 and counts[second] >= 0.35 * counts[best]
    if shares[best] < 0.02 and len(words) > 30:
        return LanguageGuess("und", min(confidence, 0.2), _rounded(shares), mixed)
    return LanguageGuess(best, confidence, _rounded(shares), mixed)


def _other_language(alpha: list[str], joined: str) -> tuple[str, float] | None:
    """The best other language by its function words (õ counts for Estonian, ß/ü for German)."""
    counts = {
        code: float(sum(1 for w in alpha if w in words)) for code, words in OTHER_STOP_WORDS.items()
    }
    # Finnish never writes õ, and ü only in foreign names ("München").
    counts["et"] += min(joined.count("õ"), 3) * 2.0 + min(joined.count("ü"), 3) * 0.5
    counts["de"] += min(joined.count("ß"), 2) * 1.0
    best = max(counts, key=lambda code: counts[code])
    return (best, counts[best]) if counts[best] >= 2.0 else None


def _is_latin(word: str) -> bool:
    return all(ch < "\u0250" for ch in word)


def _rounded(shares: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple((code, round(shares[code], 3)) for code in SUPPORTED)
