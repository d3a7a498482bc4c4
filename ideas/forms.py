"""The public cooperation-idea form: validation only; ``actions.submit_idea`` stores it."""

from __future__ import annotations

import secrets
import time
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import error_links
from core.widgets import FileUpload
from ideas import uploads
from ideas.models import DESCRIPTION_MAX, IDEA_TEXTS, PROPOSER_FIELDS, Idea
from strategy.models import Goal

KEY_SALT = "ideas.form"
HONEYPOT = "homepage"
# Same words for the honeypot and the too-fast check: a bot learns nothing from them.
REFUSED = _("We could not accept the form. Please wait a moment, check it and send it again.")

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{4,38}$",
    _("Enter a phone number using digits and spaces, with an optional + at the start."),
)


def new_form_key(token: str | None = None) -> str:
    """A signed idempotency token and the time the form was handed out."""
    return signing.dumps(
        {"token": token or secrets.token_urlsafe(24), "t": int(time.time())}, salt=KEY_SALT
    )


def _privacy_url() -> str | None:
    try:
        return reverse("portal:privacy")
    except NoReverseMatch:
        return None


class AttachmentsField(forms.FileField):
    """Up to three PDF, DOCX or ODT files; cleans to a list of ``(upload, kind)``."""

    widget = FileUpload(attrs={"accept": ".pdf,.docx,.odt"}, multiple=True)

    def __init__(self, **kwargs: Any) -> None:
        """Optional, labelled and explained the same way on every form that takes files."""
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Optional. Up to 3 PDF, DOCX or ODT files of at most 10 MB each. "
                "If the form shows errors, choose the files again."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, str]]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > uploads.MAX_FILES:
            raise forms.ValidationError(
                _("You can attach at most %(count)d files."), params={"count": uploads.MAX_FILES}
            )
        cleaned, errors = [], []
        for upload in files:
            name = uploads.clean_name(upload.name or "")
            if upload.size > uploads.MAX_BYTES:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is larger than %(limit)s."),
                        params={"name": name, "limit": filesizeformat(uploads.MAX_BYTES)},
                    )
                )
                continue
            kind = uploads.detect_kind(upload)
            if kind is None:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is not a PDF, DOCX or ODT file."), params={"name": name}
                    )
                )
                continue
            cleaned.append((upload, kind))
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class IdeaForm(forms.ModelForm):
    goals: forms.ModelMultipleChoiceField[Goal] = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Which of the city's goals does your idea relate to?"),
        help_text=_("Optional. Choose any that fit."),
    )
    organisation_website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    contact_phone = forms.CharField(
        label=_("Phone"), required=False, max_length=40, validators=[phone_validator]
    )
    language = forms.ChoiceField(
        label=_("Language of correspondence"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("We answer you and send you mail in this language."),
    )
    attachments = AttachmentsField()
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used to handle my idea."),
        error_messages={"required": _("Please accept the privacy notice to send your idea.")},
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_key = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Idea
        fields = [*IDEA_TEXTS, "goals", *PROPOSER_FIELDS]
        labels = {
            "title": _("Title of the idea"),
            "description": _("Describe your idea"),
            "offer": _("What do you offer?"),
            "hopes": _("What do you hope for from Espoo?"),
            "organisation_name": _("Name of the organisation"),
            "organisation_kind": _("Kind of organisation"),
            "organisation_country": _("Country"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
        }
        help_texts = {
            "title": _("A short name for the idea, at most 200 characters."),
            "description": _("At most 10,000 characters."),
            "contact_email": _("We send the confirmation and a link to follow your idea here."),
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "organisation_country": forms.Select(attrs={"autocomplete": "country"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spam = False
        self.token = ""
        goals = cast("forms.ModelMultipleChoiceField[Goal]", self.fields["goals"])
        goals.queryset = Goal.objects.current()
        self.fields["organisation_website"].widget.attrs["autocomplete"] = "url"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_phone"].widget.input_type = "tel"
        for name in ["organisation_kind", "organisation_country"]:
            field = cast(forms.ChoiceField, self.fields[name])
            named: list[Any] = [c for c in field.choices if c[0]]  # type: ignore[union-attr,index]
            field.choices = [("", _("Choose…")), *named]
        privacy_url = _privacy_url()
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '<a href="{}">{}</a>', privacy_url, _("Read the privacy notice")
            )
        if not self.is_bound:
            language = (get_language() or settings.LANGUAGE_CODE)[:2]
            self.initial.setdefault("language", language)
            self.initial.setdefault("form_key", new_form_key())

    def clean_form_key(self) -> str:
        raw = self.cleaned_data["form_key"]
        try:
            data = signing.loads(raw, salt=KEY_SALT, max_age=settings.IDEAS_FORM_MAX_AGE)
            self.token, started = str(data["token"]), int(data["t"])
        except signing.SignatureExpired:
            self._renew_key()
            raise forms.ValidationError(
                _("The form was open too long. Please check your entries and send them again.")
            ) from None
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self._renew_key()
            raise forms.ValidationError(REFUSED) from None
        if time.time() - started < settings.IDEAS_MIN_FILL_SECONDS:
            self.spam = True
        return raw

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get(HONEYPOT):
            self.spam = True
        elif self.spam and any(name != "form_key" for name in self.errors):
            # Sent quickly but with fields missing or wrong: a person pressing Send too soon
            # needs to hear which fields; nothing is stored either way.
            self.spam = False
        if self.spam:
            raise forms.ValidationError(REFUSED, code="refused")
        return cleaned

    def _renew_key(self) -> None:
        data = cast(QueryDict, self.data).copy()
        data["form_key"] = new_form_key()
        self.data = data

    def error_links(self) -> list[tuple[str, str, str]]:
        """``(anchor, label, message)`` for the error summary, in form order."""
        return error_links(self)


class ReplyForm(forms.Form):
    """The proposer's message on the status page: the idea form's limits and file checks."""

    body = forms.CharField(
        label=_("Your message"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 10,000 characters."),
    )
    attachments = AttachmentsField()
    form_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.token = ""
        if not self.is_bound:
            self.initial.setdefault("form_key", new_form_key())

    def clean_form_key(self) -> str:
        raw = self.cleaned_data["form_key"]
        try:
            self.token = str(signing.loads(raw, salt=KEY_SALT)["token"])
        except (signing.BadSignature, KeyError, TypeError):
            raise forms.ValidationError(REFUSED) from None
        return raw

    def error_links(self) -> list[tuple[str, str, str]]:
        return error_links(self)
