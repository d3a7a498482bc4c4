"""Staff accounts under /<lang>/staff/accounts/ (docs/accounts.md). Every view but the two
single sign-on steps and the invitation link wears ``accounts.roles.staff_view``;
tests/test_accounts_access.py checks each pattern against every persona."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sso/start/", views.sso_start, name="sso_start"),
    path("sso/callback/", views.sso_callback, name="sso_callback"),
    path("two-factor/", views.mfa_verify, name="mfa_verify"),
    path("two-factor/setup/", views.mfa_enroll, name="mfa_enroll"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/disable/", views.mfa_disable, name="mfa_disable"),
    path("security/", views.security, name="security"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("users/<int:user_id>/reset-two-factor/", views.user_reset_totp, name="user_reset_totp"),
    path("users/invite/", views.invitation_create, name="invitation_create"),
    path(
        "users/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "users/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    # Public: the token is the invitee's key (accounts.invitations).
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
