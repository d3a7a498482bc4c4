"""Delimited text as rows of cells, streamed: CORDIS's ';' dialect, comma re-exports, Kohesio.

Files where every field is quoted (CORDIS, pandas re-exports) are split on the
quote-delimiter-quote sequence instead of by a strict CSV parser: CORDIS writes some
titles and objectives that open with a doubled quote (``;""Smart" cities…";``), which a
strict parser reads as an empty field followed by garbage, and then loses its place for
the rest of the file. Splitting on ``";"`` keeps every other field and the quote in the
text. Other files go through the csv module.
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable, Iterator
from typing import IO
from zipfile import BadZipFile

from eudata.rows import ImportFailed
from eudata.sources.base import Record

DELIMITERS = (";", ",", "\t")
UNREADABLE = (BadZipFile, zlib.error, EOFError, OSError)


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """UTF-8 text with or without a BOM; line ends kept as written (CRLF or LF)."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


def read_delimited(
    binary: IO[bytes], name: str, required: Iterable[str], *, delimiter: str | None = None
) -> Iterator[Record]:
    """Records keyed by lower-cased column names; fails the import on a bad header or bytes."""
    text = text_stream(binary)
    try:
        yield from _records(text, name, tuple(c.lower() for c in required), delimiter)
    except UnicodeDecodeError:
        raise ImportFailed("encoding", file=name) from None
    except UNREADABLE as exc:
        raise ImportFailed("unreadable", file=name, detail=str(exc)[:200]) from None


def _records(
    text: io.TextIOWrapper, name: str, required: tuple[str, ...], delimiter: str | None
) -> Iterator[Record]:
    header_line = text.readline()
    if not header_line.strip():
        raise ImportFailed("empty_file", file=name)
    delimiter = delimiter or max(DELIMITERS, key=header_line.count)
    stripped = header_line.rstrip("\r\n")
    all_quoted = stripped.startswith('"') and stripped.endswith('"')
    header = [
        h.strip().strip('"').strip().lower()
        for h in next(csv.reader([stripped], delimiter=delimiter))
    ]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed("missing_columns", file=name, columns=", ".join(missing))
    if all_quoted:
        yield from _quoted_records(text, name, header, delimiter)
    else:
        yield from _csv_records(text, name, header, delimiter)


def _quoted_records(
    lines: Iterable[str], name: str, header: list[str], delimiter: str
) -> Iterator[Record]:
    width = len(header)
    separator = f'"{delimiter}"'
    buffer: list[str] = []
    first_line = line_no = 1
    for line in lines:
        line_no += 1
        if not buffer:
            if not line.strip():
                continue
            first_line = line_no
        buffer.append(line)
        raw = "".join(buffer) if len(buffer) > 1 else line
        body = raw.rstrip("\r\n")
        if not body.startswith('"'):
            buffer.clear()
            yield Record(name, first_line, {}, "malformed_row")
            continue
        if len(body) < 2 or not body.endswith('"'):
            continue
        cells = body[1:-1].split(separator)
        if len(cells) < width:
            continue  # a line break inside a field: the row goes on
        buffer.clear()
        if len(cells) > width:
            yield Record(name, first_line, {}, "malformed_row")
            continue
        if "\x00" in body:
            yield Record(name, first_line, {}, "nul_character")
            continue
        yield Record(
            name,
            first_line,
            dict(
                zip(header, [c.replace('""', '"') if '"' in c else c for c in cells], strict=True)
            ),
        )
    if buffer:
        raise ImportFailed("truncated", file=name, line=first_line)


def _csv_records(
    lines: Iterable[str], name: str, header: list[str], delimiter: str
) -> Iterator[Record]:
    width = len(header)
    reader = csv.reader(lines, delimiter=delimiter)
    start = 2
    for cells in reader:
        line = start
        start = reader.line_num + 2
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) != width:
            yield Record(name, line, {}, "malformed_row")
            continue
        if any("\x00" in cell for cell in cells):
            yield Record(name, line, {}, "nul_character")
            continue
        yield Record(name, line, dict(zip(header, cells, strict=True)))
