import pytest

from alignment import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Espoo on kansainvälinen kaupunki, jossa asukkaat ja yritykset tekevät yhteistyötä.",
            "fi",
        ),
        (
            "Esbo är en internationell stad där invånarna och företagen samarbetar med varandra.",
            "sv",
        ),
        ("Espoo is an international city where residents and companies work together.", "en"),
        (
            "Hiilineutraali Espoo vuoteen 2030 mennessä on tavoite, joka vaatii kaikkien panosta.",
            "fi",
        ),
    ],
)
def test_it_detects_fi_sv_en(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.confidence > 0.5


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀🌍🚀",
        "这是一个关于气候变化的中文句子。",
        "هذا نص عربي عن تغير المناخ",
        "1234 5678",
    ],
)
def test_it_says_undetermined_for_other_text(text: str) -> None:
    guess = detect_language(text)
    assert guess.code == "und"
    assert guess.confidence <= 0.2


def test_mixed_text_is_flagged() -> None:
    guess = detect_language(
        "Tämä on suomea ja tämä on myös suomea. This is English and this is also English text."
    )
    assert guess.mixed
