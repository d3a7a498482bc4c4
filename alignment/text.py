"""Text preparation that never moves a character.

Evidence must point into the caller's original string, so instead of rewriting
the text (stripping HTML, joining hyphenated PDF lines) we *mask* markup with
spaces of the same length and let tokens span line-break hyphens. Every offset
the engine reports is therefore an offset into the input as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markup whose content is never prose: drop it whole.
_HIDDEN_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[!/?]?[a-zA-Z][^<>]{0,2000}>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});")

# A word is a run of letters/digits; a hyphen (or soft hyphen) followed by a
# line break joins two halves, as PDF extraction leaves "ilmaston-\nmuutos".
_WORD = re.compile(r"[^\W_]+(?:(?:[-\u00ad][ \t]*\r?\n[ \t]*|\u00ad)[^\W_]+)*")
_JOINER = re.compile(r"[-\u00ad][ \t]*\r?\n[ \t]*|\u00ad")

# Sentence ends: terminal punctuation followed by space, or a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])[\"')\]]*\s+|\n[ \t]*\n\s*|[\u3002\uff01\uff1f]")


@dataclass(frozen=True)
class Token:
    """A word of the input: where it is and its lower-cased, de-hyphenated form."""

    start: int
    end: int
    norm: str


@dataclass(frozen=True)
class Span:
    """A sentence-like stretch of the input, by character offsets."""

    start: int
    end: int


def mask_markup(text: str) -> str:
    """Replace HTML tags, scripts and entities by spaces, keeping every offset."""
    if "<" not in text and "&" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    masked = _HIDDEN_BLOCK.sub(blank, text)
    masked = _TAG.sub(blank, masked)
    return _ENTITY.sub(blank, masked)


def tokenize(masked: str) -> list[Token]:
    """Words of an already masked text, with offsets into it."""
    tokens: list[Token] = []
    for match in _WORD.finditer(masked):
        raw = match.group(0)
        norm = _JOINER.sub("", raw).lower() if ("\n" in raw or "\u00ad" in raw) else raw.lower()
        tokens.append(Token(match.start(), match.end(), norm))
    return tokens


def sentences(masked: str) -> list[Span]:
    """Sentence spans with leading/trailing whitespace trimmed.

    Single line breaks are not boundaries: PDF text breaks lines mid-sentence.
    """
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(masked):
        _append_trimmed(
            masked,
            start,
            match.start() + (1 if match.group(0) in "\u3002\uff01\uff1f" else 0),
            spans,
        )
        start = match.end()
    _append_trimmed(masked, start, len(masked), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def sentence_of(spans: list[Span], offset: int) -> Span | None:
    """The sentence containing ``offset`` (binary search over sorted spans)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        span = spans[mid]
        if offset < span.start:
            hi = mid - 1
        elif offset >= span.end:
            lo = mid + 1
        else:
            return span
    return None
