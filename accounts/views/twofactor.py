"""Two-factor login: verify, enrol, recovery codes and turning TOTP off.

The pages reachable before the second factor wear ``staff_view(..., mfa=False)``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts import actions, mfa
from accounts.audit import record_sign_in
from accounts.forms import CodeForm, VerifyForm
from accounts.models import RecoveryCode
from accounts.roles import VIEWER, staff_user, staff_view
from accounts.views.common import (
    GET_POST,
    NEW_CODES,
    PENDING_SECRET,
    accounts_page,
    form_page,
    next_address,
    with_next,
)
from audit.actions import record


@staff_view(VIEWER, GET_POST, mfa=False)
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not mfa.needs_second_factor(request):
        return accounts_page(
            request, "mfa_done", _("Two-factor login"), {"next": next_address(request)}
        )
    if not mfa.is_enrolled(user):
        return redirect(with_next("accounts:mfa_enroll", next_address(request)))
    form = VerifyForm(request.POST or None)

    def verified(data: dict[str, Any]) -> HttpResponse:
        used = actions.verify_second_factor(user, data["code"], request)
        request.session.cycle_key()
        mfa.mark_verified(request)
        record_sign_in(user, "password+" + used, request)
        if used == "recovery":
            left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
            messages.warning(
                request,
                _(
                    "You used a recovery code; %(count)s are left. Make new ones on "
                    "your security page if you are running out."
                )
                % {"count": left},
            )
        return redirect(next_address(request))

    context = {"next": next_address(request)}
    return form_page(request, "mfa_verify", _("Two-factor login"), form, verified, context, "code")


@staff_view(VIEWER, GET_POST, mfa=False)
def mfa_enroll(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if mfa.is_enrolled(user):
        if mfa.needs_second_factor(request):  # enrolling again must not skip the code
            return redirect(with_next("accounts:mfa_verify", next_address(request)))
        return accounts_page(request, "mfa_done", _("Set up two-factor login"), {"enrolled": True})
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        secret = mfa.new_secret()
        request.session[PENDING_SECRET] = secret
    form = CodeForm(request.POST or None)

    def confirmed(data: dict[str, Any]) -> HttpResponse:
        codes = actions.confirm_totp(user, secret, data["code"])
        del request.session[PENDING_SECRET]
        request.session.cycle_key()
        mfa.mark_verified(request)
        request.session[NEW_CODES] = codes
        messages.success(request, _("Two-factor login is now on for your account."))
        return redirect(with_next("accounts:recovery_codes", next_address(request)))

    uri = mfa.provisioning_uri(secret, user.get_username())
    context = {
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr": mark_safe(mfa.qr_svg(uri, _("QR code for your authenticator app"))),  # noqa: S308
        "required": mfa.required_for(user),
        "next": next_address(request),
    }
    title = _("Set up two-factor login")
    return form_page(request, "mfa_enroll", title, form, confirmed, context, "code")


@staff_view(VIEWER, GET_POST)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    codes = request.session.pop(NEW_CODES, None)
    if request.method == "POST":
        if not mfa.is_enrolled(user):
            messages.error(request, _("Two-factor login is not set up for your account."))
            return redirect("accounts:security")
        codes = mfa.new_recovery_codes(user)
        record("update", user, {"two_factor": ["", "new recovery codes"]})
    context = {
        "codes": codes,
        "enrolled": mfa.is_enrolled(user),
        "left": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count(),
        "next": next_address(request),
    }
    return accounts_page(request, "recovery_codes", _("Recovery codes"), context)


@staff_view(VIEWER, ("POST",))
def mfa_disable(request: HttpRequest) -> HttpResponse:
    try:
        actions.disable_totp(staff_user(request))
    except actions.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Two-factor login is now off for your account."))
    return redirect("accounts:security")
