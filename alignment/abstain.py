"""Knowing when not to align: sales offers, spam, off-topic messages and vague texts.

Not every text that reaches the idea form is a cooperation idea. A sales pitch for
street lights is about energy, and a parking complaint about a city, so the term
lists alone would suggest SDGs for them. Before any goal or SDG is suggested the
engine reads the text for the signs of what it is:

* **sales offer**: prices, discounts, quotes, demos, orders ("289 € per pole",
  "pyydä tarjous", "beställ en demo");
* **spam**: search-engine and link selling, prizes, quick loans, crypto, casino;
* **off-topic**: a job or internship application, or a complaint about a city
  service ("my CV is attached", "haen kesätyötä", "jag vill klaga på");
* **too vague**: a few words, or a short message with no concrete content term
  that only asks to be contacted ("we are interested in sustainability and
  innovation, contact us").

Each kind needs two signs (one strong sign for a job application), and signs of
cooperation ("project", "partner", "exchange", "hanke", "samarbete") outweigh
them, so an idea that mentions a price or a complaint among its plans is still
aligned. The cue lists are the team's own, written from general knowledge of
such messages in the three languages. A text set aside is still received: the
product shows it to staff with the reason and answers nothing automatically.
"""

from __future__ import annotations

import re

from alignment.language import words_of

SALES, SPAM, OFF_TOPIC, VAGUE = "sales offer", "spam", "off-topic", "too vague"
REASONS = (SALES, SPAM, OFF_TOPIC, VAGUE)

# A text shorter than this many words says too little to align.
MIN_WORDS = 6
# Up to this many words, a text with no concrete content term is too vague.
VAGUE_WORDS = 40


