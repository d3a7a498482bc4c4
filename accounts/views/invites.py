"""Invitations (``accounts.invitations``): admins send, resend and revoke them; the invitee
accepts with the mailed link.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import actions, invitations, mfa, signin
from accounts.forms import InvitationAcceptForm, InvitationForm, person_of, role_choices
from accounts.models import Invitation
from accounts.roles import ADMIN, ROLES, staff_user, staff_view
from accounts.views.common import (
    GET_POST,
    INVITATION_TOKEN,
    SET_PASSWORD,
    form_page,
    with_next,
)
from core import throttle
from core.clientip import client_ip
from core.pages import render_page


@staff_view(ADMIN, GET_POST)
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, initial={"language": settings.LANGUAGE_CODE})

    def send(data: dict[str, Any]) -> HttpResponse:
        invitation, _token = invitations.invite(
            staff_user(request), language=data["language"], **person_of(data)
        )
        messages.success(request, _sent_message(invitation))
        return redirect("accounts:user_list")

    return form_page(request, "invitation_create", _("Invite a person"), form, send)


def _sent_message(invitation: Invitation) -> str:
    return _("An invitation was sent to %(email)s. The link works until %(expires)s.") % {
        "email": invitation.email,
        "expires": date_format(timezone.localtime(invitation.expires_at), "SHORT_DATETIME_FORMAT"),
    }


@staff_view(ADMIN, ("POST",))
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        invitation, _token = invitations.resend(staff_user(request), invitation)
    except actions.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _sent_message(invitation))
    return redirect("accounts:user_list")


@staff_view(ADMIN, ("POST",))
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        invitations.revoke(staff_user(request), invitation)
    except actions.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The invitation of %(email)s was revoked; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("accounts:user_list")


def _unusable_invitation(request: HttpRequest, reason: str) -> HttpResponse:
    messages_by_reason = {
        invitations.UNKNOWN: _(
            "This invitation link is not valid. Check that you opened the whole address "
            "from the mail, or ask the person who invited you to send a new invitation."
        ),
        invitations.EXPIRED: _(
            "This invitation has expired. Ask the person who invited you to send it again."
        ),
        invitations.USED: _(
            "This invitation has already been used. Sign in with your user name and password."
        ),
        invitations.REVOKED: _(
            "This invitation has been withdrawn. Ask an administrator of the staff workspace "
            "if you need an account."
        ),
        invitations.TAKEN: _(
            "There is already a staff account for this e-mail address. Sign in with it, or "
            "ask an administrator of the staff workspace."
        ),
    }
    context = {
        "title": _("The invitation link does not work"),
        "message": messages_by_reason[reason],
    }
    status = 404 if reason == invitations.UNKNOWN else 410
    return _invitation_response(
        render(request, "accounts/invitation_invalid.html", context, status=status)
    )


def _too_many_tries(request: HttpRequest, wait: int) -> HttpResponse:
    context = {
        "title": _("The invitation link does not work"),
        "message": signin.locked_message(wait),
    }
    response = render(request, "accounts/invitation_invalid.html", context, status=429)
    response["Retry-After"] = str(wait)
    return _invitation_response(response)


def _invitation_response(response: HttpResponse) -> HttpResponse:
    """The link's token is a key: not cached, not indexed, not sent on as a referrer."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the token in the mailed link is the invitee's key (no login).

    As Django's password reset does, the token moves from the URL into the session at
    once and the page continues at ``invitation/set-password/``: the token is then in no
    later URL, log line or Referer, even when the form comes back with errors.
    """
    if token != SET_PASSWORD:  # any method: only this redirect answers a URL with the token
        request.session[INVITATION_TOKEN] = token
        target = reverse("accounts:invitation_accept", kwargs={"token": SET_PASSWORD})
        return _invitation_response(redirect(target))
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(GET_POST)
    token = str(request.session.get(INVITATION_TOKEN) or "")
    limit, address = throttle.bad_token(), throttle.key_of("address", client_ip(request))
    if wait := throttle.wait_seconds(limit, address):
        return _too_many_tries(request, wait)
    invitation = invitations.find(token) if token else None
    if invitation is None:
        throttle.hit(limit, address)  # guessing links counts like guessing passwords
    reason = invitations.UNKNOWN if invitation is None else invitations.state_of(invitation)
    if reason is not None:
        return _unusable_invitation(request, reason)
    assert invitation is not None
    form = InvitationAcceptForm(invitation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(token, form.cleaned_data["password1"], client_ip(request))
        except invitations.Unusable as unusable:
            return _unusable_invitation(request, unusable.reason)
        del request.session[INVITATION_TOKEN]
        request.accounts_sign_in_method = "invitation"  # type: ignore[attr-defined]
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        home = reverse("workspace:home")
        if mfa.needs_second_factor(request):
            return redirect(with_next("accounts:mfa_enroll", home))
        return redirect(home)
    heading = _("Welcome to the staff workspace")
    context = {
        "heading": heading,
        "form": form,
        "invitation": invitation,
        "role": dict(role_choices()).get(invitation.role, invitation.role),
        "needs_totp": invitation.totp_required or _role_requires_totp(invitation.role),
    }
    failed = bool(form.errors)
    page = render_page(request, "accounts/invitation_accept.html", heading, context, failed=failed)
    return _invitation_response(page)


def _role_requires_totp(role: str) -> bool:
    needed = mfa.REQUIRE_FOR.get(settings.STAFF_REQUIRE_TOTP_FOR)
    return needed is not None and ROLES.index(role) >= ROLES.index(needed)
