"""What the staff accounts pages share: session keys, the page helper and the ``next`` address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode

from accounts import actions
from workspace.views.common import safe_back, staff_page

PENDING_SECRET = "accounts_totp_pending"  # noqa: S105 (a session key)
NEW_CODES = "accounts_recovery_codes"
INVITATION_TOKEN = "accounts_invitation_token"  # noqa: S105 (a session key)
# The invitation page's URL once the token is in the session (not a password).
SET_PASSWORD = "set-password"  # noqa: S105
GET_POST = ("GET", "POST")


def accounts_page(
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


def form_page(
    request: HttpRequest,
    template: str,
    title: str,
    form: Any,
    act: Callable[[dict[str, Any]], HttpResponse],
    context: dict[str, Any] | None = None,
    field: str | None = None,
) -> HttpResponse:
    """The page of an account form: a valid post is answered by ``act(cleaned_data)`` (a
    redirect); a refused action (``actions.Refused``) becomes an error of the form, on
    ``field`` or the whole form, and the page shows again with status 400."""
    if request.method == "POST" and form.is_valid():
        try:
            return act(form.cleaned_data)
        except actions.Refused as refused:
            form.add_error(field, refused.message)
    failed = bool(form.errors)
    context = {"form": form, **(context or {})}
    return accounts_page(request, template, title, context, 400 if failed else 200, failed)


def next_address(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next")
    return safe_back(request, wanted, reverse("workspace:home"))


def with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"
