"""What every source gives the importer: records of participants and of projects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from eudata.rows import ParticipantRow, ProjectRow


@dataclass(frozen=True)
class Record:
    """One row of a source file: where it is (for the report) and its cells by column."""

    file: str
    line: int
    data: dict[str, Any]
    error: str = ""  # set when the row could not even be split into cells


class Source(Protocol):
    """A file (or set of files) in one export format.

    The importer reads participants twice (first to find the projects to keep, then
    their full rows) and projects once, so a source opens its files anew for each pass.
    """

    kind: str  # "cordis", "kohesio" or "keepeu"
    project_file: str  # named in the report when a project is missing
    rows_repeat_projects: bool  # one row per participant that repeats the project (Kohesio)

    def participant_records(self) -> Iterator[Record]: ...

    def identity(self, record: Record) -> dict[str, str]:
        """The cells that say which project and who, where: project_key, name, city, postcode,
        country, pic, vat, business_id. Cheap: read for every row of the file."""
        ...

    def participant_key(self, record: Record) -> str:
        """The project a participant row belongs to (the cheapest read of the row)."""
        ...

    def participant(self, record: Record) -> ParticipantRow: ...

    def project_records(self) -> Iterator[Record]: ...

    def project_key(self, record: Record) -> str: ...

    def project(self, record: Record) -> ProjectRow: ...

    def extras(self, keep: set[str]) -> dict[str, list[str]]:
        """Topics or subjects per kept project, from side files; empty when there are none."""
        ...
