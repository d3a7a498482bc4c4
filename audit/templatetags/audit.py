from __future__ import annotations

from django import template

from audit.describe import describe_changes
from audit.models import AuditEvent

register = template.Library()


@register.simple_tag
def audit_changes(event: AuditEvent) -> list[str]:
    """``{% audit_changes event as sentences %}``: the event's changes as sentences."""
    return describe_changes(event)
