"""The source reader for each kind of import."""

from __future__ import annotations

from pathlib import Path

from eudata.sources.base import Source


def open_source(kind: str, paths: list[Path]) -> Source:
    if kind == "cordis":
        from eudata.sources.cordis import CordisSource

        return CordisSource(paths)
    if kind == "kohesio":
        from eudata.sources.kohesio import KohesioSource

        return KohesioSource(paths)
    if kind == "keepeu":
        from eudata.sources.keepeu import KeepEuSource

        return KeepEuSource(paths)
    raise ValueError(f"unknown source {kind!r}")
