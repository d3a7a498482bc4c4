"""Fuzzing with hypothesis: the alignment engine and the importers' row parsers take any
input without failing in a way the caller cannot handle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alignment
from eudata import rows
from eudata.rows import RowError
from eudata.sources.base import Record
from eudata.sources.cordis import CordisSource
from eudata.sources.keepeu import KeepEuSource
from eudata.sources.kohesio import KohesioSource

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
# Text as people and machines write it: any Unicode, markup, control characters, numbers.
texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=2000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00\x01\x02",
            "<script>alert(1)</script>",
            "Kestävä kehitys ja ilmastonmuutos Espoossa",
            "Hållbar utveckling i Esbo " * 50,
            "🌍" * 300,
            "a" * 20000,
        ]
    ),
)


@FUZZ
@given(text=texts)
def test_the_engine_never_raises_and_its_results_are_bounded_and_repeatable(text: str) -> None:
    first = alignment.align(text)
    again = alignment.align(text)
    assert first == again  # deterministic
    assert 0.0 <= first.language_confidence <= 1.0
    assert len(first.sdgs) <= 17 and len(first.targets) <= 169
    for score in (*first.goals, *first.sdgs, *first.targets):
        assert 0.0 <= score.probability <= 1.0
        for evidence in score.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text)
    probabilities = [score.probability for score in first.sdgs]
    assert probabilities == sorted(probabilities, reverse=True)  # best first
    assert alignment.detect_language(text).code in {"fi", "sv", "en", "und"}


cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.text(max_size=60),
    st.sampled_from(["n.a.", "1.234,50", "31/02/2020", "2020-13-01", "1e400", "FI1234567-8"]),
)


@FUZZ
@given(value=cells)
def test_value_parsers_accept_or_reject_with_their_own_error(value: Any) -> None:
    for parse in (rows.parse_decimal, rows.parse_date, rows.parse_bool, rows.parse_int):
        try:
            parse(value, "column")
        except RowError as exc:
            assert exc.code and exc.params["column"] == "column"
    for normalise in (
        rows.clean,
        rows.country_code,
        rows.pic_of,
        rows.vat_of,
        rows.vat_of_business_id,
        rows.business_id_of,
    ):
        assert isinstance(normalise(value), str)


def _sources() -> list[Any]:
    cordis = CordisSource.__new__(CordisSource)
    keepeu = KeepEuSource.__new__(KeepEuSource)
    return [cordis, KohesioSource([Path("fuzz.csv")]), keepeu]


COLUMNS = sorted(
    {
        "id", "projectid", "acronym", "title", "startdate", "enddate", "totalcost",
        "ecmaxcontribution", "frameworkprogramme", "fundingscheme", "status", "topics",
        "objective", "organisationid", "vatnumber", "name", "city", "country", "role",
        "eccontribution", "order", "postcode", "activitytype", "shortname",
        "organizationurl",
    }
)  # fmt: skip
records = st.dictionaries(
    st.one_of(st.sampled_from(COLUMNS), st.text(max_size=20)), cells, max_size=30
)


@FUZZ
@given(data=records)
def test_row_parsers_of_every_source_reject_only_with_their_own_error(
    data: dict[str, Any],
) -> None:
    record = Record(file="fuzz", line=2, data=data)
    for source in _sources():
        for read in ("participant", "project", "identity", "participant_key", "project_key"):
            try:
                getattr(source, read)(record)
            except RowError:
                pass
            except AttributeError as exc:  # a source that needs its open file for this read
                pytest.skip(f"{type(source).__name__}.{read} needs its file: {exc}")
