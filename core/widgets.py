"""A <select> written in Python rather than through the template engine.

Django renders every <option> through two template includes; for a filter form with a
few hundred options (countries, goals, SDGs, years) that was the largest single cost of
an uncached catalogue page (~5 ms). Same markup, same attributes, written directly.
"""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A single-choice select without option groups, rendered without templates."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))  # escapes the values
        parts = [f'<select name="{html.escape(name)}"{final_attrs}>']
        for option, label in self.choices:
            text = "" if option is None else str(option)
            selected = " selected" if text in chosen else ""
            chosen.discard(text)  # like Django: only the first match of a value is selected
            parts.append(
                f'<option value="{html.escape(text)}"{selected}>{html.escape(str(label))}</option>'
            )
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above went through html.escape


class FileUpload(forms.FileInput):
    """A file input whose button and status line are in the page's language, not the
    browser's (templates/forms/widgets/file_upload.html; one file, or several with
    ``multiple=True``), used by every form that takes files."""

    template_name = "forms/widgets/file_upload.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        self.allow_multiple_selected = multiple
        super().__init__(attrs)
