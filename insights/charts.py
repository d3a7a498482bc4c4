"""Small server-side charts as accessible SVG: horizontal bars, stacked bars, a heat matrix.

Every chart is an ``<svg role="img" aria-labelledby="… …">`` with a ``<title>`` and a
``<desc>``, and carries its figures as a data table (``Chart.columns``/``Chart.rows``)
that the templates print beside it (``insights/_chart.html``), so the numbers are there
for screen readers, for keyboard users and for anyone who prints the page. No JavaScript:
the same markup works in the browser and in WeasyPrint's PDFs.

Colours are given as SVG attributes (not CSS), so a PDF looks like the page. Bars and
cells have at least 3:1 contrast against white (WCAG 1.4.11), text at least 4.5:1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

INK = "#1a1a1a"
MUTED_INK = "#4a4a4a"
LINE = "#8a94a3"
BAR = "#0050a0"  # 7.9:1 on white
# Series colours for stacked bars: each ≥ 3:1 on white, told apart by the legend and order.
SERIES = ["#0050a0", "#b34700", "#2e7d32", "#6a1b9a", "#a1004f", "#00695c", "#5d4037", "#37474f"]
# Heat-matrix shades, light to dark (blue); text on them picks black or white for ≥ 4.5:1.
SHADES = ["#f2f6fb", "#cfe0f3", "#9ec2e6", "#5b9bd5", "#2a6fb5", "#0b4f91", "#08306b"]
EMPTY = "#ffffff"

FONT = "system-ui, DejaVu Sans, Arial, sans-serif"
LABEL_WIDTH = 250
CHART_WIDTH = 720
ROW = 26
MAX_LABEL = 38
CHAR_WIDTH = 7.6  # px per character of 13 px text, generous so that no label is cut
LINE_HEIGHT = 15


Cell = str | int | float


@dataclass
class Chart:
    """One chart: its SVG and the same figures as a table (first column are row headers)."""

    key: str
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # Rows, but not one figure recorded: a chart of bare labels would look broken, so the
    # page says so in words and keeps the table (insights/_chart.html).
    unrecorded: bool = False

    @property
    def empty(self) -> bool:
        return not self.rows


def fmt(value: float | int) -> str:
    """A number for people: grouped digits, no decimals for whole numbers."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 1), decimal_pos=1, use_l10n=True, force_grouping=True)
    return number_format(int(value), use_l10n=True, force_grouping=True)


def money(value: Decimal | float | int | None, unit: str = " €") -> str:
    """An amount for people, or "not recorded" when it is unknown: never 0 for unknown."""
    if value is None:
        return gettext("not recorded")
    return fmt(float(value)) + unit


def _value(value: float | None, unit: str) -> str:
    return gettext("not recorded") if value is None else fmt(value) + unit


