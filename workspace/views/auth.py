"""Staff login (throttled by ``accounts.signin``) and logout."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from accounts.signin import StaffLoginForm
from core.pages import page_title


class StaffLoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = False
    next_page = reverse_lazy("workspace:home")  # type: ignore[assignment]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["title"] = page_title(str(_("Staff login")), bool(form.errors))
        return context


login = never_cache(StaffLoginView.as_view())
logout = auth_views.LogoutView.as_view(next_page=reverse_lazy("workspace:login"))