def _cues(*phrases: str) -> re.Pattern[str]:
    """Phrases matched at a word start; a trailing "*" lets the word go on."""
    parts = []
    for phrase in phrases:
        body = re.escape(phrase.rstrip("*"))
        parts.append(body + (r"\w*" if phrase.endswith("*") else r"\b"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


_SALES = _cues(
    # en
    "price*",
    "pricing",
    "discount*",
    "special offer",
    "limited time",
    "per month",
    "free trial",
    "book a demo",
    "free demo",
    "quote",
    "order now",
    "place an order",
    "buy",
    "purchase",
    "wholesale",
    "sales team",
    "sales manager",
    "our sales",
    "licence fee",
    "license fee",
    "reseller",
    "catalogue",
    "our product*",
    "our platform",
    "leading provider",
    "minimum order",
    "minimum purchase",
    "% off",
    "sells",
    "we sell",
    # fi
    "hinta*",
    "hinnat*",
    "hintaan",
    "alennu*",
    "tarjous*",
    "tarjouksen",
    "pyydä tarjous",
    "tilaa",
    "tilaukse*",
    "tilaajille",
    "ostamalla",
    "myymme",
    "lisenssimaksu*",
    "kuukausimaksu*",
    "tukkuhin*",
    "verkkokaupastamme",
    "kaupan päälle",
    "veloituksetta",
    "varaa esittely",
    "tilaa esite",
    "tuotteemme",
    "myyntitiim*",
    "myyntiin",
    # sv
    "pris*",
    "rabatt*",
    "offert*",
    "erbjudande*",
    "beställ*",
    "köp ",
    "köp*",
    "säljer",
    "säljare",
    "försäljning*",
    "återförsäljare",
    "prislista*",
    "katalog*",
    "kostnadsfri demo",
    "testperiod*",
    "fri frakt",
    "mängdrabatt",
    "introduktionspris*",
    "fast pris",
)
_MONEY = re.compile(r"\d[\d\s.,]*\s?(?:€|eur\b|euro|usd|\$)|(?:€|\$)\s?\d", re.IGNORECASE)
_SPAM = _cues(
    "seo",
    "backlink*",
    "guest post*",
    "dofollow",
    "domain authority",
    "first page of google",
    "ranking on",
    "google",
    "click here",
    "unsubscribe",
    "lottery",
    "winner",
    "claim your",
    "congratulations",
    "crypto*",
    "bitcoin",
    "casino",
    "forex",
    "guaranteed profit",
    "earn ",
    "bank details",
    "processing fee",
    "hakukoneoptimointi",
    "takalink*",
    "klikkaa",
    "voittanut",
    "lunasta",
    "kryptovaluut*",
    "kasino",
    "pikavippi",
    "vippi*",
    "luottotie*",
    "takuuvarma",
    "tienaa",
    "sökmotoroptimering",
    "bakåtlänk*",
    "klicka",
    "vunnit",
    "vinst",
    "kryptovalut*",
    "snabblån",
    "kreditupplysning",
    "garanterad avkastning",
    "tjäna pengar",
    "grattis",
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_JOB = _cues(
    "my cv",
    "cv and",
    "cv attached",
    "resume",
    "cover letter",
    "applying for a position",
    "apply for a job",
    "job application",
    "summer internship",
    "internship",
    "hire me",
    "looking for work",
    "looking for a job",
    "hiring manager",
    "ansioluettelo*",
    "työhakemu*",
    "haen kesätyö*",
    "kesätyötä",
    "haen avointa",
    "etsin harjoittelupaik*",
    "etsin töitä",
    "etsin työtä",
    "hakemukseni",
    "mitt cv",
    "cv bifogas",
    "söker sommarjobb",
    "söker arbete",
    "söker jobb",
    "arbetsansökan",
    "meritförteckning",
    "söker en praktikplats",
    "söka tjänsten",
    "göra praktik hos er",
)
_COMPLAINT = _cues(
    "unacceptable",
    "disappointed",
    "angry",
    "i demand",
    "i want the",
    "complain*",
    "refund",
    "has not been cleared",
    "have not been emptied",
    "not been emptied",
    "parking fine",
    "cancelled",
    "fix this",
    "nobody answers",
    "who is responsible",
    "kuka vastaa",
    "vem ansvarar",
    "pettynyt",
    "valitu*",
    "valittanut",
    "valitan",
    "vaadin",
    "korjatkaa",
    "käsittämätön*",
    "kohtuuton",
    "korvaa vahingon",
    "tyhjentämättä",
    "eikä mitään tapahdu",
    "missnöjd",
    "klaga*",
    "klagat",
    "oacceptabel*",
    "kräver",
    "åtgärda",
    "utan svar",
    "parkeringsbot*",
    "boten",
)
_COOPERATION = _cues(
    "cooperat*",
    "co-operat*",
    "collaborat*",
    "partner*",
    "project*",
    "exchange*",
    "network*",
    "joint",
    "twin*",
    "erasmus",
    "horizon",
    "interreg",
    "research*",
    "pilot*",
    "workshop*",
    "study visit",
    "delegation",
    "consortium",
    "yhteistyö*",
    "kumppan*",
    "hanke*",
    "hankkee*",
    "projekti*",
    "vaihto*",
    "verkosto*",
    "tutkimu*",
    "työpaja*",
    "opintomatk*",
    "vierailu*",
    "konsorti*",
    "samarbet*",
    "projekt*",
    "utbyte*",
    "nätverk*",
    "forskning*",
    "studieresa*",
    "workshop",
)
# What a message that has nothing concrete to say ends with.
_VAGUE = _cues(
    "interested in",
    "contact us",
    "let us know",
    "get in touch",
    "open to",
    "all kinds",
    "hearing from you",
    "what is possible",
    "what are the possibilities",
    "kiinnostun*",
    "ottakaa yhteyttä",
    "ota yhteyttä",
    "soittakaa",
    "kertoisin lisää",
    "mitä mahdollisuuksia",
    "intresserade",
    "intresserar",
    "hör av er",
    "ring oss",
    "vilka möjligheter",
    "berättar mer",
)
# Words that sound like content but say nothing concrete on their own.
BUZZWORDS = words_of(
    """sustainability sustainable innovation innovations innovative development
    cooperation collaboration partnership future kestävä kestävyys kehitys kestävä
    kehitys innovaatio innovaatiot yhteistyö kumppanuus hållbarhet hållbar utveckling
    innovation innovationer samarbete partnerskap"""
)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len({m.group(0).lower().strip() for m in pattern.finditer(text)})


def reason(text: str, words: int, content_terms: int, readable: bool = True) -> str:
    """Why ``text`` should not be aligned, or "" when it should.

    ``words`` is the number of words, ``content_terms`` the number of distinct
    concrete SDG or goal terms found (not buzzwords), ``readable`` whether the text
    is in one of the languages the cue lists are written in.
    """
    if words < MIN_WORDS:
        return VAGUE
    cooperation = _count(_COOPERATION, text)
    urls = len(_URL.findall(text))
    spam = _count(_SPAM, text) + min(urls, 1)
    if spam >= 2 and spam > cooperation:
        return SPAM  # spam is often in a language of its own: read it in any
    if not readable:
        return ""
    if _count(_JOB, text) >= 1 and cooperation <= 1:
        return OFF_TOPIC
    sales = _count(_SALES, text) + min(len(_MONEY.findall(text)), 2)
    if sales >= 2 and sales > cooperation + 1:
        return SALES
    if _count(_COMPLAINT, text) >= 2 and cooperation == 0:
        return OFF_TOPIC
    if content_terms == 0 and words <= VAGUE_WORDS and _VAGUE.search(text):
        return VAGUE
    return ""