def _cell(value: float | None, unit: str) -> str:
    """A part of a stacked bar in the table: "–" for none at all, "not recorded" for unknown."""
    return "–" if value == 0 else _value(value, unit)


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: float, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines that fit ``width`` px of 13 px text; what does not
    fit ends in "…" (the full text stays in the label's tooltip and the data table)."""
    per_line = max(4, int(width / CHAR_WIDTH))
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line:
            current = candidate
            continue
        if current:
            result.append(current)
        current = word
    if current:
        result.append(current)
    result = [_short(line, per_line) for line in result] or [""]
    if len(result) > lines:
        result = [*result[: lines - 1], _short(" ".join(result[lines - 1 :]), per_line)]
    return result


def _label(x: float, y: float, lines: list[str], full: str, anchor: str = "end") -> str:
    """A (wrapped) label whose first line sits at ``y``; shortened labels carry the full
    text as a tooltip."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    tip = f"<title>{escape(full)}</title>" if " ".join(lines) != full else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{INK}">{tip}{spans}</text>'


def _open(key: str, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" font-size="13">',
        f'<title id="{key}-title">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]


def _text(
    x: float, y: float, text: str, anchor: str = "start", fill: str = INK, **extra: str
) -> str:
    attrs = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{attrs}>'
        f"{escape(text)}</text>"
    )


def _finish(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def bar_chart(
    key: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, float | None]],
    row_header: str,
    value_label: str,
    unit: str = "",
    maximum: float | None = None,
) -> Chart:
    """Horizontal bars, one per row, the value written at the bar's end; a value of None
    draws no bar and says "not recorded". Labels wrap onto a second line."""
    known = [value for _label_text, value in rows if value is not None]
    top = maximum if maximum is not None else max(known, default=0)
    top = top or 1
    labels = [wrap(label, LABEL_WIDTH - 12) for label, _value_ in rows]
    heights = [ROW + (len(lines) - 1) * LINE_HEIGHT for lines in labels]
    height = max(ROW, sum(heights)) + 10
    plot = CHART_WIDTH - LABEL_WIDTH - 100
    parts = _open(key, title, description, CHART_WIDTH, height)
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height - 5}" stroke="{LINE}"/>'
    )
    y = 5
    for (label, value), lines, row_height in zip(rows, labels, heights, strict=True):
        middle = y + row_height / 2
        parts.append(
            _label(LABEL_WIDTH - 8, middle + 4 - (len(lines) - 1) * LINE_HEIGHT / 2, lines, label)
        )
        width = plot * (value / top) if value is not None and value > 0 else 0
        if width:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{middle - (ROW - 8) / 2:.1f}" '
                f'width="{max(width, 1):.1f}" height="{ROW - 8}" fill="{BAR}"/>'
            )
        fill = INK if value is not None else MUTED_INK
        parts.append(_text(LABEL_WIDTH + width + 6, middle + 4, _value(value, unit), fill=fill))
        y += row_height
    return Chart(
        key,
        title,
        description,
        _finish(parts),
        [row_header, value_label],
        [[label, _value(value, unit)] for label, value in rows],
        unrecorded=bool(rows) and not known,
    )


def stacked_bar_chart(
    key: str,
    title: str,
    description: str,
    categories: Sequence[str],
    row_header: str,
    series: Sequence[str],
    values: Sequence[Sequence[float | None]],
    unit: str = "",
) -> Chart:
    """One horizontal bar per category, split into the series (``values[category][series]``);
    an unknown value (None) has no part of the bar and reads "not recorded", a zero reads
    "–" in the table; a bar whose only values are unknown reads "not recorded"."""
    totals: list[float | None] = [
        None
        if any(v is None for v in row) and not any(v for v in row)
        else sum(v or 0 for v in row)
        for row in values
    ]
    top = max((t for t in totals if t is not None), default=0) or 1
    legend_rows = math.ceil(len(series) / 3) if series else 0
    legend_height = legend_rows * 20 + 10
    height = legend_height + max(1, len(categories)) * ROW + 10
    plot = CHART_WIDTH - LABEL_WIDTH - 110
    parts = _open(key, title, description, CHART_WIDTH, height)
    for index, name in enumerate(series):
        x: float = 10 + (index % 3) * 235
        y: float = 5 + (index // 3) * 20
        colour = SERIES[index % len(SERIES)]
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(_label(x + 20, y + 12, [_short(name, 28)], name, "start"))
    for row_index, label in enumerate(categories):
        y = legend_height + row_index * ROW
        parts.append(_label(LABEL_WIDTH - 8, y + 17, wrap(label, LABEL_WIDTH - 12, 1), label))
        x = float(LABEL_WIDTH)
        for index, value in enumerate(values[row_index]):
            if value is None or value <= 0:
                continue
            width = plot * value / top
            colour = SERIES[index % len(SERIES)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{max(width, 1):.1f}" height="{ROW - 8}" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
            )
            x += width
        parts.append(_text(x + 6, y + 17, _value(totals[row_index], unit)))
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{legend_height}" x2="{LABEL_WIDTH}" y2="{height - 5}" '
        f'stroke="{LINE}"/>'
    )
    rows: list[list[Cell]] = [
        [label, *(_cell(v, unit) for v in values[i]), _value(totals[i], unit)]
        for i, label in enumerate(categories)
    ]
    return Chart(
        key, title, description, _finish(parts), [row_header, *series, gettext("Total")], rows
    )


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_on(colour: str) -> str:
    """Black or white text, whichever has more contrast on ``colour``."""
    light = _luminance(colour)
    on_black = (light + 0.05) / 0.05
    on_white = 1.05 / (light + 0.05)
    return INK if on_black >= on_white else "#ffffff"


def shade(value: float, top: float) -> str:
    if value <= 0 or top <= 0:
        return EMPTY
    step = math.ceil(value / top * (len(SHADES) - 1))
    return SHADES[max(1, min(step, len(SHADES) - 1))]


def heat_matrix(
    key: str,
    title: str,
    description: str,
    row_labels: Sequence[str],
    row_header: str,
    column_labels: Sequence[str],
    values: Sequence[Sequence[float]],
) -> Chart:
    """A grid of cells shaded by value, each cell also showing its number."""
    cell_w, cell_h = 44, 24
    header = 150
    label_width = 270
    width = label_width + cell_w * len(column_labels) + 10
    height = header + cell_h * len(row_labels) + 10
    top = max((v for row in values for v in row), default=0)
    parts = _open(key, title, description, width, height)
    for index, label in enumerate(column_labels):
        x = label_width + index * cell_w + cell_w / 2 + 4
        parts.append(
            f'<g transform="rotate(-50 {x:.1f} {header - 8})">'
            + _label(x, header - 8, [_short(label, 24)], label, "start")
            + "</g>"
        )
    for row_index, label in enumerate(row_labels):
        y = header + row_index * cell_h
        parts.append(_label(label_width - 8, y + 16, wrap(label, label_width - 12, 1), label))
        for col_index, value in enumerate(values[row_index]):
            x = label_width + col_index * cell_w
            colour = shade(value, top)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{colour}" '
                f'stroke="{LINE}" stroke-width="0.5"/>'
            )
            if value:
                parts.append(_text(x + cell_w / 2, y + 16, fmt(value), "middle", text_on(colour)))
    rows: list[list[Cell]] = [
        [label, *(fmt(v) for v in values[i])] for i, label in enumerate(row_labels)
    ]
    return Chart(key, title, description, _finish(parts), [row_header, *column_labels], rows)
