from alignment import Engine, Index, similar
from alignment.embedding import Vectors
from alignment.tests.conftest import ESPOO

ITEMS = [
    ("tram", "Espoo builds the Jokeri light rail line to cut traffic emissions."),
    ("schools", "Espoo schools exchange teachers with schools in Shanghai."),
    ("startups", "Startup accelerator for companies from Japan and Germany."),
    ("koulut", "Espoon koulut vaihtavat opettajia Shanghain koulujen kanssa."),
]


def test_similar_finds_the_closest_item_first() -> None:
    index = Index(ITEMS)
    matches = similar("A teacher exchange between our schools and Shanghai", 2, index)
    assert matches[0].id == "schools"
    assert len(matches) == 2 and matches[0].score >= matches[1].score


def test_similar_works_across_inflections() -> None:
    index = Index(ITEMS)
    assert index.similar("opettajien vaihto koulujen välillä", 1)[0].id == "koulut"


def test_duplicates_catch_near_identical_ideas_only() -> None:
    index = Index(ITEMS)
    dupes = index.duplicates("Espoo builds the Jokeri light rail line, to cut traffic emissions!")
    assert [d.id for d in dupes] == ["tram"]
    assert index.duplicates("A completely different idea about forests and birds") == ()


def test_empty_index_and_empty_text() -> None:
    assert Index().similar("anything", 5) == ()
    assert Index(ITEMS).similar("", 5) == ()
    assert Index(ITEMS).similar("😀", 5) == ()


def test_replacing_an_item_keeps_one_row() -> None:
    index = Index(ITEMS)
    index.add([("tram", "Forest trails and birds")])
    assert len(index) == len(ITEMS)
    assert index.similar("forest birds", 1)[0].id == "tram"


class BrokenEmbedder:
    name = "broken"

    def embed(self, texts: list[str]) -> Vectors:
        raise AssertionError("must not be called")


def test_fallback_is_used_when_embeddings_are_unavailable() -> None:
    result = Engine(embedder=None, concepts=None).align(
        "Climate change adaptation in cities.", [ESPOO]
    )
    assert result.method == "lexical"
    assert all(s.semantic is None for s in result.sdgs)
    assert "fallback" in result.note


def test_an_injected_embedder_is_used() -> None:
    import numpy as np

    class Constant:
        name = "constant"

        def embed(self, texts: list[str]) -> Vectors:
            return np.full((len(texts), 4), 0.5, dtype=np.float32)

    result = Engine(embedder=Constant()).align("Climate change adaptation in cities.", [ESPOO])
    assert result.method == "lexical+semantic"
    assert result.sdgs[0].id == "13"
