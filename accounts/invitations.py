"""E-mailed invitations to staff accounts: invite, resend, revoke, accept.

An admin invites a person by e-mail address with a role and a language. The mail (queued
in the outbox, in the invitee's language) carries a single-use link with a random token;
only a SHA-256 hash of the token is stored, as for API tokens (``api.models``). The
account is made when the invitee chooses a password on the link's page; the link then
stops working, as does a resent (replaced), revoked or expired one.

Like ``accounts.actions``, each function refuses with ``Refused`` and a translated
message, changing nothing, and writes the audit trail — never the token or its hash.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import BaseUserManager, User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.actions import Refused, _apply_role, _require_admin
from accounts.forms import role_choices
from accounts.models import Invitation, StaffAccount
from accounts.roles import ROLES
from audit.actions import record
from audit.context import acting_as, actor_for_user
from core.tokens import hash_token  # re-exported: callers import it from here
from ideas import outbox

if TYPE_CHECKING:
    pass

MAIL_TEMPLATE = "staff_invitation"  # ideas/mail/staff_invitation_*.txt (accounts/templates)
# Invitations (new or resent) one admin may send within an hour: a stolen admin session
# or a stuck form cannot turn the outbox into a mail cannon.
INVITATIONS_PER_HOUR = 30
# An invitation that ended (accepted, revoked or expired) is kept this long for the
# admins' view, then removed by `erase_expired_personal_data`: it holds a name and address.
ENDED_KEPT_DAYS = 30

# Why a link does not work: unknown → 404, the others → 410 (accounts.views).
UNKNOWN, EXPIRED, USED, REVOKED, TAKEN = "unknown", "expired", "used", "revoked", "taken"


class Unusable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalize_email(email: str) -> str:
    """The address as accounts keep it (the domain is case-insensitive; so is the
    user name it becomes)."""
    return BaseUserManager.normalize_email(email.strip()).lower()


def accept_url(token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token})


def state_of(invitation: Invitation) -> str | None:
    """None when the invitation can be accepted now, else why not."""
    if invitation.accepted_at is not None:
        return USED
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.expired:
        return EXPIRED
    return None


def find(token: str) -> Invitation | None:
    return Invitation.objects.filter(token_hash=hash_token(token)).first()


def _role_label(role: str) -> Any:
    return dict(role_choices()).get(role, role)


def _check_role_and_language(role: str, language: str) -> None:
    if role not in ROLES:
        raise Refused(_("Choose a role."))
    if language not in Invitation.Language.values:
        raise Refused(_("Choose a language."))


def _check_rate(actor: User) -> None:
    since = timezone.now() - timedelta(hours=1)
    if Invitation.objects.filter(invited_by=actor, sent_at__gte=since).count() >= (
        INVITATIONS_PER_HOUR
    ):
        raise Refused(
            _("You have sent %(count)s invitations within an hour. Try again later.")
            % {"count": INVITATIONS_PER_HOUR}
        )


def existing_account(email: str) -> Any:
    return (
        User._default_manager.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("-is_active", "pk")
        .first()
    )


def _check_address_free(email: str, exclude: Invitation | None = None) -> None:
    account = existing_account(email)
    if account is not None and account.is_active:
        raise Refused(
            _("%(email)s already has a staff account (%(username)s).")
            % {"email": email, "username": account.get_username()}
        )
    if account is not None:
        raise Refused(
            _(
                "%(email)s has a deactivated staff account (%(username)s). "
                "Reactivate it on its page instead."
            )
            % {"email": email, "username": account.get_username()}
        )
    pending = Invitation.objects.pending().filter(email__iexact=email)
    if exclude is not None:
        pending = pending.exclude(pk=exclude.pk)
    if pending.exists():
        raise Refused(
            _(
                "%(email)s already has a pending invitation. Send it again from the list of "
                "pending invitations if the mail was lost."
            )
            % {"email": email}
        )


def _queue_mail(invitation: Invitation, token: str, actor: User) -> None:
    context = {
        "invitation": invitation,
        "name": invitation.first_name,
        "inviter": actor.get_full_name() or actor.get_username(),
        "role": _role_label(invitation.role),
        "username": invitation.email,
        "accept_url": accept_url(token, invitation.language),
        "expires_at": invitation.expires_at,
    }
    outbox.enqueue(invitation.email, MAIL_TEMPLATE, context, invitation.language)


def _expiry(now: Any) -> Any:
    return now + timedelta(days=settings.STAFF_INVITATION_DAYS)


@transaction.atomic
def invite(
    actor: User,
    *,
    email: str,
    role: str,
    language: str,
    first_name: str = "",
    last_name: str = "",
    totp_required: bool = False,
) -> tuple[Invitation, str]:
    """Make an invitation and queue its mail; returns it and the token (only in the mail)."""
    _require_admin(actor)
    email = normalize_email(email)
    _check_role_and_language(role, language)
    _check_rate(actor)
    _check_address_free(email)
    token, now = new_token(), timezone.now()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=role,
                language=language,
                totp_required=totp_required,
                token_hash=hash_token(token),
                invited_by=actor,
                sent_at=now,
                expires_at=_expiry(now),
            )
    except IntegrityError:  # another admin invited the same address at the same moment
        _check_address_free(email)
        raise
    _queue_mail(invitation, token, actor)
    record(
        "create",
        invitation,
        {
            "invitation": "sent",
            "role": role,
            "language": language,
            "totp_required": totp_required,
            "expires_at": invitation.expires_at.isoformat(),
        },
    )
    return invitation, token


def _locked_pending(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise Refused(_("This invitation has already been accepted."))
    if locked.revoked_at is not None:
        raise Refused(_("This invitation has been revoked."))
    return locked


@transaction.atomic
def resend(actor: User, invitation: Invitation) -> tuple[Invitation, str]:
    """A new link (the old one stops working) and a new expiry; the mail is queued again."""
    _require_admin(actor)
    locked = _locked_pending(invitation)
    _check_rate(actor)
    _check_address_free(locked.email, exclude=locked)
    token, now = new_token(), timezone.now()
    locked.token_hash = hash_token(token)
    locked.sent_at, locked.expires_at = now, _expiry(now)
    locked.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _queue_mail(locked, token, actor)
    record(
        "update",
        locked,
        {"invitation": ["sent", "resent"], "expires_at": locked.expires_at.isoformat()},
    )
    return locked, token


@transaction.atomic
def revoke(actor: User, invitation: Invitation) -> Invitation:
    _require_admin(actor)
    locked = _locked_pending(invitation)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    record("update", locked, {"invitation": ["pending", "revoked"]})
    return locked


def _claim(invitation: Invitation, token_hash: str) -> bool:
    """Mark the invitation accepted only if it still is acceptable with this token: of two
    simultaneous acceptances exactly one changes the row."""
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk,
        token_hash=token_hash,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now)
    return claimed == 1


def accept(token: str, password: str, address: str | None = None) -> Any:
    """Make the invitee's account with ``password`` (validated by the form); returns it.

    Raises ``Unusable`` (changing nothing) for an unknown, expired, used or revoked link,
    or when an account for the address appeared in the meantime.
    """
    token_hash = hash_token(token)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash).first()
        if invitation is None:
            raise Unusable(UNKNOWN)
        reason = state_of(invitation)
        if reason is not None:
            raise Unusable(reason)
        if not _claim(invitation, token_hash):
            raise Unusable(USED)  # accepted (or revoked) by someone else a moment ago
        if existing_account(invitation.email) is not None:
            raise Unusable(TAKEN)
        user = User._default_manager.create_user(
            username=invitation.email,
            email=invitation.email,
            password=password,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        _apply_role(user, invitation.role)
        StaffAccount.objects.create(user=user, totp_required=invitation.totp_required)
        Invitation.objects.filter(pk=invitation.pk).update(user=user)
        with acting_as(actor_for_user(user, address)):
            record("update", invitation, {"invitation": ["pending", "accepted"], "user": user.pk})
            record(
                "update",
                user,
                {
                    "role": [None, invitation.role],
                    "totp_required": invitation.totp_required,
                    "invitation": invitation.pk,
                },
            )
    return user


def ended_before(days: int = ENDED_KEPT_DAYS) -> Any:
    """Invitations that were accepted, revoked or expired more than ``days`` ago."""
    cutoff = timezone.now() - timedelta(days=days)
    return Invitation.objects.filter(
        Q(accepted_at__lt=cutoff)
        | Q(revoked_at__lt=cutoff)
        | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
    )


def remove_ended(days: int = ENDED_KEPT_DAYS) -> int:
    """Delete the invitations that ended over ``days`` ago (name and address go with
    them; the audit trail keeps "invitation <id>" only). Returns how many."""
    removed = 0
    for invitation in ended_before(days):
        with transaction.atomic():
            record("delete", invitation, {"invitation": "removed after retention"})
            invitation.delete()
        removed += 1
    return removed
