"""A world map of partner countries, drawn as SVG from Natural Earth shapes.

The shapes come from the npm package ``world-atlas`` (pinned in package.json;
``node_modules/world-atlas/countries-110m.json``, TopoJSON whose ids are ISO 3166-1
numeric codes). This module decodes the TopoJSON (quantised, delta-encoded arcs),
projects it equirectangularly and turns each country into an SVG path once per
process (``lru_cache``). Without the file the map is left out and the data table beside
it still says everything (the template shows a note).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

from insights.charts import EMPTY, FONT, INK, SHADES, fmt, text_on

WIDTH = 720
SCALE = WIDTH / 360  # pixels per degree
NORTH, SOUTH = 84.0, -58.0  # Antarctica and the far north are left out
HEIGHT = round((NORTH - SOUTH) * SCALE)
ANTARCTICA = "010"


def atlas_path() -> Path:
    configured = getattr(settings, "INSIGHTS_WORLD_ATLAS", "")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "node_modules" / "world-atlas" / "countries-110m.json"


def _decode_arcs(topology: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_rest in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py, *_rest in arc]
        arcs.append(points)
    return arcs


def _ring(
    indexes: Sequence[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """Join the arcs of one ring; ``~i`` (a negative index) is arc ``i`` reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular (plate carrée), cropped to NORTH…SOUTH."""
    lat = max(SOUTH, min(NORTH, lat))
    return (lon + 180) * SCALE, (NORTH - lat) * SCALE


def _path(
    polygons: Sequence[Sequence[Sequence[int]]], arcs: list[list[tuple[float, float]]]
) -> str:
    commands = []
    for polygon in polygons:
        for ring_arcs in polygon:
            previous = None
            ring = []
            for lon, lat in _ring(ring_arcs, arcs):
                x, y = project(lon, lat)
                point = f"{x:.1f},{y:.1f}"
                if point != previous:
                    ring.append(point)
                    previous = point
            if len(ring) >= 3:
                commands.append("M" + "L".join(ring) + "Z")
    return "".join(commands)


@dataclass(frozen=True)
class Shape:
    code: str  # ISO alpha-2, or "" when the shape has no ISO code (e.g. Kosovo)
    name: str  # Natural Earth's English name, used when there is no code
    path: str


def decode(topology: Mapping[str, Any]) -> list[Shape]:
    """Every country of a world-atlas TopoJSON as an SVG path."""
    arcs = _decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        code = ""
        if numeric is not None:
            with_code = countries.alpha2(int(numeric))
            code = with_code or ""
        name = (geometry.get("properties") or {}).get("name", "")
        shapes.append(Shape(code, name, _path(polygons, arcs)))
    return shapes


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...] | None:
    """The country shapes, computed once per process; None when the atlas is not installed."""
    path = atlas_path()
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return tuple(decode(topology))


def classes(top: int) -> list[tuple[int, int]]:
    """Up to six ranges (low, high) covering 1…top on a 1-2-5 scale."""
    steps = [1]
    while steps[-1] < top:
        last = steps[-1]
        digits = 10 ** int(math.log10(last))
        lead = last // digits
        steps.append({1: 2, 2: 5, 5: 10}.get(lead, 10) * digits)
    bounds = steps[: len(SHADES)]
    ranges = []
    for index, low in enumerate(bounds):
        high = bounds[index + 1] - 1 if index + 1 < len(bounds) else max(top, low)
        ranges.append((low, high))
        if high >= top:
            break
    return ranges


def world_map(
    key: str, title: str, description: str, counts: Mapping[str, int], legend_label: str
) -> SafeString | None:
    """Countries shaded by ``counts`` (alpha-2 → number); None without the atlas."""
    drawn = shapes()
    if drawn is None:
        return None
    top = max(counts.values(), default=0)
    ranges = classes(top) if top else []
    palette = SHADES[1:] if len(ranges) < len(SHADES) else SHADES

    def colour(value: int) -> str:
        for index, (low, high) in enumerate(ranges):
            if low <= value <= high:
                return palette[min(index, len(palette) - 1)]
        return EMPTY

    legend_height = 30
    height = HEIGHT + legend_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="{FONT}" font-size="12">',
        f'<title id="{key}-title">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for shape in drawn:
        value = counts.get(shape.code, 0)
        fill = colour(value) if value else "#e4e8ee"
        parts.append(
            f'<path d="{shape.path}" fill="{fill}" stroke="#6b7685" stroke-width="0.4"></path>'
        )
    x = 10
    y = HEIGHT + 8
    parts.append(f'<text x="{x}" y="{y + 12}" fill="{INK}">{escape(legend_label)}</text>')
    x += 10 + len(legend_label) * 7
    for index, (low, high) in enumerate(ranges):
        fill = palette[min(index, len(palette) - 1)]
        label = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
        parts.append(
            f'<rect x="{x}" y="{y}" width="44" height="16" fill="{fill}" stroke="#6b7685" '
            f'stroke-width="0.5"/>'
            f'<text x="{x + 22}" y="{y + 12}" text-anchor="middle" fill="{text_on(fill)}">'
            f"{escape(label)}</text>"
        )
        x += 50
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - paths are numbers, texts escaped
