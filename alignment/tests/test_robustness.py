import pytest

from alignment import Engine
from alignment.tests.conftest import ESPOO

NASTY = [
    "",
    "   \n\t ",
    "😀🌍🚀🔥" * 50,
    "这是一个关于气候变化和可再生能源的中文句子。" * 20,
    "هذا نص عربي عن تغير المناخ والطاقة المتجددة",
    "<html><script>var x = 'climate';</script><b>&amp;</b></html>",
    "<<<>>>&&&;;;",
    "\x00\x01\x02",
    "a" * 100_000,
    "ilmaston-\n\n-\nmuutos -\n",
    "\u00ad" * 10,
]


@pytest.mark.parametrize("text", NASTY)
def test_odd_inputs_never_raise(lexical: Engine, text: str) -> None:
    result = lexical.align(text, [ESPOO])
    assert result.confidence in {"low", "medium", "high"}
    for score in result.sdgs + result.goals + result.targets:
        for ev in score.evidence:
            assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize("text", ["", "这是中文。", "😀"])
def test_other_languages_give_low_confidence(engine: Engine, text: str) -> None:
    assert engine.align(text, [ESPOO]).confidence == "low"


def test_one_megabyte_is_read_whole(engine: Engine) -> None:
    """Speed on big texts is measured by make bench-alignment, not asserted here."""
    paragraph = (
        "Espoo vähentää päästöjä ja rakentaa raitiotien. "
        "Esbo bygger spårväg och minskar utsläppen. "
        "The city trains teachers and supports startups with innovation funding. "
    )
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    result = engine.align(text, [ESPOO])
    assert result.sdgs[0].probability > 0.5
