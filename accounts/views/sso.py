"""Single sign-on: the OpenID Connect code flow's start and callback (no login needed)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import actions, mfa, oidc
from accounts.audit import record_sign_in_failure
from accounts.models import StaffAccount
from accounts.views.common import next_address
from workspace.views.common import safe_back


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
        url = oidc.start(request, callback_uri(), next_address(request))
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
