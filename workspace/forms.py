"""Forms of the staff workspace; they validate input, the actions change things."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import error_links
from ideas.models import DESCRIPTION_MAX, AnswerTemplate, Idea, Status
from ideas.triage import next_states, template_text
from portfolio.models import Activity
from workspace.inbox import editors


class ErrorSummaryMixin:
    """``error_links`` for the error summary at the top of the page (as in ideas.forms)."""

    def error_links(self) -> list[tuple[str, str, str]]:
        return error_links(self)


def _text(label: Any, required: bool = False, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=DESCRIPTION_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _templates(label: Any = None) -> forms.ModelChoiceField[AnswerTemplate]:
    return forms.ModelChoiceField(
        label=label or _("Answer template"),
        queryset=AnswerTemplate.objects.all(),
        required=False,
        empty_label=_("none"),
        help_text=_("Used in the proposer's language when the answer field is empty."),
    )


class StateField(forms.ChoiceField):
    """Offers the allowed next states but lets any state through, so the action can
    refuse an impossible transition with a message that says why."""

    def valid_value(self, value: Any) -> bool:
        return value in Status.values


class IdeaVersionsField(forms.MultipleChoiceField):
    """Ideas ticked in the list as ``<id>.<version>``; versions are checked by the action."""

    def valid_value(self, value: Any) -> bool:
        return bool(re.fullmatch(r"[0-9]{1,12}\.[0-9]{1,9}", str(value)))


class IdeaForm(ErrorSummaryMixin, forms.Form):
    """A form about one idea; ``version`` refuses it if the idea changed meanwhile."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.prefix_name)
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.fields["version"].initial = idea.version

    prefix_name = ""


class StateForm(IdeaForm):
    prefix_name = "state"
    new_state = StateField(label=_("New state"))
    reason = _text(
        _("Reason"),
        help_text=_("Why, for colleagues. Required when declining, forwarding or withdrawing."),
    )
    activity_kind = forms.ChoiceField(
        label=_("Kind of activity to create"),
        required=False,
        choices=[("", _("Choose…")), *Activity.Kind.choices],
        help_text=_("Only when accepting: an internal activity is created from the idea."),
    )
    template = _templates()
    answer = _text(_("Answer to the proposer (optional)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = next_states(self.idea)
        self.fields["new_state"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose…")),
            *[(s, Status(s).label) for s in states],
        ]

    def answer_text(self) -> str:
        data = self.cleaned_data
        if data.get("answer"):
            return str(data["answer"])
        return template_text(data["template"], self.idea) if data.get("template") else ""


class AssignForm(IdeaForm):
    prefix_name = "assign"
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=editors(), required=False, empty_label=_("nobody")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = editors()  # type: ignore[attr-defined]
        self.fields["assignee"].initial = self.idea.assignee_id


class AnswerForm(IdeaForm):
    prefix_name = "answer"
    template = _templates()
    body = _text(_("Answer"), help_text=_("Sent by e-mail in the proposer's language."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("template"):
            raise forms.ValidationError(_("Write the answer or choose a template."))
        return data

    def answer_text(self) -> str:
        data = self.cleaned_data
        if (data.get("body") or "").strip():
            return str(data["body"])
        return template_text(data["template"], self.idea)


class NoteForm(ErrorSummaryMixin, forms.Form):
    prefix = "note"
    body = _text(_("Note"), required=True, help_text=_("Only staff see notes."))


BULK_ACTIONS = [
    ("assign", _("Assign")),
    ("state", _("Change the state")),
    ("answer", _("Answer with a template")),
]


class BulkForm(ErrorSummaryMixin, forms.Form):
    """One action on several ideas; each idea is sent with the version shown in the list."""

    prefix = "bulk"
    ideas = IdeaVersionsField(label=_("Ideas"), widget=forms.CheckboxSelectMultiple, choices=[])
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("Choose…")), *BULK_ACTIONS])
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=editors(), required=False, empty_label=_("nobody")
    )
    new_state = StateField(
        label=_("New state"), required=False, choices=[("", _("Choose…")), *Status.choices]
    )
    activity_kind = forms.ChoiceField(
        label=_("Kind of activity (when accepting)"),
        required=False,
        choices=[("", _("Choose…")), *Activity.Kind.choices],
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=DESCRIPTION_MAX)
    template = _templates(_("Answer template"))
    back = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args: Any, ideas: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = editors()  # type: ignore[attr-defined]
        self.fields["ideas"].choices = [  # type: ignore[attr-defined]
            (f"{idea.pk}.{idea.version}", idea.reference) for idea in ideas
        ]

    def clean_ideas(self) -> list[tuple[int, int]]:
        return [tuple(map(int, value.split("."))) for value in self.cleaned_data["ideas"]]  # type: ignore[misc]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "state" and not data.get("new_state"):
            self.add_error("new_state", _("Choose the new state."))
        if data.get("action") == "answer" and not data.get("template"):
            self.add_error("template", _("Choose the answer template."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("reject", _("Reject"))])
    back = forms.CharField(required=False, max_length=2000)


class PersonForm(ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("Finds the ideas they sent and the contacts with this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class EraseForm(PersonForm):
    confirm = forms.BooleanField(
        label=_("I understand that the person's data is erased for good."),
        error_messages={"required": _("Confirm the erasure first.")},
    )
