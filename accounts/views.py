"""Staff accounts pages: single sign-on, two-factor login, own security, user management.

Every page but the two single sign-on steps wears ``workspace.roles.staff_view``; the
two-factor pages themselves are reachable before the second factor (``mfa=False``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import actions, invitations, mfa, oidc, signin
from accounts.audit import record_sign_in, record_sign_in_failure
from accounts.forms import (
    CodeForm,
    InvitationAcceptForm,
    InvitationForm,
    OwnPasswordForm,
    UserChangeForm,
    UserCreateForm,
    VerifyForm,
    role_choices,
)
from accounts.models import Invitation, RecoveryCode, StaffAccount
from audit.actions import record
from core import throttle
from core.clientip import client_ip
from core.pages import render_page
from workspace.roles import ADMIN, ROLES, VIEWER, role_of, staff_view
from workspace.views.common import safe_back, staff_page

User = get_user_model()
PENDING_SECRET = "accounts_totp_pending"  # noqa: S105 (a session key)
NEW_CODES = "accounts_recovery_codes"
INVITATION_TOKEN = "accounts_invitation_token"  # noqa: S105 (a session key)
# The invitation page's URL once the token is in the session (not a password).
SET_PASSWORD = "set-password"  # noqa: S105
GET_POST = ("GET", "POST")


def _page(
    request: HttpRequest,
    template: str,
    title: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
    has_errors: bool = False,
) -> HttpResponse:
    context = {"heading": title, **(context or {})}
    path = f"accounts/{template}.html"
    return staff_page(request, path, title, context, failed=has_errors, status=status)


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next")
    return safe_back(request, wanted, reverse("workspace:home"))


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


# --- Single sign-on -----------------------------------------------------------------------


def _sso_error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    context = {"message": message, "title": _("Single sign-on failed")}
    response = render(request, "accounts/sso_error.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def callback_uri() -> str:
    """The one redirect URI to register at the provider (in the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("accounts:sso_callback")


@never_cache
def sso_start(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    try:
        url = oidc.start(request, callback_uri(), _next(request))
    except oidc.SsoError as error:
        record_sign_in_failure(None, "sso", error.reason, request)
        return _sso_error(request, error.message, error.status)
    return redirect(url)


@never_cache
def sso_callback(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    try:
        claims, next_url = oidc.finish(request)
    except oidc.SsoError as error:
        record_sign_in_failure(None, "sso", error.reason, request)
        return _sso_error(request, error.message, error.status)
    try:
        user = actions.sso_user(claims)
    except actions.Refused as refused:
        known = StaffAccount.objects.filter(
            sso_issuer=str(claims.get("iss")), sso_subject=str(claims.get("sub"))
        ).first()
        record_sign_in_failure(known.user if known else None, "sso", "refused", request)
        return _sso_error(request, refused.message, 403)
    request.accounts_sign_in_method = "sso"  # type: ignore[attr-defined]
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    mfa.mark_verified(request)  # the provider is responsible for SSO users' second factor
    return redirect(safe_back(request, next_url, reverse("workspace:home")))


# --- Two-factor login ---------------------------------------------------------------------


@staff_view(VIEWER, GET_POST, mfa=False)
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not mfa.needs_second_factor(request):
        return _page(request, "mfa_done", _("Two-factor login"), {"next": _next(request)})
    if not mfa.is_enrolled(user):
        return redirect(_with_next("accounts:mfa_enroll", _next(request)))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            used = actions.verify_second_factor(user, form.cleaned_data["code"], request)
        except actions.Refused as refused:
            form.add_error("code", refused.message)
        else:
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
            return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    status = 200 if not form.errors else 400
    return _page(request, "mfa_verify", _("Two-factor login"), context, status, bool(form.errors))


@staff_view(VIEWER, GET_POST, mfa=False)
def mfa_enroll(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if mfa.is_enrolled(user):
        if mfa.needs_second_factor(request):  # enrolling again must not skip the code
            return redirect(_with_next("accounts:mfa_verify", _next(request)))
        return _page(request, "mfa_done", _("Set up two-factor login"), {"enrolled": True})
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        secret = mfa.new_secret()
        request.session[PENDING_SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.confirm_totp(user, secret, form.cleaned_data["code"])
        except actions.Refused as refused:
            form.add_error("code", refused.message)
        else:
            del request.session[PENDING_SECRET]
            request.session.cycle_key()
            mfa.mark_verified(request)
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two-factor login is now on for your account."))
            next_url = _next(request)
            return redirect(_with_next("accounts:recovery_codes", next_url))
    uri = mfa.provisioning_uri(secret, user.get_username())
    context = {
        "form": form,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr": mark_safe(mfa.qr_svg(uri, _("QR code for your authenticator app"))),  # noqa: S308
        "required": mfa.required_for(user),
        "next": _next(request),
    }
    status = 200 if not form.errors else 400
    return _page(
        request, "mfa_enroll", _("Set up two-factor login"), context, status, bool(form.errors)
    )


@staff_view(VIEWER, GET_POST)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
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
        "next": _next(request),
    }
    return _page(request, "recovery_codes", _("Recovery codes"), context)


@staff_view(VIEWER, ("POST",))
def mfa_disable(request: HttpRequest) -> HttpResponse:
    try:
        actions.disable_totp(request.user)
    except actions.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Two-factor login is now off for your account."))
    return redirect("accounts:security")


# --- Own account --------------------------------------------------------------------------


@staff_view(VIEWER, GET_POST)
def security(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
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
    return _page(request, "security", _("Your account and security"), context, status, has_errors)


# --- User management (admins) -------------------------------------------------------------


def _describe(user: Any) -> dict[str, Any]:
    account: StaffAccount | None = getattr(user, "staff_account", None)
    return {
        "user": user,
        "role": role_of(user) if user.is_active else _role_ignoring_active(user),
        "sso": bool(account and account.uses_sso),
        "local": user.has_usable_password(),
        "totp_enrolled": bool(account and account.totp_enrolled),
        "totp_required": mfa.required_for(user),
    }


def _role_ignoring_active(user: Any) -> str | None:
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
    return _page(request, "user_list", _("Users"), {"rows": rows, "invitations": pending})


@staff_view(ADMIN, GET_POST)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.create_user(
                request.user,
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                totp_required=data["totp_required"],
            )
        except actions.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("The user %(name)s was created.") % {"name": user.get_username()}
            )
            return redirect("accounts:user_detail", user_id=user.pk)
    status = 400 if form.errors else 200
    return _page(request, "user_create", _("New user"), {"form": form}, status, bool(form.errors))


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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused change leaves everything as it was
                if not person.is_superuser and data["role"] != (described["role"] or ""):
                    actions.set_role(request.user, person, data["role"])
                actions.set_active(request.user, person, data["is_active"])
                actions.set_totp_required(request.user, person, data["totp_required"])
        except actions.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("The user %(name)s was saved.") % {"name": person.get_username()}
            )
            return redirect("accounts:user_detail", user_id=person.pk)
    context = {"form": form, "person": person, "described": described}
    status = 400 if form.errors else 200
    title = _("User %(name)s") % {"name": person.get_username()}
    return _page(request, "user_detail", title, context, status, bool(form.errors))


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


# --- Invitations (accounts.invitations) ---------------------------------------------------


@staff_view(ADMIN, GET_POST)
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, initial={"language": settings.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = invitations.invite(
                request.user,
                email=data["email"],
                role=data["role"],
                language=data["language"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                totp_required=data["totp_required"],
            )
        except actions.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _sent_message(invitation))
            return redirect("accounts:user_list")
    status = 400 if form.errors else 200
    title = _("Invite a person")
    return _page(request, "invitation_create", title, {"form": form}, status, bool(form.errors))


def _sent_message(invitation: Invitation) -> str:
    return _("An invitation was sent to %(email)s. The link works until %(expires)s.") % {
        "email": invitation.email,
        "expires": date_format(timezone.localtime(invitation.expires_at), "SHORT_DATETIME_FORMAT"),
    }


@staff_view(ADMIN, ("POST",))
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        invitation, _token = invitations.resend(request.user, invitation)
    except actions.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _sent_message(invitation))
    return redirect("accounts:user_list")


@staff_view(ADMIN, ("POST",))
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        invitations.revoke(request.user, invitation)
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
            return redirect(_with_next("accounts:mfa_enroll", home))
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
