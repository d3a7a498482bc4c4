"""Writing the audit trail. The only way rows get into ``AuditEvent`` and ``Disclosure``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from audit.context import current_actor
from audit.models import AuditEvent, Disclosure

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Values of these fields are never copied into the trail: it records that they
# changed, not what they were, so the trail does not become a second store of
# personal data (and erasure of the person really erases).
PERSONAL_FIELDS = {
    "registry.contact": {"name", "email", "phone", "position"},
    "auth.user": {"password", "email", "first_name", "last_name"},
    "ideas.idea": {"contact_name", "contact_email", "contact_phone"},
    # Not personal, but secret: the trail records that a token was made, never its hash.
    "api.apitoken": {"token_hash"},
}
MASK = "•••"


def model_label(instance: models.Model) -> str:
    return instance._meta.label_lower


def record(
    action: str, instance: models.Model, changes: dict[str, Any] | None = None
) -> AuditEvent:
    actor = current_actor()
    return AuditEvent.objects.create(
        actor=actor.user,
        actor_label=actor.label[:150],
        ip_address=actor.ip_address,
        action=action,
        model=model_label(instance),
        object_id=str(instance.pk),
        object_repr=describe(instance)[:300],
        changes=changes or {},
    )


def record_disclosure(
    kind: str,
    file_format: str,
    rows: int,
    by: User | AnonymousUser | None,
    criteria: dict[str, Any] | None = None,
    items: Iterable[models.Model] = (),
) -> Disclosure:
    """The one way an export that leaves the system is recorded: a ``Disclosure`` row (what,
    how many records, who), a "disclosed data" event pointing at it, and one more per record
    in ``items`` whose personal data went out. ``criteria`` must not hold personal data."""
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            kind=kind,
            file_format=file_format,
            criteria=criteria or {},
            rows=rows,
            by=by if by is not None and by.is_authenticated else None,
        )
        record(
            "disclose",
            disclosure,
            {"kind": kind, "format": file_format, "rows": rows, "criteria": disclosure.criteria},
        )
        for item in items:
            record("disclose", item, {"disclosure": disclosure.pk})
    return disclosure


def describe(instance: models.Model) -> str:
    """The record's name in the trail; models holding personal data name themselves
    without it (``audit_repr``)."""
    audit_repr = getattr(instance, "audit_repr", None)
    return str(audit_repr() if callable(audit_repr) else instance)


def masked(label: str, field: str, value: Any) -> Any:
    if field in PERSONAL_FIELDS.get(label, set()) and value not in (None, ""):
        return MASK
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's column values, as JSON-friendly values, for the trail's "changes"."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        values[field.attname] = (
            value if isinstance(value, (int, float, bool, type(None))) else str(value)
        )
    return values
