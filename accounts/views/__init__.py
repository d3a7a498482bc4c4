"""Staff accounts pages: single sign-on, two-factor login, own security, user management,
invitations (one module each; ``accounts.urls`` takes the views from here).

Every page but the two single sign-on steps and the public invitation page wears
``accounts.roles.staff_view``; the two-factor pages themselves are reachable before the
second factor (``mfa=False``).
"""

from accounts.views.invites import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from accounts.views.security import security
from accounts.views.sso import sso_callback, sso_start
from accounts.views.twofactor import mfa_disable, mfa_enroll, mfa_verify, recovery_codes
from accounts.views.users import user_create, user_detail, user_list, user_reset_totp

__all__ = [
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "mfa_disable",
    "mfa_enroll",
    "mfa_verify",
    "recovery_codes",
    "security",
    "sso_callback",
    "sso_start",
    "user_create",
    "user_detail",
    "user_list",
    "user_reset_totp",
]
