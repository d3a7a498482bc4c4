"""Every change to staff accounts: users and roles, TOTP, single sign-on sign-ins.

Each function checks who may do it, refuses with ``Refused`` and a translated message
(changing nothing), and writes the audit trail — never a password, secret or code.
Changes of ``auth.User`` itself are also recorded by the audit signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import mfa, signin
from accounts.models import RecoveryCode, StaffAccount
from accounts.roles import ADMIN, ROLES, is_admin, role_of
from audit.actions import record
from core import throttle
from core.actions import Refused

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

NO_ROLE = ""


def _require_admin(actor: User | AnonymousUser) -> None:
    if not is_admin(actor):
        raise Refused(_("Only an administrator can manage users."))


def _clear_role_cache(user: User) -> None:
    if hasattr(user, "_workspace_role"):
        del user._workspace_role


def _apply_role(user: User, role: str) -> None:
    groups = Group.objects.filter(name__in=ROLES)
    user.groups.remove(*groups)
    if role:
        group, _created = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    _clear_role_cache(user)


# --- Users and roles ----------------------------------------------------------------------


@transaction.atomic
def create_user(
    actor: User | AnonymousUser,
    *,
    username: str,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    totp_required: bool = False,
) -> Any:
    """A local staff account (the form has validated the password and the user name)."""
    _require_admin(actor)
    if role not in (*ROLES, NO_ROLE):
        raise Refused(_("Choose a role."))
    if User._default_manager.filter(username__iexact=username).exists():
        raise Refused(_("A user with this user name already exists."))
    user = User._default_manager.create_user(
        username=username,
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    _apply_role(user, role)
    StaffAccount.objects.create(user=user, totp_required=totp_required)
    record("update", user, {"role": [None, role or None], "totp_required": totp_required})
    return user


@transaction.atomic
def set_role(actor: User | AnonymousUser, user: User, role: str) -> None:
    _require_admin(actor)
    if role not in (*ROLES, NO_ROLE):
        raise Refused(_("Choose a role."))
    if user.is_superuser:
        raise Refused(
            _("%(name)s is a superuser and so always an administrator.")
            % {"name": user.get_username()}
        )
    old = role_of(user) or NO_ROLE
    if old == role:
        return
    if user.pk == actor.pk and old == ADMIN:
        raise Refused(_("You cannot remove your own administrator role. Ask another admin."))
    _apply_role(user, role)
    record("update", user, {"role": [old or None, role or None]})


@transaction.atomic
def set_active(actor: User | AnonymousUser, user: User, active: bool) -> None:
    _require_admin(actor)
    if user.is_active == active:
        return
    if user.pk == actor.pk and not active:
        raise Refused(_("You cannot deactivate your own account."))
    user.is_active = active
    user.save(update_fields=["is_active"])  # the audit signal records the change


@transaction.atomic
def set_totp_required(actor: User | AnonymousUser, user: User, required: bool) -> None:
    _require_admin(actor)
    account = mfa.account_of(user)
    if account.totp_required == required:
        return
    account.totp_required = required
    account.save(update_fields=["totp_required"])
    record("update", user, {"totp_required": [not required, required]})


@transaction.atomic
def reset_totp(actor: User | AnonymousUser, user: User) -> None:
    """Forget the user's authenticator and recovery codes; they enrol again when required."""
    _require_admin(actor)
    _forget_totp(user)
    record("update", user, {"two_factor": ["enrolled", "reset by an administrator"]})


def _forget_totp(user: User) -> None:
    account = mfa.account_of(user)
    account.totp_secret = ""
    account.totp_confirmed_at = None
    account.totp_last_step = None
    account.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    RecoveryCode.objects.filter(user=user).delete()


def changed_password(user: User) -> None:
    """After a user changed their own password (Django's form saved it)."""
    record("update", user, {"password": ["•••", "•••"]})


# --- TOTP ---------------------------------------------------------------------------------


@transaction.atomic
def confirm_totp(user: User, secret: str, code: str) -> list[str]:
    """Enrol ``secret`` if ``code`` is its current code; returns the new recovery codes."""
    account = mfa.account_of(user)
    if account.totp_enrolled:
        raise Refused(_("Two-factor login is already set up for your account."))
    step = mfa.matching_step(secret, code)
    if step is None:
        raise Refused(
            _("That code did not match. Check the time on your phone and enter the newest code.")
        )
    account.totp_secret = mfa.encrypt(secret)
    account.totp_confirmed_at = timezone.now()
    account.totp_last_step = step
    account.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    codes = mfa.new_recovery_codes(user)
    record("update", user, {"two_factor": [None, "enrolled"]})
    return codes


