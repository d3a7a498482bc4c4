"""The signed-in person's own security page (password, two-factor state)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import actions, mfa
from accounts.forms import OwnPasswordForm
from accounts.models import RecoveryCode
from accounts.roles import VIEWER, staff_user, staff_view
from accounts.views.common import GET_POST, accounts_page


@staff_view(VIEWER, GET_POST)
def security(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    account = mfa.existing_account(user)
    form = OwnPasswordForm(user, request.POST or None) if user.has_usable_password() else None
    if request.method == "POST" and form is not None and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        actions.changed_password(user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:security")
    context = {
        "form": form,
        "account": account,
        "enrolled": mfa.is_enrolled(user),
        "required": mfa.required_for(user),
        "codes_left": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count(),
    }
    has_errors = bool(form is not None and form.errors)
    status = 400 if has_errors else 200
    return accounts_page(
        request, "security", _("Your account and security"), context, status, has_errors
    )
