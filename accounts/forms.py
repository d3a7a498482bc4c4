"""Forms of the staff accounts; they validate input, ``accounts.actions`` changes things."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from accounts.roles import ADMIN, EDITOR, VIEWER
from workspace.forms import ErrorSummaryMixin

User = get_user_model()
# Who an account is for, as the new-user form and the invitation form both ask it.
PERSON_FIELDS = ("email", "role", "first_name", "last_name", "totp_required")


def person_of(data: dict[str, Any]) -> dict[str, Any]:
    """The answers about the person in a form's cleaned ``data``, by ``PERSON_FIELDS``."""
    return {name: data[name] for name in PERSON_FIELDS}


def role_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("no role")),
        (VIEWER, _("viewer")),
        (EDITOR, _("editor")),
        (ADMIN, _("admin")),
    ]


class CodeForm(ErrorSummaryMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class VerifyForm(CodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        )
        self.fields["code"].widget.attrs["inputmode"] = "text"


class NewPasswordForm(ErrorSummaryMixin, forms.Form):
    """A form with a new password typed twice (``password1``, ``password2``): the two must
    agree and pass AUTH_PASSWORD_VALIDATORS for the account ``password_owner`` describes."""

    def password_owner(self, cleaned: dict[str, Any]) -> Any:
        """An unsaved user with the names the password must not resemble."""
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(first, self.password_owner(cleaned))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UserCreateForm(NewPasswordForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=role_choices, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters, not a common password, not only digits and not like "
            "the user name. Give it to the person through another channel; they can change "
            "it on their own security page."
        ),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    totp_required = forms.BooleanField(label=_("Require two-factor login"), required=False)

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if User._default_manager.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("A user with this user name already exists."))
        return username

    def password_owner(self, cleaned: dict[str, Any]) -> Any:
        return User(
            username=cleaned.get("username", ""),
            email=cleaned.get("email", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )


class UserChangeForm(ErrorSummaryMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices, required=False)
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("An inactive account cannot sign in; its history stays."),
    )
    totp_required = forms.BooleanField(label=_("Require two-factor login"), required=False)


class OwnPasswordForm(ErrorSummaryMixin, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _(
            "At least 12 characters, not a common password, not only digits and not like "
            "your user name."
        )


def invitation_role_choices() -> list[tuple[str, Any]]:
    return [choice for choice in role_choices() if choice[0]]


class InvitationForm(ErrorSummaryMixin, forms.Form):
    # 150: the address becomes the user name (Django's user names are at most 150 long).
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("The invitation is sent here; it is also the person's user name."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=invitation_role_choices)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("The mail and the page where the person chooses a password."),
    )
    totp_required = forms.BooleanField(label=_("Require two-factor login"), required=False)


class InvitationAcceptForm(NewPasswordForm):
    """The invitee's password, by the rules of the own-password page (AUTH_PASSWORD_VALIDATORS)."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters, not a common password, not only digits and not like "
            "your user name."
        ),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, invitation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def password_owner(self, cleaned: dict[str, Any]) -> Any:
        return User(
            username=self.invitation.email,
            email=self.invitation.email,
            first_name=self.invitation.first_name,
            last_name=self.invitation.last_name,
        )
