"""The trail's changes as sentences in the reader's language: "City's share: – → 750,000.00 €".

``AuditEvent.changes`` keeps the raw values (``{"city_share": [None, "750000.00"]}``, or
``{"themes": {"add": [3]}}`` for many-to-many changes); this turns them into text with the
field's verbose name, choice labels, localised numbers and dates. Nothing here queries the
database: a related record is named by its id.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.models import AuditEvent

EMPTY = "–"
EURO_MARK = "(€)"
# How a stored date-time or date reads (a date-time field is a date field too, so it comes first).
DATE_STYLES: tuple[
    tuple[type[models.Field[Any, Any]], Callable[[str], datetime.date], str], ...
] = (
    (models.DateTimeField, datetime.datetime.fromisoformat, "SHORT_DATETIME_FORMAT"),
    (models.DateField, datetime.date.fromisoformat, "SHORT_DATE_FORMAT"),
)


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == name or field.name == name:
            return field if isinstance(field, models.Field) else None
    return None


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def field_label(field: models.Field[Any, Any] | None, name: str) -> str:
    """The field's verbose name without a unit mark, or the raw key when it is unknown."""
    if field is None:
        return name
    label = str(field.verbose_name).replace(EURO_MARK, "").strip()
    return capfirst(label) or name


def format_value(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if field is None:
        return str(value)
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value in (True, "True", "true", 1) else _("no")
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    if isinstance(field, models.DecimalField | models.FloatField):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        places = field.decimal_places if isinstance(field, models.DecimalField) else None
        text = formats.number_format(number, places, use_l10n=True, force_grouping=True)
        return f"{text} €" if EURO_MARK in str(field.verbose_name) else text
    for kind, parse, style in DATE_STYLES:
        if isinstance(field, kind):
            try:
                moment = parse(str(value))
            except ValueError:
                return str(value)
            return formats.date_format(moment, style)
    return str(value)


def _ids(values: Any) -> str:
    return ", ".join(f"#{value}" for value in values) if values else EMPTY


def describe_changes(event: AuditEvent) -> list[str]:
    """One sentence per changed field, in the active language."""
    model = _model(event.model)
    sentences = []
    for name, change in (event.changes or {}).items():
        field = _field(model, name)
        label = field_label(field, name)
        if isinstance(change, list) and len(change) == 2:
            before, after = (format_value(field, value) for value in change)
            sentences.append(
                _("%(field)s: %(before)s → %(after)s")
                % {"field": label, "before": before, "after": after}
            )
        elif isinstance(change, dict) and {"add", "remove", "clear"} & set(change):
            if "add" in change:
                sentences.append(
                    _("%(field)s: added %(items)s") % {"field": label, "items": _ids(change["add"])}
                )
            if "remove" in change:
                sentences.append(
                    _("%(field)s: removed %(items)s")
                    % {"field": label, "items": _ids(change["remove"])}
                )
            if "clear" in change:
                sentences.append(_("%(field)s: all removed") % {"field": label})
        else:  # a note written by an action (e.g. {"method": "password"})
            sentences.append(
                _("%(field)s: %(value)s") % {"field": label, "value": format_value(None, change)}
            )
    return sentences
