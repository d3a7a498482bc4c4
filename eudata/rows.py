"""The shape every source is read into, and the value parsers all sources share.

A parser raises ``RowError`` for a value it cannot read; the importer rejects that
row with the reason and goes on. ``ImportFailed`` is for a file that cannot be read
at all: the whole import stops and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django_countries import countries

# CORDIS and keep.eu write EU country codes; the registry keeps ISO 3166 codes.
EU_TO_ISO = {"EL": "GR", "UK": "GB"}
_ISO = {code for code, _name in countries}
_NUMBER_JUNK = re.compile(r"[\s\u00a0\u202f€]")
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}
EMPTY_MARKERS = {"n.a.", "n/a", "na", "-", "none", "null"}


class RowError(Exception):
    """One row cannot be used. ``code`` and ``params`` make the translated reason."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


class ImportFailed(Exception):
    """The file as a whole cannot be read; nothing is written."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class ProjectRow:
    key: str
    acronym: str = ""
    title: str = ""
    objective: str = ""
    status: str = ""
    start: date | None = None
    end: date | None = None
    total_cost: Decimal | None = None
    eu_contribution: Decimal | None = None
    programme: str = ""
    call: str = ""
    funding_scheme: str = ""
    topics: list[str] = field(default_factory=list)
    url: str = ""


@dataclass
class ParticipantRow:
    project_key: str
    name: str
    pic: str = ""
    vat: str = ""
    business_id: str = ""
    local_id: str = ""  # the source's own id when there is no PIC
    short_name: str = ""
    kind: str = "other"
    role: str = "participant"
    city: str = ""
    postcode: str = ""
    country: str = ""
    website: str = ""
    eu_contribution: Decimal | None = None
    total_cost: Decimal | None = None
    order: int | None = None


def clean(value: Any) -> str:
    """A cell as text: None and the sources' empty markers become ''."""
    if value is None:
        return ""
    text = value.strip() if isinstance(value, str) else str(value).strip()
    if len(text) <= 4 and text.lower() in EMPTY_MARKERS:
        return ""
    return text


def parse_decimal(value: Any, column: str) -> Decimal | None:
    """Amounts as written: '960619,95', '960619.95', '1 234,5', '1.234,50', '' (none)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _NUMBER_JUNK.sub("", clean(value))
    if not text:
        return None
    if "," in text and "." in text:
        # The later separator is the decimal one; the other groups thousands.
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RowError("bad_number", column=column, value=str(value)[:40]) from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise RowError("bad_number", column=column, value=str(value)[:40])
    return number.quantize(Decimal("0.01"))


def parse_date(value: Any, column: str) -> date | None:
    """ISO dates (with or without a time) and DD/MM/YYYY or DD.MM.YYYY."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(value)
    if not text:
        return None
    try:
        if "/" in text or "." in text[:6]:
            day, month, year = re.split(r"[/.]", text.split()[0])
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text[:10])
    except ValueError:
        raise RowError("bad_date", column=column, value=text[:40]) from None


def parse_bool(value: Any, column: str) -> bool:
    if isinstance(value, bool):
        return value
    text = clean(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError("bad_boolean", column=column, value=text[:40])


def parse_int(value: Any, column: str) -> int | None:
    text = clean(value)
    if not text:
        return None
    try:
        return int(float(text))
    except (ValueError, OverflowError):  # OverflowError: "inf" (found by fuzzing)
        raise RowError("bad_number", column=column, value=text[:40]) from None


def country_code(value: Any) -> str:
    """ISO code of an EU or ISO country code; '' when unknown."""
    code = clean(value).upper()
    code = EU_TO_ISO.get(code, code)
    return code if code in _ISO else ""


def pic_of(value: Any) -> str:
    """A PIC as nine digits ('' when the value is not one)."""
    text = clean(value)
    if text.endswith(".0"):  # spreadsheets turn codes into floats
        text = text[:-2]
    return text if len(text) == 9 and text.isdigit() else ""


def vat_of(value: Any) -> str:
    """A VAT number without spaces, dots or dashes, upper case; EL/UK prefixes kept as written."""
    return re.sub(r"[^0-9A-Za-z]", "", clean(value)).upper()


def vat_of_business_id(value: Any) -> str:
    """A Finnish business ID 1234567-8 as the VAT number FI12345678 ('' if not one)."""
    digits = re.sub(r"\D", "", clean(value))
    return f"FI{digits}" if len(digits) == 8 else ""


def business_id_of(value: Any) -> str:
    """A Finnish business ID as 1234567-8 from either form ('' if not one)."""
    text = clean(value).upper().removeprefix("FI")
    digits = re.sub(r"\D", "", text)
    return f"{digits[:7]}-{digits[7]}" if len(digits) == 8 else ""


def require(row: dict[str, str], column: str) -> str:
    value = clean(row.get(column))
    if not value:
        raise RowError("missing_value", column=column)
    return value
