"""Search activities in Finnish, Swedish and English with Snowball stems.

Each activity's texts are reduced to stems in their own language and kept in a
``SearchEntry``. A query word is stemmed with all three stemmers (we do not know
which language the visitor types in) and matches when any of its stems is in
the entry; all query words must match. Finnish inflects the end of a stem too
(muutos → muutoksen, kaupunki → kaupungin), so Finnish stems get a small extra
normalisation that both sides share.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TypeVar

import snowballstemmer
from django.db.models import Q, QuerySet

from portal.models import SearchEntry
from portfolio.models import Activity

LANGUAGES = {"fi": "finnish", "sv": "swedish", "en": "english"}
FIELDS = ("title", "summary", "description")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 8
PREFIX_MIN_LENGTH = 4  # shorter stems must match a whole word, longer ones a word's start
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")
_GRADATION = re.compile(r"(?<=[lnr])t|(?<=m)p")


@cache
def _stemmer(language: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(LANGUAGES[language])


def _finnish(stem: str) -> str:
    """Fold stem changes Snowball leaves in Finnish: -s/-ks-, -nen/-se-, -i/-e-, gradation."""
    stem = stem.replace("ng", "nk").replace("d", "t")  # kaupunki/kaupungin, katu/kadulla
    stem = _DOUBLE.sub(r"\1", stem)  # hanke/hankkeen, oppi/opin
    stem = _GRADATION.sub("", stem)  # huolto/huollon, ranta/rannan, kampa/kamman
    if stem.endswith("ks"):  # muutos/muutoksen
        stem = stem[:-2] + "s"
    if len(stem) > 5 and stem.endswith("is"):  # oppiminen/oppimisen
        stem = stem[:-1] + "n"
    if len(stem) > 3 and stem.endswith("i"):  # kieli/kielen
        stem = stem[:-1] + "e"
    return stem


@lru_cache(maxsize=200_000)  # Snowball is pure Python; real texts repeat their words a lot
def stem(word: str, language: str) -> str:
    result = _stemmer(language).stemWord(word.lower())
    return _finnish(result) if language == "fi" else result


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "") if not w.isdigit() or len(w) >= 4]


def tokens_for(activity: Activity) -> str:
    """The index string of one activity: each language's text stemmed in that language."""
    stems: set[str] = set()
    for language in LANGUAGES:
        text = " ".join(getattr(activity, f"{field}_{language}", "") or "" for field in FIELDS)
        unique = set(words(text))
        stems |= unique
        stems.update(stem(word, language) for word in unique)
    return " " + " ".join(sorted(stems)) + " "


def index_activity(activity: Activity) -> None:
    SearchEntry.objects.update_or_create(
        activity=activity, defaults={"tokens": tokens_for(activity)}
    )


def rebuild_index() -> int:
    """Recreate every entry; returns how many activities were indexed."""
    SearchEntry.objects.all().delete()
    entries = [
        SearchEntry(activity=activity, tokens=tokens_for(activity))
        for activity in Activity.objects.all().iterator(chunk_size=500)
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def _word_condition(word: str) -> Q:
    variants = {word} | {stem(word, language) for language in LANGUAGES}
    condition = Q()
    for variant in variants:
        needle = f" {variant}" if len(variant) >= PREFIX_MIN_LENGTH else f" {variant} "
        condition |= Q(search_entry__tokens__contains=needle)
    return condition


Activities = TypeVar("Activities", bound=QuerySet[Activity])


def search(queryset: Activities, query: str) -> Activities:
    """Activities of ``queryset`` that contain every word of ``query`` in some form."""
    for word in words(query)[:MAX_QUERY_WORDS]:
        queryset = queryset.filter(_word_condition(word))
    return queryset
