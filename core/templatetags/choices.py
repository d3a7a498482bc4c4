"""``{{ activity|choice_label:"kind" }}``: a choice field's label, looked up once per language.

``get_FOO_display`` hashes every (lazy) label of the field on every call, a gettext call
each: on a list page of 20 rows with two choice columns, hundreds of gettext calls.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language

register = template.Library()

_LABELS: dict[tuple[str, str, str], dict[Any, str]] = {}


def choice_label(instance: Model, field_name: str) -> Any:
    """The label of the instance's value of ``field_name`` in the active language."""
    language = get_language() or settings.LANGUAGE_CODE
    key = (language, instance._meta.label, field_name)
    labels = _LABELS.get(key)
    if labels is None:
        field = instance._meta.get_field(field_name)
        labels = {value: str(label) for value, label in field.flatchoices}  # type: ignore[union-attr]
        _LABELS[key] = labels
    value = getattr(instance, field_name)
    return labels.get(value, value)


register.filter("choice_label", choice_label)
