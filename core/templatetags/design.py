"""Template tags of the shared components (docs/design.md)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core import forms

register = template.Library()


@register.simple_tag
def error_links(form: Any) -> list[tuple[str, str]]:
    """The error summary's ``(anchor, text)`` rows of ``form``: "Label: message", or
    "Label? message" when the label ends with its own punctuation. A label that is a whole
    sentence (a consent box's "I have read … and agree …."): the message alone, which says
    what to do (GOV.UK: the summary repeats the error message)."""
    rows = []
    for anchor, label, message in forms.error_links(form):
        label = label.strip()
        if label.endswith("."):
            text = message
        elif label and label[-1] in "?!":
            text = f"{label} {message}"
        else:
            text = f"{label}: {message}" if label else message
        rows.append((anchor, text))
    return rows


@register.filter
def nowrap(value: object) -> SafeString:
    """``value`` on one line (a reference such as IDEA-2026-0001 never breaks at a hyphen)."""
    return format_html('<span class="nowrap">{}</span>', value)
