"""``{% sso_button %}``: the single sign-on button for the staff login page."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import oidc

register = template.Library()


@register.inclusion_tag("accounts/_sso_button.html", takes_context=True)
def sso_button(context: Any) -> dict[str, Any]:
    return {
        "sso_enabled": oidc.enabled(),
        "sso_provider": oidc.provider_name(),
        "next": context.get("next", ""),
    }
