"""API tokens in the Django admin: create (the token is shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import actions
from api.models import ApiToken, Scope


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["name", "owner", "scopes", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = [
        "name",
        "prefix",
        "owner",
        "scope_list",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "expires_at"]
    search_fields = ["name", "prefix", "owner__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.display(description=_("scopes"))
    def scope_list(self, token: ApiToken) -> str:
        return ", ".join(token.scopes)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None:  # a token's owner and scopes are fixed; make a new one instead
            return (*self.readonly_fields, "name", "owner", "scopes", "expires_at")
        return tuple(self.readonly_fields)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("name", "owner", "scopes", "expires_at")
        return (
            "name",
            "owner",
            "scopes",
            "prefix",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
        )

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        token, secret = actions.create_token(
            name=obj.name,
            owner=obj.owner,
            scopes=form.cleaned_data["scopes"],
            expires_at=obj.expires_at,
        )
        obj.pk = token.pk
        messages.warning(
            request,
            _("The new token is %(token)s — copy it now: it is not shown again.")
            % {"token": secret},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the audit trail keeps what a token did

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            actions.revoke_token(token)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
        )
