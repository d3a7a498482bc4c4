"""Term matching that survives Finnish and Swedish inflection and compounds.

A term is one or more words written in their base form ("ilmastonmuutos",
"renewable energy"). Each word is compiled once into a key:

* English: the Snowball stem must equal the token's stem ("educational" ~ "education").
* Swedish: the Snowball stem may occur anywhere inside the token, so compounds
  match ("klimatförändringen" contains "klimatförändring").
* Finnish: the stem less its last letter may occur inside the token, which
  absorbs consonant gradation ("ilmastonmuutos" -> "ilmastonmuuto", found in
  "ilmastonmuutokseen") and compounds ("hiilineutraaliuteen").
* A word ending in "*" is a plain prefix, for the cases the rules above miss.
* A word starting with "=" matches only that exact form ("=conflicting"), for
  exclusions whose stem would also cover the term itself.
* A word ending in "+" is found as written anywhere inside a token
  ("opettaj+" finds "luokanopettajat" but not "lopettaa"), for the words whose
  stem is too short or wrong.

Matching works per distinct token, so a 1 MB text costs its vocabulary, not its length.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from alignment.text import Token, tokenize

_STEMMERS = {
    "fi": snowballstemmer.stemmer("finnish"),
    "sv": snowballstemmer.stemmer("swedish"),
    "en": snowballstemmer.stemmer("english"),
}
_MAX_INFIX_TOKEN = 40  # longer "words" are URLs, CJK runs or noise: no compound search
# The keys of a word are kept across texts (vocabularies repeat); the memo is
# emptied when it grows past this many words, so a stream of noise cannot fill memory.
_KEY_MEMO_SIZE = 100_000

Key = tuple[str, str]
# Swedish definite singular of a noun in "-a" (and its genitive): "skolan", "skolans".
_SV_DEFINITE_A = ("an", "ans")


@lru_cache(maxsize=200_000)
def stem(lang: str, word: str) -> str:
    """Snowball stem of a lower-case word (cached: vocabularies repeat)."""
    return str(_STEMMERS[lang].stemWord(word))


@dataclass(frozen=True)
class Term:
    """A phrase that signals ``owner`` (e.g. "sdg:13", "target:13.2", "goal:6")."""

    text: str
    lang: str
    owner: str
    weight: float = 1.0
    # A hint counts towards its owner's score but is not cited as evidence (an
    # everyday word of a goal's description: a sign, not a reason a person reads).
    hint: bool = False


@dataclass(frozen=True)
class Hit:
    """A term found in the text: the term and the character span it covers."""

    term: Term
    start: int
    end: int


def word_key(lang: str, word: str) -> Key:
    """The matching key of one term word in ``lang`` (see the module docstring)."""
    if word.startswith("=") and len(word) > 1:
        return ("exact", word[1:])
    if word.endswith("*"):
        return ("pre", word[:-1])
    if word.endswith("+") and len(word) > 1:
        return ("in", word[:-1])
    if lang == "fi":
        base = stem("fi", word)
        base = base[:-1] if len(base) >= 6 else base
        if base not in word:
            # The stemmer also undoubles consonants ("polttoaine" -> "poltoa"),
            # which no inflected form contains: keep the word's own letters.
            base = _common_prefix(base, word)
            base = base if len(base) >= 5 else word[:-2]
        elif len(base) < len(word) - 3:
            # ... and cuts compounds short ("juomavesi" -> "juoma"): keep more.
            base = word[:-2]
        if len(base) >= 6:
            return ("in", base)
        if len(base) == 5:
            # A five-letter stem inside any word is often another word ("inter" of
            # "internet" in "Interreg"): only at the start of a word, with the
            # stem's letters the stemmer kept.
            full = stem("fi", word)
            return ("pre", full if full in word else base)
        # Short stems ("kun" from "kunta") would match unrelated words: use the word itself.
        return ("pre", word) if len(word) >= 4 else ("stem_fi", base)
    if lang == "sv":
        base = stem("sv", word)
        return ("in", base) if len(base) >= 5 else ("stem_sv", base)
    return ("stem_en", stem("en", word))


class Lexicon:
    """A compiled set of terms that finds its hits in tokenized text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: list[Term] = []
        self._words: list[tuple[Key, ...]] = []
        # Per first word: (term index, term language, keys of the following words).
        self._by_first: dict[Key, list[tuple[int, str, tuple[Key, ...]]]] = defaultdict(list)
        self._key_memo: dict[str, frozenset[Key]] = {}
        self._pre: set[str] = set()
        self._in: set[str] = set()
        self._exact: set[str] = set()
        self._stem_langs: set[str] = set()
        for term in terms:
            words = tuple(word_key(term.lang, w) for w in _term_words(term.text))
            if not words or any(not k[1] for k in words):
                continue
            self._by_first[words[0]].append((len(self.terms), term.lang, words[1:]))
            self.terms.append(term)
            self._words.append(words)
            for mode, value in words:
                if mode == "pre":
                    self._pre.add(value)
                elif mode == "in":
                    self._in.add(value)
                elif mode == "exact":
                    self._exact.add(value)
                else:
                    self._stem_langs.add(mode[5:])
        self._pre_lengths = sorted({len(v) for v in self._pre})
        self._in_lengths = sorted({len(v) for v in self._in})

    def keys_of(self, word: str) -> frozenset[Key]:
        """Every key a token matches."""
        known = self._key_memo.get(word)
        if known is not None:
            return known
        if len(self._key_memo) >= _KEY_MEMO_SIZE:
            self._key_memo.clear()
        known = self._key_memo[word] = self._keys_of(word)
        return known

    def _keys_of(self, word: str) -> frozenset[Key]:
        found: set[Key] = set()
        if word in self._exact:
            found.add(("exact", word))
        for lang in self._stem_langs:
            found.add(("stem_" + lang, stem(lang, word)))
        if "sv" in self._stem_langs and len(word) >= 5 and word.endswith(_SV_DEFINITE_A):
            # The Swedish stemmer keeps the definite "-an" of a noun in "-a" ("skolan",
            # "hälsan", "torkan"): its short-stemmed terms are read through "skola".
            found.add(("stem_sv", stem("sv", word[: word.rindex("an") + 1])))
        for length in self._pre_lengths:
            if length > len(word):
                break
            if word[:length] in self._pre:
                found.add(("pre", word[:length]))
        if len(word) <= _MAX_INFIX_TOKEN:
            for i in range(len(word)):
                for length in self._in_lengths:
                    if i + length > len(word):
                        break
                    if word[i : i + length] in self._in:
                        found.add(("in", word[i : i + length]))
        return frozenset(found)

    def find(self, tokens: Sequence[Token], langs: frozenset[str] | None = None) -> list[Hit]:
        """All term hits, longest first where hits of one owner overlap.

        ``langs`` limits the hits to terms of those languages (``None``: all).
        """
        keys_of = self.keys_of
        keys = [keys_of(token.norm) for token in tokens]
        count = len(keys)
        by_first = self._by_first
        raw: list[tuple[int, int, int]] = []  # (term index, first token, last token)
        for pos, token_keys in enumerate(keys):
            for key in token_keys:
                for index, lang, rest in by_first.get(key, ()):
                    if langs is not None and lang not in langs:
                        continue
                    if not rest:
                        raw.append((index, pos, pos))
                        continue
                    last = pos + len(rest)
                    if (
                        last < count
                        and rest[0] in keys[pos + 1]
                        and all(word in keys[pos + 1 + j] for j, word in enumerate(rest))
                    ):
                        raw.append((index, pos, last))
        return self._without_nested(raw, tokens)

    def _without_nested(
        self, raw: list[tuple[int, int, int]], tokens: Sequence[Token]
    ) -> list[Hit]:
        raw.sort(key=lambda h: (self.terms[h[0]].owner, h[1], h[1] - h[2], h[0]))
        hits: list[Hit] = []
        covered_until: dict[str, int] = {}
        for index, first, last in raw:
            owner = self.terms[index].owner
            if covered_until.get(owner, -1) >= last:
                continue
            covered_until[owner] = max(covered_until.get(owner, -1), last)
            hits.append(Hit(self.terms[index], tokens[first].start, tokens[last].end))
        hits.sort(key=lambda h: (h.start, h.end, h.term.owner, h.term.text))
        return hits


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _term_words(text: str) -> list[str]:
    """Lower-case words of a term, keeping a trailing "*" wildcard on its word."""
    out: list[str] = []
    for word in text.lower().split():
        pieces = [t.norm for t in tokenize(word)]
        if word.endswith("*") and pieces:
            pieces[-1] += "*"
        if word.endswith("+") and pieces:
            pieces[-1] += "+"
        if word.startswith("=") and pieces:
            pieces[0] = "=" + pieces[0]
        out.extend(pieces)
    return out
