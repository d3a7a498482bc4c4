"""One way to render every form field (GOV.UK Design System patterns; docs/design.md).

``FORM_RENDERER`` points at ``FormRenderer``: every ``{{ field.as_field_group }}`` and
``{{ form }}`` in the product renders through ``templates/forms/field.html`` (label above the
control, hint under the label, the error above the control and the field marked), and every
control gets a width class by the length of what it expects (``input--w4`` … ``input--w30``;
long texts use the full column). ``error_links`` gives the error summary its links.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# (longest expected text, width class): a box about as wide as its answer.
WIDTHS = [(4, "input--w4"), (10, "input--w10"), (24, "input--w20"), (60, "input--w30")]
FIXED = {
    "number": "input--w10",
    "date": "input--w10",
    "datetime-local": "input--w20",
    "tel": "input--w20",
    "password": "input--w20",
    "email": "input--w30",
}


def width_class(field: forms.Field, widget: forms.Widget) -> str:
    input_type = getattr(widget, "input_type", "")
    if isinstance(widget, forms.Textarea) or input_type in {"checkbox", "radio", "file", "hidden"}:
        return ""
    if isinstance(widget, forms.DateTimeInput):
        return FIXED["datetime-local"]
    if isinstance(widget, forms.DateInput | forms.TimeInput):
        return FIXED["date"]
    if input_type in FIXED:
        return FIXED[input_type]
    if isinstance(widget, forms.Select):
        return ""
    longest = getattr(field, "max_length", None)
    for limit, name in WIDTHS:
        if longest is not None and longest <= limit:
            return name
    return ""


class FieldBoundField(BoundField):
    """A bound field whose control knows its width class."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> dict[str, Any]:
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.Textarea) and widget.attrs.get("rows") == "10":
            built.setdefault("rows", "6")  # Django's default of 10 rows makes forms very long
        width = width_class(self.field, widget)
        if width and width not in str(built.get("class", "")):
            built["class"] = f"{built.get('class', '')} {width}".strip()
        return built


SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Django's widget templates that are only ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
        "password", "search", "tel", "text", "time", "url",
    )
}  # fmt: skip


def _text(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescaping."""
    return str(conditional_escape(value if isinstance(value, SafeData) else str(value)))


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: ``True`` is a bare name, ``False`` is left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict[str, Any]) -> str | None:
    """Django's ``select.html`` and ``select_option.html`` written in Python, markup for
    markup; None when an option uses another template. The template engine rendered each
    option through two includes: a staff filter form's selects cost ~10 ms a page."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{_text(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )  # the option template's own line end
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_input(widget: dict[str, Any]) -> str:
    """Django's ``input.html`` written in Python, markup for markup (one template and two
    includes for every text box, date and checkbox otherwise)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


class FormRenderer(TemplatesSetting):
    """The project's templates (``templates/forms/``) for fields and forms."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = FieldBoundField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every text above went through conditional_escape
        elif template_name in INPUTS:
            return mark_safe(render_input(context["widget"]))  # noqa: S308 - as above
        return super().render(template_name, context, request)


def error_links(form: Any) -> list[tuple[str, str, str]]:
    """``(anchor, label, message)`` for the error summary, in form order.

    Messages about the whole form (and a hidden field's) have no anchor; a group of radios
    or checkboxes links to its first box.
    """
    links = [("", "", str(message)) for message in form.non_field_errors()]
    for field in form:
        if field.is_hidden:
            links += [("", "", str(message)) for message in field.errors]
            continue
        anchor = field.auto_id
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = f"{field.auto_id}_0"
        links += [(anchor, str(field.label), str(message)) for message in field.errors]
    return links