@transaction.atomic
def disable_totp(user: User) -> None:
    """The user turns their own two-factor login off (only when it is not required)."""
    if mfa.required_for(user):
        raise Refused(_("Two-factor login is required for your account and cannot be turned off."))
    _forget_totp(user)
    record("update", user, {"two_factor": ["enrolled", None]})


def verify_second_factor(user: User, code: str, request: Any = None) -> str:
    """Accept a TOTP code (each time step once) or an unused recovery code.

    Returns "totp" or "recovery"; refuses a wrong, reused or rate-limited code.
    """
    from accounts.audit import record_sign_in_failure

    limit, key = throttle.second_factor(), throttle.key_of("second-factor", user.pk)
    if wait := throttle.wait_seconds(limit, key):
        raise Refused(signin.locked_message(wait))
    with transaction.atomic():
        account = StaffAccount.objects.select_for_update().get(user=user)
        secret = mfa.decrypt(account.totp_secret) if account.totp_enrolled else None
        step = mfa.matching_step(secret, code) if secret else None
        if step is not None and (account.totp_last_step is None or step > account.totp_last_step):
            account.totp_last_step = step
            account.save(update_fields=["totp_last_step"])
            throttle.clear(limit, key)
            return "totp"
        reused = step is not None
        recovery = None if reused else mfa.find_recovery_code(user, code)
        if recovery is not None:
            recovery.used_at = timezone.now()
            recovery.save(update_fields=["used_at"])
            throttle.clear(limit, key)
            record("update", user, {"two_factor": ["", "recovery code used"]})
            return "recovery"
    throttle.hit(limit, key)
    record_sign_in_failure(user, "totp", "reused code" if reused else "wrong code", request)
    if reused:
        raise Refused(_("This code has already been used. Wait for the next code."))
    raise Refused(_("That code is not right. Enter the newest code from your app."))


# --- Single sign-on -----------------------------------------------------------------------


@transaction.atomic
def sso_user(claims: dict[str, Any]) -> Any:
    """The user for verified ID token ``claims``: found, linked or created; role synced.

    Found by the provider's subject; else, the first time, by a verified e-mail address
    (then linked); else created when OIDC_CREATE_USERS is on. The role comes from the
    role claim at every sign-in.
    """
    from django.conf import settings

    from accounts import oidc

    issuer, subject = str(claims["iss"]), str(claims["sub"])
    email = oidc.email_from(claims)
    if email and not oidc.domain_allowed(email):
        raise Refused(
            _("Accounts of the domain %(domain)s cannot sign in here.")
            % {"domain": email.rsplit("@", 1)[1]}
        )
    if not email and settings.OIDC_ALLOWED_DOMAINS:
        raise Refused(_("The single sign-on service did not give a verified e-mail address."))
    role = oidc.role_from(claims)
    account = (
        StaffAccount.objects.select_related("user")
        .filter(sso_issuer=issuer, sso_subject=subject)
        .first()
    )
    user = account.user if account else None
    if user is None and email:
        user = User._default_manager.filter(email__iexact=email).order_by("pk").first()
        if user is not None:
            account = mfa.account_of(user)
            if account.sso_subject:  # already linked to another identity
                raise Refused(_("This account is linked to another single sign-on identity."))
    if user is None:
        if not settings.OIDC_CREATE_USERS:
            raise Refused(
                _(
                    "There is no staff account for %(who)s. "
                    "Ask an administrator of the staff workspace to create one."
                )
                % {"who": email or subject}
            )
        if role is None:
            raise Refused(
                _("This account has no role in the staff workspace. Ask an administrator.")
            )
        username = email or f"sso-{subject}"[:150]
        if User._default_manager.filter(username__iexact=username).exists():
            raise Refused(_("A user with this user name already exists."))
        user = User._default_manager.create_user(
            username=username,
            email=email,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )  # no usable password: single sign-on only
        account = StaffAccount.objects.create(user=user)
    assert account is not None
    if not user.is_active:
        raise Refused(_("This account has been deactivated. Ask an administrator."))
    if user.is_superuser:
        role = ADMIN
    if role is None:
        raise Refused(_("This account has no role in the staff workspace. Ask an administrator."))
    if not user.is_superuser and role_of(user) != role:
        old = role_of(user)
        _apply_role(user, role)
        record("update", user, {"role": [old, role], "source": "single sign-on"})
    account.sso_issuer, account.sso_subject = issuer, subject
    account.last_sso_login = timezone.now()
    account.save(update_fields=["sso_issuer", "sso_subject", "last_sso_login"])
    return user
