"""What the staff accounts add to Django's users: the single sign-on identity and TOTP.

Not in the audit signals' apps: the TOTP secret must never be copied into the trail.
``accounts.actions`` records each change itself (who, what, when), without secrets.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import by_user


class StaffAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_account",
        verbose_name=_("user"),
    )
    sso_issuer = models.CharField(_("single sign-on issuer"), max_length=300, blank=True)
    sso_subject = models.CharField(_("single sign-on subject"), max_length=255, blank=True)
    last_sso_login = models.DateTimeField(_("last single sign-on"), null=True, blank=True)
    # Fernet-encrypted base32 secret (accounts.mfa.encrypt); empty: not enrolled.
    totp_secret = models.TextField(_("TOTP secret (encrypted)"), blank=True)
    totp_confirmed_at = models.DateTimeField(_("two-factor enrolled"), null=True, blank=True)
    # The last accepted time step: a code is never accepted twice.
    totp_last_step = models.BigIntegerField(null=True, blank=True)
    totp_required = models.BooleanField(
        _("two-factor login required"),
        default=False,
        help_text=_("Required for this person even when their role does not require it."),
    )

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["sso_issuer", "sso_subject"],
                condition=~models.Q(sso_subject=""),
                name="accounts_unique_sso_identity",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def totp_enrolled(self) -> bool:
        return bool(self.totp_secret and self.totp_confirmed_at)

    @property
    def uses_sso(self) -> bool:
        return bool(self.sso_subject)


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator is lost; only its HMAC is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.user} recovery code {self.pk}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor revoked (expired ones included: they can be resent)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An e-mailed invitation to a staff account (accounts.invitations).

    Only a SHA-256 hash of the link's token is kept, as for API tokens: the token is in the
    mail and nowhere else. The account is made when the invitation is accepted.
    """

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    email = models.EmailField(_("e-mail address"), max_length=254)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    totp_required = models.BooleanField(_("two-factor login required"), default=False)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = by_user(_("invited by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    user = by_user(_("account"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="accounts_one_pending_invitation_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def audit_repr(self) -> str:
        """The trail names the invitation without the address (personal data)."""
        return f"invitation {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at
