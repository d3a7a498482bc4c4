"""Validators for organisation identifiers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PIC = re.compile(r"^\d{9}$")
_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_VAT = re.compile(r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$")


def validate_pic(value: str) -> None:
    """EU Participant Identification Code: nine digits."""
    if not _PIC.match(value):
        raise ValidationError(
            _("An EU PIC has exactly nine digits, e.g. 999999999."), code="invalid_pic"
        )


def validate_business_id(value: str) -> None:
    """Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""
    match = _BUSINESS_ID.match(value)
    if not match:
        raise ValidationError(
            _("A Finnish business ID looks like 1234567-8."), code="invalid_business_id"
        )
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(int(d) * w for d, w in zip(match[1], weights, strict=True)) % 11
    # Remainder 1 gives no valid check digit; 0 gives 0; otherwise 11 - remainder.
    expected = None if remainder == 1 else (11 - remainder) % 11
    if expected is None or expected != int(match[2]):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="invalid_business_id_checksum",
            params={"value": value},
        )


def validate_vat(value: str) -> None:
    """An EU VAT number: two-letter country prefix and 2–13 characters."""
    if not _VAT.match(value):
        raise ValidationError(
            _("A VAT number starts with a two-letter country code, e.g. FI01012636."),
            code="invalid_vat",
        )
