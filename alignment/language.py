"""Language detection from stop words and letters, with no model to download.

Three languages matter (fi, sv, en). Their most frequent function words barely
overlap, so counting them separates the three reliably from a dozen words on;
letters (å for Swedish, double vowels for Finnish) break ties in short texts.
Anything else, and text with too few known words, is "und" with low confidence.

Estonian is Finnish's close relative (shared "ja", "on", "ei", doubled vowels): between
the two, the words only one of them writes and word endings only one of them has
decide ("pakub", "noored", "noortega" against "kanssa", "yhdessä", "digitaalinen"); a
foreign name with a Finnish case ending ("Tartu Ülikoolin") is no Estonian cue.
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
        "teeb saaks oleks ühe ühte kõigile jaoks kaudu abil samuti ehk siis nagu kas selleks "
        "sellest millega vahel ilma eest järgi pärast"
    ),
    "de": words_of(
        "der das und ist nicht mit von zu den dem ein eine einer eines für auf sich "
        "auch wir werden wird sind bei oder nach aus unsere unser ihre im zum zur uns es "
        "sie ich wie über noch durch diese dieser haben hat kann können möchten"
    ),
    "fr": words_of(
        "le la les des et est une dans pour que qui avec sur du au aux nous vous sont "
        "par pas ce cette ces leur de en un"
    ),
    "es": words_of(
        "el los las y es una para con que por del su sus al como más pero este esta "
        "nuestro nuestra somos de en un"
    ),
}

# Words like "in" (en) and "i" (sv) are left out on purpose where two languages share
# them; "de", "en" and "un" are in (Swedish writes "de" and "en" too), and count for
# neither language when the two are weighed against each other.


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
    guess = _other_language(alpha, joined, finnic=best == "fi")
    rival = counts[best]
    if guess and guess[0] != "et":
        # Words both languages write ("de", "en": Swedish, French and Spanish) tell
        # nothing between them.
        rival -= sum(1 for w in alpha if w in STOP_WORDS[best] & OTHER_STOP_WORDS[guess[0]])
    if guess and guess[0] == "et" and best == "fi":
        # Finnish against Estonian: the words both write ("ja", "on") and doubled
        # vowels tell nothing; Finnish-only words and forms do.
        rival = sum(1 for w in alpha if w in STOP_WORDS["fi"] - SHARED_FI_ET) + _finnish_forms(
            alpha
        )
    if guess and guess[1] > rival:
        return LanguageGuess("und", 0.1, _rounded(shares), False, guess[0])
    if counts[best] < 1.0:
        swedish = sum(1 for w in alpha if "å" in w or w.endswith(_SWEDISH_ENDINGS))
        if not guess and _finnish_forms(alpha, strict=True) >= max(2, swedish + 1):
            # No function word at all ("Kaupunki vähentää rakennusten energiankulutusta"),
            # but case endings only Finnish has: Finnish, with low confidence.
            return LanguageGuess("fi", 0.2, _rounded(shares), False)
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


def _other_language(alpha: list[str], joined: str, finnic: bool) -> tuple[str, float] | None:
    """The best other language by its function words (õ counts for Estonian, ß/ü for German).

    ``finnic``: the text's fi/sv/en stop words, if any, are Finnish ones; then Estonian
    word forms Finnish never has count for Estonian too (``_estonian_forms``).
    """
    counts = {
        code: float(sum(1 for w in alpha if w in words)) for code, words in OTHER_STOP_WORDS.items()
    }
    # Finnish never writes õ, and ü only in foreign names ("München"); a name that takes
    # a Finnish case ending ("Tehnikakõrgkoolin", "Tartu Ülikoolissa") is no Estonian cue.
    native = " ".join(w for w in alpha if not w.endswith(_FINNISH_NAME_ENDINGS))
    counts["et"] += min(native.count("õ"), 3) * 2.0 + min(native.count("ü"), 3) * 0.5
    counts["de"] += min(joined.count("ß"), 2) * 1.0
    if finnic:
        counts["et"] += _estonian_forms(alpha)
    best = max(counts, key=lambda code: counts[code])
    return (best, counts[best]) if counts[best] >= 2.0 else None


# Word endings that tell Estonian from Finnish, its close relative (both double their
# vowels and share "ja", "on", "ei"): Estonian verbs end in -b ("pakub"), plurals in -d
# ("noored", "koolid"), the comitative in -ga ("noortega"), the translative in -ks
# ("kasutamiseks"), the elative in -st ("Tallinnast"), verbal nouns in -mine/-mise
# ("sorteerimine"), the allative in -le after a vowel ("elanikele"; Finnish doubles the
# l), the adessive in -l ("linnal"; Finnish -lla), adjectives in -ne ("digitaalne";
# Finnish -nen), the 1st person plural in -me ("toetame"; Finnish -mme). Native Finnish words end
# in none of these. English words do ("and", "used", "same"), so they count only in a
# text whose fi/sv/en function words, if any, are Finnish.
_ESTONIAN_ENDINGS = (
    *("b", "d", "ga", "ks", "st", "mine", "mise", "ele", "ale", "ame", "ime"),
    *("al", "il", "ul", "lne", "ine"),
)
# Finnish forms Estonian never has: the letter y (Estonian writes ü), case endings with a
# double consonant or a final vowel -ä / -ksi ("kanssa", "yhdessä", "Espoossa",
# "kaupungista", "syksyllä") and the -nen adjectives ("digitaalinen"; Estonian -ne).
_FINNISH_ENDINGS = ("ssa", "sta", "lla", "lta", "ksi", "nen", "ä", "an", "en", "in")
_STRICT_FINNISH_ENDINGS = (
    *("ssa", "ssä", "stä", "llä", "ltä", "ksi", "nen", "iin", "aan", "ään", "uun", "yyn"),
    *("sta", "lla", "lta", "lle", "tä", "jä", "iä", "ää"),
)
# Swedish forms that end like no Finnish word: they outweigh Finnish-looking endings
# ("Nästa steg: största möjliga delaktighet").
_SWEDISH_ENDINGS = ("ning", "het", "liga", "lig", "igt", "ande", "ende", "tion", "er", "ar")
# The words Finnish and Estonian write alike among the Finnish function words.
SHARED_FI_ET = frozenset(["ja", "on", "ei", "ole", "me", "eri"])
_FINNISH_NAME_ENDINGS = ("n", "ssa", "sta", "lla", "lta", "lle", "iin", "aan", "ksi", "na")


def _estonian_forms(alpha: list[str]) -> float:
    """Words with an Estonian ending (each like a function word, at most 4)."""
    found = sum(1 for w in alpha if len(w) > 3 and w.endswith(_ESTONIAN_ENDINGS))
    return float(min(found, 4))


def _finnish_forms(alpha: list[str], strict: bool = False) -> float:
    """Words with a Finnish-only letter or ending (each like a function word, at most 4);
    ``strict``: only Finnish case endings, for a text with no function word at all (the
    caller weighs them against Swedish endings)."""
    if strict:  # and the partitive plural of a long word ("harjoituksia", "busseja")
        found = sum(
            1
            for w in alpha
            if (len(w) > 3 and w.endswith(_STRICT_FINNISH_ENDINGS))
            or (len(w) > 7 and w.endswith(("ia", "ja")))
        )
    else:
        found = sum(1 for w in alpha if len(w) > 3 and ("y" in w or w.endswith(_FINNISH_ENDINGS)))
    return float(min(found, 4))


def _is_latin(word: str) -> bool:
    return all(ch < "\u0250" for ch in word)


def _rounded(shares: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple((code, round(shares[code], 3)) for code in SUPPORTED)
