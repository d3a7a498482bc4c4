"""User management for admins: list, create, change and reset a user's TOTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from accounts import actions, mfa
from accounts.forms import UserChangeForm, UserCreateForm, person_of
from accounts.models import Invitation, StaffAccount
from accounts.roles import ADMIN, role_of, staff_view
from accounts.views.common import GET_POST, accounts_page, form_page

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _describe(user: User) -> dict[str, Any]:
    account: StaffAccount | None = getattr(user, "staff_account", None)
    return {
        "user": user,
        "role": role_of(user) if user.is_active else _role_ignoring_active(user),
        "sso": bool(account and account.uses_sso),
        "local": user.has_usable_password(),
        "totp_enrolled": bool(account and account.totp_enrolled),
        "totp_required": mfa.required_for(user),
    }


def _role_ignoring_active(user: User) -> str | None:
    if user.is_superuser:
        return ADMIN
    names = {g.name for g in user.groups.all()}
    return next((r for r in ("admin", "editor", "viewer") if r in names), None)


@staff_view(ADMIN)
def user_list(request: HttpRequest) -> HttpResponse:
    users = (
        User._default_manager.select_related("staff_account")
        .prefetch_related(Prefetch("groups"))
        .order_by("username")
    )
    rows = [_describe(user) for user in users]
    pending = Invitation.objects.pending().select_related("invited_by").order_by("email")
    return accounts_page(request, "user_list", _("Users"), {"rows": rows, "invitations": pending})


@staff_view(ADMIN, GET_POST)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)

    def create(data: dict[str, Any]) -> HttpResponse:
        user = actions.create_user(
            request.user,
            username=data["username"],
            password=data["password1"],
            **person_of(data),
        )
        messages.success(
            request, _("The user %(name)s was created.") % {"name": user.get_username()}
        )
        return redirect("accounts:user_detail", user_id=user.pk)

    return form_page(request, "user_create", _("New user"), form, create)


@staff_view(ADMIN, GET_POST)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(User._default_manager.select_related("staff_account"), pk=user_id)
    described = _describe(person)
    initial = {
        "role": described["role"] or "",
        "is_active": person.is_active,
        "totp_required": bool(
            getattr(person, "staff_account", None) and person.staff_account.totp_required
        ),
    }
    form = UserChangeForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> HttpResponse:
        with transaction.atomic():  # a refused change leaves everything as it was
            if not person.is_superuser and data["role"] != (described["role"] or ""):
                actions.set_role(request.user, person, data["role"])
            actions.set_active(request.user, person, data["is_active"])
            actions.set_totp_required(request.user, person, data["totp_required"])
        messages.success(
            request, _("The user %(name)s was saved.") % {"name": person.get_username()}
        )
        return redirect("accounts:user_detail", user_id=person.pk)

    context = {"person": person, "described": described}
    title = _("User %(name)s") % {"name": person.get_username()}
    return form_page(request, "user_detail", title, form, save, context)


@staff_view(ADMIN, ("POST",))
def user_reset_totp(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(User._default_manager, pk=user_id)
    actions.reset_totp(request.user, person)
    messages.success(
        request,
        _("Two-factor login of %(name)s was reset. They set it up again when they need it.")
        % {"name": person.get_username()},
    )
    return redirect("accounts:user_detail", user_id=person.pk)
