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
  "spring", "international", "sustainable") are never evidence alone, so no
  score rests on them,
* a Finnish compound found through its stem is the term's word, not another
  word that shares its first part ("investointisuunnitelma", an investment
  plan, is no "investointisuoja", investment protection),
* it does not name how partners work together ("peer learning", "study visit",
  "vertaisoppiminen", "studiebesök"): such a method is evidence of partnership
  (SDG 17) only, never of education or of a goal's subject,
* it is not a word set in quotation marks ("kotouttaminen" of companies: a
  figure of speech, not the subject), and
* it is not the first word of a longer phrase found for another SDG
  ("digitala" in "digitala färdigheter" is a skill, not infrastructure).

Words that name where something happens or who takes part ("school", "students",
"companies", "employees", "museum", "the archipelago", "investors", "nurses") say
what a text is about only when the text is about that: an SDG resting on one such
word alone counts only when it is also the SDG the text is closest to in meaning
(``without_settings``). "The software vendor of the school system" is no education
idea; a school partnership is.

The lists are written by the team from general knowledge of the languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from alignment.language import STOP_WORDS, LanguageGuess
from alignment.lexicon import Hit, stem, word_key
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
    pilots piloting municipality municipalities municipal delegation export exports
    sustainable sustainably sustainability""",
    "sv": """finland finlands finländsk finländska finländskt sverige estland europa europeisk
    europeiska europeiskt nordiska nordiskt internationellt världen
    internationell internationella nordisk norden esbo stad staden städer projekt program
    evenemang sommar höst vinter år människor finansiering nätverk nätverket
    nätverkets pilot pilotera kommun kommunen kommuner delegation export hållbar
    hållbart hållbara hållbarhet hållbarheten""",
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
        self._method_spans: list[tuple[int, int]] | None = None

    def content(self, hits: Iterable[Hit]) -> list[Hit]:
        """Hits of the text's languages that may count (see the module docstring)."""
        kept = []
        for hit in hits:
            if hit.term.lang not in self.langs:
                continue
            if _PUNCTUATION.search(self.text[hit.start : hit.end]) and not _PUNCTUATION.search(
                hit.term.text
            ):
                continue  # a phrase across a sentence or clause break is two phrases
            if self.generic(hit) or self.quoted(hit) or self.other_word(hit):
                continue
            if self.method(hit):
                continue
            kept.append(hit)
        return _outside_longer_phrases(kept)

    def without_settings(
        self,
        sdg_hits: dict[str, list[Hit]],
        target_hits: dict[str, list[Hit]],
        closest: str | None,
    ) -> None:
        """Drop, in place, the hits of each SDG that rest on one place or participant
        alone (every hit such a word, one distinct term), unless it is the SDG the
        text is ``closest`` to in meaning. Two of them ("students" and "school")
        are a theme, not a passing mention."""
        for code, hits in list(sdg_hits.items()):
            if code == closest or len({self._stems(h) for h in hits}) > 1:
                continue
            if not all(setting(_words(h, self.tokens, self._starts)) for h in hits):
                continue
            del sdg_hits[code]
            for target in [t for t in target_hits if t.split(".")[0] == code]:
                del target_hits[target]

    def indices(self, hit: Hit) -> range:
        """The positions of the hit's tokens in the text's tokens."""
        i = self._starts.get(hit.start)
        if i is None:
            return range(0)
        j = i
        while j < len(self.tokens) and self.tokens[j].end <= hit.end:
            j += 1
        return range(i, j)

    def words(self, hit: Hit) -> list[str]:
        """The hit's words as the text writes them (lower case)."""
        return _words(hit, self.tokens, self._starts)

    def _stems(self, hit: Hit) -> str:
        """The hit's words as stems: "school" and "schools" are one word."""
        lang = hit.term.lang if hit.term.lang in LANGS else "en"
        return " ".join(stem(lang, w) for w in _words(hit, self.tokens, self._starts))

    def quoted(self, hit: Hit) -> bool:
        """Whether the hit is a word or phrase set in quotation marks of its own."""
        before = self.text[hit.start - 1 : hit.start] if hit.start else ""
        return before in _QUOTES and self.text[hit.end : hit.end + 1] in _QUOTES

    def method(self, hit: Hit) -> bool:
        """Whether the hit names how partners cooperate, outside partnership (SDG 17)."""
        code = hit.term.owner.partition(":")[2]
        if hit.term.owner.startswith(("sdg:", "target:")) and code.split(".")[0] == "17":
            return False
        if not self._methods or _names_method(hit.term.text):
            return False  # none in the text, or the method is itself the term (a keyword)
        return any(start < hit.end and hit.start < end for start, end in self._methods)

    @property
    def _methods(self) -> list[tuple[int, int]]:
        if self._method_spans is None:
            self._method_spans = [m.span() for m in _METHOD.finditer(self.text)]
        return self._method_spans

    def other_word(self, hit: Hit) -> bool:
        """Whether a Finnish term's stem led into another word of the same first part."""
        if hit.term.lang != "fi":
            return False
        term_words = [w for w in hit.term.text.lower().split() if w[-1:] not in "*+"]
        tokens = _words(hit, self.tokens, self._starts)
        if len(term_words) != len(tokens):
            return False
        return any(_cut_into_another_word(w, t) for w, t in zip(term_words, tokens, strict=True))

    def generic(self, hit: Hit) -> bool:
        """Whether every word of the hit (as written, or as the term's base form:
        Finnish inflects "Suomi" as "Suomessa") is a function or generic word."""
        return _all_generic(tuple(_words(hit, self.tokens, self._starts))) or _generic_term(
            hit.term.text
        )


