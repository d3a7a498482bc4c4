"""Template tags of the shared components (docs/design.md)."""

from __future__ import annotations

from typing import Any

from django import template

from core import forms

register = template.Library()


@register.simple_tag
def error_links(form: Any) -> list[tuple[str, str, str]]:
    """The error summary's ``(anchor, label, message)`` rows of ``form``."""
    return forms.error_links(form)
