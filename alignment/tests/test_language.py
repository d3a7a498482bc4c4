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


def _language_dev() -> list[tuple[str, str]]:
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "eval" / "language_dev.toml"
    doc = tomllib.loads(path.read_text("utf-8"))
    return [(group["expect"], text) for group in doc["text"] for text in group["texts"]]


@pytest.mark.parametrize(("expect", "text"), _language_dev())
def test_development_texts_get_their_language(expect: str, text: str) -> None:
    guess = detect_language(text)
    if expect == "fi":
        # A Finnish text is Finnish, or (with no function word and no Finnish-only
        # ending: "Kaupunkiviljely tuo naapurit yhteen.") too short to tell, which reads
        # all three languages' terms; never another language.
        assert guess.code == "fi" or (guess.code == "und" and not guess.other), guess
    else:
        assert guess.code == "und" and guess.other == expect, guess


def test_language_dev_finnish_texts_are_mostly_told() -> None:
    finnish = [text for expect, text in _language_dev() if expect == "fi"]
    told = sum(detect_language(text).code == "fi" for text in finnish)
    assert told >= len(finnish) - 1


@pytest.mark.parametrize(
    "text",
    [
        # Estonian without õ: verb, plural and case endings Finnish never has.
        "Sadamad arendavad koos rohelist laevaliiklust.",
        "Meie linn pakub noortele suvetööd.",
        "Vabatahtlikud aitavad eakaid poes käia.",
    ],
)
def test_estonian_without_o_tilde_is_another_language(text: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.other) == ("und", "et")


@pytest.mark.parametrize(
    "text",
    [
        # Finnish naming Estonian and German places: their letters are no Estonian cue
        # when the name takes a Finnish case ending.
        "Opintomatka Tallinna Tehnikakõrgkooliin ja Tartu Ülikooliin syksyllä.",
        "Yhteistyö Münchenin ja Tübingenin kaupunkien kanssa jatkuu.",
        "Espoo on mukana Tartu Ülikooli kanssa hankkeessa, joka alkaa keväällä.",
    ],
)
def test_finnish_with_foreign_names_stays_finnish(text: str) -> None:
    assert detect_language(text).code == "fi"


@pytest.mark.parametrize(
    "text",
    [
        "Improved bike roads and shared cars",
        "Green screen studio for local youth",
        "Nästa steg: största möjliga delaktighet",
    ],
)
def test_estonian_endings_do_not_move_english_or_swedish(text: str) -> None:
    guess = detect_language(text)
    assert guess.other != "et" and guess.code != "fi", guess


def test_words_swedish_shares_with_spanish_and_french_decide_neither() -> None:
    spanish = detect_language("Un taller de reciclaje en el barrio con vecinos de Espoo.")
    assert (spanish.code, spanish.other) == ("und", "es")
    french = detect_language("Un atelier de cuisine en plein air pour les familles.")
    assert (french.code, french.other) == ("und", "fr")
    swedish = detect_language("Vi har en idé om en ny skola för de unga i Esbo.")
    assert swedish.code == "sv"
