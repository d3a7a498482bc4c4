"""What may count as evidence: content phrases of the text's own language, once each.

Staff who see a function word ("vill", "other") or a place name ("Finland")
cited as the reason for a goal stop reading the rest, so a term hit is kept
only when

* its term is of a language the text is read in (the text's own language; every
  language only when the text is detected as mixed; a text in a language other
  than Finnish, Swedish or English is not read through the term lists at all;
  a text too short to tell is read with all three),
* at least one of its words is a content word (not a function word of any of
  the languages the engine knows), and
* at least one of its words is specific: words so broad ("Finland", "project",
  "spring", "international") are never evidence alone, so no score rests on them.

The lists are written by the team from general knowledge of the languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from alignment.language import STOP_WORDS, LanguageGuess
from alignment.lexicon import Hit
from alignment.text import Token

LANGS = ("fi", "sv", "en")
_PUNCTUATION = re.compile(r"[.,:;!?()\[\]\"“”]")

# Function words, auxiliaries and very general verbs/adjectives beyond the
# language detector's stop words: never evidence on their own.
_FUNCTION = {
    "en": """a an the and or but if of to in on at by for with from into onto over under
    about after before between through during without within upon than then so as is are
    was were be been being am do does did done doing have has had having will would shall
    should can could may might must want wants wanted would like likes liked other others
    another also very well just only even still again more most much many some any each
    every all both few one two three first last next new old way ways thing things get
    gets got make makes made take takes use used using need needs needed way here there
    now today soon we our us you your they their them it its this that these those who
    whom whose which what when where why how not no yes same own such further please
    hello hi dear thanks thank regards best good great big small together joint""",
    "sv": """och eller men om att av i på till för med från vid hos under över efter
    innan mellan genom utan inom än så som är var vara varit blir bli blev har hade ha
    haft kan kunde kunna ska skall skulle vill ville vilja må måste får fick göra gör
    gjorde gjort andra annan annat alla allt varje också även bara redan fortfarande nu
    då här där sedan mer mest mycket många några någon något ny nya nytt gammal stor
    stora liten små bra vi vår våra oss ni er era de deras dem den det detta dessa denna
    vem vilken vilket vilka vad när var hur inte ingen inga ja hej tack hälsningar
    tillsammans gemensam gemensamma gemensamt""",
    "fi": """ja tai mutta jos että kun kuin niin sekä myös vielä jo nyt sitten täällä
    siellä on ovat oli olivat olla olemme olette olen ei emme eivät voi voimme voida
    voisi voisimme voitte pitää pitäisi tulee täytyy haluaa haluamme haluaisimme halu
    haluta tehdä teemme tekee muu muut muiden muita muuta toinen toiset kaikki jokainen
    jotkut joku jokin mikä mitä kuka joka jotka tämä tämän tätä nämä se sen ne niiden
    me meidän meille meillä te teidän he heidän hyvä hyvin paljon vähän vain erittäin
    uusi uuden uutta uudet iso suuri pieni kiitos terveisin hei moi jossa joissa jonka
    joiden joita jota jolla joilla johon joihin josta joista jolle joille jotta koska
    kanssa mukaan kautta avulla aikana lisäksi esimerkiksi esim yhdessä yhteinen
    yhteiset yhteisen yhteistä tulevat tuovat tuoda ensi viime koko""",
}
FUNCTION_WORDS: frozenset[str] = frozenset(
    w for words in _FUNCTION.values() for w in words.split()
) | frozenset(w for words in STOP_WORDS.values() for w in words)

# Words too broad to carry a goal or an SDG alone (countries, regions, the city
# itself, seasons, the words of any project description).
_GENERIC = {
    "en": """finland finnish sweden swedish estonia europe european world international
    nordic espoo city cities town project projects programme program event events spring
    summer autumn winter year years people funding financing network networks pilot
    pilots piloting municipality municipalities municipal delegation export exports""",
    "sv": """finland finlands finländsk sverige estland europa europeisk världen
    internationell internationella nordisk norden esbo stad staden städer projekt program
    evenemang sommar höst vinter år människor finansiering nätverk nätverket
    nätverkets pilot pilotera kommun kommunen kommuner delegation export""",
    "fi": """suomi suomen suomessa suomeen suomalainen viro eurooppa euroopan
    eurooppalainen maailma maailman kansainvälinen pohjoismainen espoo espoon espoossa
    kaupunki kaupungin kaupungit hanke hankkeen projekti ohjelma tapahtuma kevät kesä syksy
    talvi vuosi ihmiset rahoitus rahoitusta rahoituksen verkosto pilotti pilotissa kunta
    kunnan kunnat delegaatio vienti""",
}
GENERIC_WORDS: frozenset[str] = frozenset(w for words in _GENERIC.values() for w in words.split())


def term_languages(language: LanguageGuess) -> frozenset[str]:
    """Whose terms a text is read with: its own language's, all three when mixed or
    too short to tell, none when it is in another language (the transformer's job)."""
    if language.mixed or (language.code not in LANGS and not language.other):
        return frozenset(LANGS)
    if language.code in LANGS:
        return frozenset({language.code})
    return frozenset()


def _words(hit: Hit, tokens: Sequence[Token], starts: dict[int, int]) -> list[str]:
    i = starts.get(hit.start)
    if i is None:
        return []
    out = []
    while i < len(tokens) and tokens[i].end <= hit.end:
        out.append(tokens[i].norm)
        i += 1
    return out


class Filter:
    """Decides which hits of one text may count (see the module docstring)."""

    def __init__(self, text: str, tokens: Sequence[Token], language: LanguageGuess) -> None:
        self.text = text
        self.tokens = tokens
        self.langs = term_languages(language)
        self._starts = {t.start: i for i, t in enumerate(tokens)}

    def content(self, hits: Iterable[Hit]) -> list[Hit]:
        """Hits of the text's languages with at least one content word."""
        kept = []
        for hit in hits:
            if hit.term.lang not in self.langs:
                continue
            if _PUNCTUATION.search(self.text[hit.start : hit.end]) and not _PUNCTUATION.search(
                hit.term.text
            ):
                continue  # a phrase across a sentence or clause break is two phrases
            if not self.generic(hit):
                kept.append(hit)
        return kept

    def generic(self, hit: Hit) -> bool:
        """Whether every word of the hit (as written, or as the term's base form:
        Finnish inflects "Suomi" as "Suomessa") is a function or generic word."""
        term_words = [w.strip("*+=") for w in hit.term.text.lower().split()]
        return _all_generic(_words(hit, self.tokens, self._starts)) or _all_generic(term_words)


# Finnish inflects names and adjectives of place: their stems.
_GENERIC_PREFIXES_FI = (
    "suome",
    "suoma",
    "euroop",
    "kansainväli",
    "maailma",
    "pohjoismai",
    "espoo",
    "ulkomai",
    "virola",
    "ruotsa",
    "ruotsi",
    "kokeilu",
    "pilot",
    "rahoit",
    "verkosto",
)


def _is_generic(word: str) -> bool:
    return (
        word in GENERIC_WORDS
        or word in FUNCTION_WORDS
        or word.isdigit()
        or _genitive_of_generic(word)
        or word.startswith(_GENERIC_PREFIXES_FI)
    )


def _all_generic(words: list[str]) -> bool:
    return bool(words) and all(_is_generic(w) for w in words)


def _genitive_of_generic(word: str) -> bool:
    # "Finland's" is one token "finland" plus "s" in some tokenisations; "finlands" (sv).
    return word.endswith("s") and word[:-1] in GENERIC_WORDS


def distinct(hits: Iterable[Hit], text: str) -> list[Hit]:
    """One hit per distinct phrase (case-insensitive), the first occurrence."""
    seen: set[str] = set()
    out = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        key = " ".join(text[hit.start : hit.end].lower().split())
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out
