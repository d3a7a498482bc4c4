"""Readers of the EU open-data export formats; ``eudata.importer`` does the rest."""

from eudata.sources.base import Record, Source

__all__ = ["Record", "Source"]
