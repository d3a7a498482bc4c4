"""``{{ amount|euros }}``: an amount in euros for people, or "not recorded" when it is
unknown (None). An unknown amount is never shown as 0 €."""

from __future__ import annotations

from decimal import Decimal

from django import template

from insights.charts import money

register = template.Library()


@register.filter
def euros(value: Decimal | float | None) -> str:
    return money(value)
