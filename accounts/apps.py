from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from django.contrib import admin

        from accounts import signals
        from accounts.signin import AdminLoginForm

        signals.connect()
        admin.site.login_form = AdminLoginForm  # the admin's way in, behind the same throttle
