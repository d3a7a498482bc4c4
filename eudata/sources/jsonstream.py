"""Objects of a top-level JSON array, one at a time, so memory stays flat as files grow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from core.textinput import BadText, strip_nul

CHUNK = 1 << 16
_decoder = json.JSONDecoder()


def iter_array(text: IO[str]) -> Iterator[dict[str, Any]]:
    """Yield each object of ``[ {...}, {...} ]``; a truncated array raises ValueError."""
    buffer = text.read(CHUNK).lstrip()
    if not buffer.startswith("["):
        raise ValueError("not a JSON array")
    pos, eof = 1, False
    while True:
        while pos < len(buffer) and buffer[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(buffer):
            if eof:
                raise ValueError("the array is not closed")
            buffer, pos = buffer[pos:] + text.read(CHUNK), 0
            eof = pos >= len(buffer)
            continue
        if buffer[pos] == "]":
            return
        try:
            item, end = _decoder.raw_decode(buffer, pos)
        except RecursionError:
            raise ValueError("an element of the array is nested too deeply") from None
        except json.JSONDecodeError:
            more = text.read(CHUNK)
            if not more:
                raise ValueError("the array ends inside an object") from None
            buffer, pos = buffer[pos:] + more, 0
            continue
        if not isinstance(item, dict):
            raise ValueError("an element of the array is not an object")
        try:
            yield strip_nul(item)  # PostgreSQL cannot store NUL characters
        except BadText as bad:
            raise ValueError(str(bad)) from None
        pos = end
