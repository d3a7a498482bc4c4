"""What the staff accounts add to Django's users: the single sign-on identity and TOTP.

Not in the audit signals' apps: the TOTP secret must never be copied into the trail.
``accounts.actions`` records each change itself (who, what, when), without secrets.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
