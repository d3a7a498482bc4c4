"""The three staff roles, as Django groups, and the checks and decorators that use them.

viewer reads everything internal; editor also works on ideas, the portfolio and the
registry and reviews alignment suggestions; admin also manages users, strategy and
settings and reads the audit trail. Each role includes the ones before it; superusers
count as admin. ``manage.py setup_roles`` creates the groups and their permissions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)  # each includes the ones before it

# What each role may do, as Django permissions ("app" = every model of the app).
READ_APPS = ("ideas", "portfolio", "registry", "strategy", "eudata")
EDIT_MODELS = (
    "ideas.idea",
    "ideas.answer",
    "ideas.ideanote",
    "ideas.statuschange",
    "portfolio.activity",
    "portfolio.participant",
    "portfolio.fundingline",
    "portfolio.milestone",
    "portfolio.outcome",
    "portfolio.activitylink",
    "registry.organisation",
    "registry.contact",
    "registry.networkmembership",
    "registry.partnership",
    "registry.theme",
    "strategy.alignmentlink",
    # Progress reports of commitments (the strategy itself is the admins').
    "strategy.progressreport",
    # EU open data: run imports, confirm or reject Espoo candidates (eudata/views.py).
    "eudata.importrun",
    "eudata.euparticipation",
)
ADMIN_APPS = ("ideas", "portfolio", "registry", "strategy", "core", "auth", "audit", "eudata")


def role_permissions(role: str) -> Iterable[Permission]:
    perms = Permission.objects.select_related("content_type")
    if role == ADMIN:
        return perms.filter(content_type__app_label__in=ADMIN_APPS)
    query = Q(content_type__app_label__in=READ_APPS, codename__startswith="view_")
    if role == EDITOR:
        for label in EDIT_MODELS:
            app, model = label.split(".")
            query |= Q(content_type__app_label=app, content_type__model=model)
    return perms.filter(query)


def setup_roles() -> list[Group]:
    """Create or update the three groups; safe to run any number of times."""
    groups = []
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        groups.append(group)
    return groups


# Whoever a check is asked about: a signed-in user, an anonymous visitor, or nobody (a command).
AnyUser = User | AnonymousUser | None
_ROLE_CACHE = "_workspace_role"


def role_of(user: AnyUser) -> str | None:
    """The highest role of ``user``, or None. Cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ADMIN
    if not hasattr(user, _ROLE_CACHE):
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        setattr(user, _ROLE_CACHE, next((r for r in reversed(ROLES) if r in names), None))
    role: str | None = getattr(user, _ROLE_CACHE)
    return role


def has_role(user: AnyUser, role: str) -> bool:
    current = role_of(user)
    return current is not None and ROLES.index(current) >= ROLES.index(role)


def is_viewer(user: AnyUser) -> bool:
    return has_role(user, VIEWER)


def is_editor(user: AnyUser) -> bool:
    return has_role(user, EDITOR)


def is_admin(user: AnyUser) -> bool:
    return has_role(user, ADMIN)


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a request that passed ``staff_view``, typed as the user model
    (``settings.AUTH_USER_MODEL`` is Django's ``auth.User``); anyone else is refused."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def forbidden(request: HttpRequest) -> HttpResponse:
    context = {"title": _("Not allowed")}
    return render(request, "workspace/forbidden.html", context, status=403)


View = Callable[..., Any]


def staff_view(
    role: str,
    methods: tuple[str, ...] = ("GET",),
    *,
    mfa: bool = True,
    permission: str | None = None,
) -> Callable[[View], View]:
    """The one gate of every staff page. Anonymous visitors go to the staff login; users
    without ``role`` (or without ``permission``, where a page names one) get 403; users
    who still owe the TOTP step go to it (``accounts.mfa``; ``mfa=False`` only for the
    two-factor pages themselves).

    The role and methods are kept on the view, so a test can check every URL pattern
    of the workspace against every persona (tests/test_workspace_access.py).
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                login_url = reverse("workspace:login")
                return redirect_to_login(request.get_full_path(), login_url)
            from accounts.mfa import second_factor_redirect

            if not has_role(request.user, role) or (
                permission and not request.user.has_perm(permission)
            ):
                response = forbidden(request)
            elif mfa and (pending := second_factor_redirect(request)) is not None:
                response = pending
            elif request.method not in allowed:
                response = HttpResponseNotAllowed(sorted(allowed))
            else:
                response = view(request, *args, **kwargs)
            add_never_cache_headers(response)  # pages carry personal data
            response.setdefault("X-Robots-Tag", "noindex, nofollow")
            return response

        wrapper.workspace_role = role  # type: ignore[attr-defined]
        wrapper.workspace_methods = tuple(methods)  # type: ignore[attr-defined]
        wrapper.workspace_mfa = mfa  # type: ignore[attr-defined]
        return wrapper

    return decorator