_QUOTES = frozenset("\"“”„«»'‘’")

# How partners work together, in each language: evidence of partnership, not of
# the subject (cities learning from each other is cooperation, not schooling).
_METHOD = re.compile(
    r"\b(?:peer[- ]learning|peer[- ]review\w*|mutual learning|study visits?|benchmarking"
    r"|vertais(?:oppi|arvioi|kehittä)\w*|opintovierailu\w*|kamratlärande\w*"
    r"|ömsesidigt lärande|studiebesök\w*)",
    re.IGNORECASE,
)


def _cut_into_another_word(word: str, token: str) -> bool:
    """Whether ``token`` holds a Finnish term word's key but not the word itself.

    The key is the stem less its last letter, so that "ilmastonmuutos" finds
    "ilmastonmuutokseen" and "osaaminen" finds "osaamisen". Where the stemmer
    cut the word's last part short ("investointisuoja" -> "investointisu"), the
    key is also the start of other words ("investointisuunnitelma"): a vowel
    after the key that differs from the word's own vowel there is another word
    (inflection changes consonants there, "osaaminen" -> "osaamisen", not vowels).
    """
    mode, key = word_key("fi", word)
    if mode != "in" or stem("fi", word) in token:
        return False
    at, in_token = word.find(key), token.find(key)
    if at < 0 or in_token < 0:
        return False
    rest, token_rest = word[at + len(key) :], token[in_token + len(key) :]
    first, next_letter = rest[:1], token_rest[:1]
    return (
        len(rest) >= 3
        and first != next_letter
        and first in _VOWELS
        and bool(next_letter)
        and next_letter in _VOWELS
    )


_VOWELS = frozenset("aeiouyäö")


def _outside_longer_phrases(hits: list[Hit]) -> list[Hit]:
    """Hits that are not the first word (a modifier) of a longer hit: "digitala" in
    "digitala färdigheter" is what kind of skill, not infrastructure. The last word
    is the phrase's head and keeps its own meaning ("tourism" in "sustainable tourism")."""
    longest: dict[int, int] = {}
    for hit in hits:
        longest[hit.start] = max(longest.get(hit.start, hit.end), hit.end)
    return [h for h in hits if h.end >= longest[h.start]]


# Places and participants: where something happens or who takes part (see the
# module docstring). Full words with their inflected forms, not compounds:
# "kouluruoka" (school meals) and "koulutus" (education) are not settings.
_SETTINGS = re.compile(
    r"schools?|students?|pupils?|compan(?:y|ies)|business(?:es)?|firms?|employees?"
    r"|workers?|staff|museums?|librar(?:y|ies)|neighbou?rhoods?|roads?|streets?"
    r"|buildings?|researchers?|universit(?:y|ies)|archipelagos?|kindergartens?"
    r"|skärgård(?:en|ens)?|östersjö(?:n|ns)?|daghem(?:met|mets|men)?"
    r"|saaristo\w{0,4}|itämer\w{0,4}|päiväko(?:ti|di|de)\w{0,4}|koulupaik\w{0,4}"
    r"|ngos?|investors?|sijoittaj\w{0,5}|investerar(?:e|en|na)"
    r"|nurses?|sjukskötersk\w{0,4}|sairaanhoitaj\w{0,5}"
    r"|skol(?:a|an|or|orna|ornas|ans)|student(?:er|en|erna|ernas)?|elev(?:er|en|erna)?"
    r"|företag(?:et|en|ens|ets)?|anställd[ae]?|arbetstagar(?:e|na|en)|muse(?:um|et|er|erna)"
    r"|bibliotek(?:et|en)?|stadsdel(?:ar|en|arna)?|forskar(?:e|en|na)|universitet(?:et|en)?"
    r"|koulu(?:a|n|ssa|sta|un|lla|lle|t|jen|ja|issa|ista|ihin|ille|illa|ilta|mme)?"
    r"|yrity(?:s|ksen|kset|sten|ksiä|ksille|kselle|ksissä|ksistä|ksiin|kseen)"
    r"|opiskelij\w{0,5}|oppila(?:s|an|at|ita|iden|ille|ilta|iden)|työntekij\w{0,5}"
    r"|museo\w{0,4}|kirjasto\w{0,4}|tutkij\w{0,5}|yliopisto\w{0,4}|kaupunginos\w{0,5}"
)


def setting(words: Sequence[str]) -> bool:
    """Whether every word is a place or a participant ("schools", "yritysten")."""
    return bool(words) and all(_SETTINGS.fullmatch(w) for w in words)


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
    "kestäv",  # kestävä, kestävää, kestävästi, kestävyys: sustainable
)


def _is_generic(word: str) -> bool:
    return (
        word in GENERIC_WORDS
        or word in FUNCTION_WORDS
        or word.isdigit()
        or _genitive_of_generic(word)
        or word.startswith(_GENERIC_PREFIXES_FI)
    )


@lru_cache(maxsize=100_000)
def _all_generic(words: tuple[str, ...]) -> bool:
    return bool(words) and all(_is_generic(w) for w in words)


@lru_cache(maxsize=100_000)
def _generic_term(text: str) -> bool:
    return _all_generic(tuple(w.strip("*+=") for w in text.lower().split()))


@lru_cache(maxsize=100_000)
def _names_method(term_text: str) -> bool:
    return bool(_METHOD.fullmatch(term_text.lower().rstrip("*+")))


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
