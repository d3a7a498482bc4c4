"""Saving and removing registry records from staff forms, refusing stale forms.

A form carries the ``version_of`` the record it was made from: a fingerprint of the
record's stored values. Saving locks the row and refuses if the fingerprint has moved on
(someone else saved meanwhile, here or in the Django admin), so nothing is overwritten
silently. The portfolio's actions (portfolio/actions.py) use the same functions.
The audit trail is written by the model signals (audit/signals.py).

Removing a record (``delete_record``) is refused while other records use it (``users_of``):
a protected reference, a reference that would be emptied, or a many-to-many choice, so
nothing is broken or silently changed. Its own parts (a cascade, ``parts_of``: an
activity's milestones, an organisation's contacts) and its goal/SDG links go with it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.forms import ModelForm
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.actions import snapshot
from core.actions import Refused, Stale, locked_current

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

M = TypeVar("M", bound=models.Model)


class StaleRecord(Stale):
    """Someone else changed the record after the form was made from it."""


class InUse(Refused):
    """Other records still use the record: ``users`` names some, ``total`` counts all."""

    def __init__(self, message: str, users: list[models.Model], total: int) -> None:
        super().__init__(message)
        self.users, self.total = users, total


# At most this many users of a record are named on a page or in a refusal.
USERS_SHOWN = 25


def _alignment_links(instance: models.Model) -> Any:
    from strategy.models import AlignmentLink  # strategy's models use the registry's

    return AlignmentLink.objects.for_item(instance)


def users_of(instance: models.Model, limit: int = USERS_SHOWN) -> tuple[list[models.Model], int]:
    """Other records that point at ``instance`` and would be broken or changed by its
    removal: protected references, references that would be emptied (``SET_NULL``) and
    many-to-many choices (e.g. partnerships with a theme). Not its own parts (a cascade).
    Returns at most ``limit`` of them and how many there are in all."""
    found: list[models.Model] = []
    total = 0
    for relation in instance._meta.related_objects:
        if relation.many_to_many:
            through = relation.through  # type: ignore[attr-defined]
            if not through._meta.auto_created:
                continue  # the through model's own foreign key is a relation of its own
        elif relation.on_delete is models.CASCADE:
            continue
        model: Any = relation.related_model
        users = model._default_manager.filter(**{relation.field.name: instance})
        total += users.count()
        found += list(users.order_by("pk")[: max(limit - len(found), 0)])
    return found, total


def parts_of(instance: models.Model) -> list[tuple[str, int]]:
    """What goes with ``instance`` when it is removed: ``(kind, number)`` for each kind of
    its own parts (cascaded records) and its goal/SDG links."""
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    try:
        collector.collect([instance])
    except (models.ProtectedError, models.RestrictedError):
        return []  # refused anyway: users_of names what protects it
    counts: Counter[type[models.Model]] = Counter()
    for model, instances in collector.data.items():
        counts[model] += len(instances)
    for queryset in collector.fast_deletes:
        counts[queryset.model] += queryset.count()
    counts[type(instance)] -= 1  # the record itself
    links = _alignment_links(instance)
    counts[links.model] += links.count()
    return [
        (str(model._meta.verbose_name_plural), number)
        for model, number in counts.items()
        if number > 0 and not model._meta.auto_created
    ]


def version_of(instance: models.Model) -> str:
    """A fingerprint of the record as stored: every column and many-to-many choice."""
    values: dict[str, Any] = snapshot(instance)
    for field in instance._meta.many_to_many:
        manager = getattr(instance, field.name)
        values[field.name] = sorted(manager.values_list("pk", flat=True))
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def require(actor: User | AnonymousUser, action: str, model: type[models.Model]) -> None:
    """``action`` is add, change or delete; raises PermissionDenied without the right."""
    meta = model._meta
    if actor is None or not actor.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
        raise PermissionDenied


def _stale(record: models.Model) -> StaleRecord:
    return StaleRecord(
        _(
            "“%(record)s” was changed by someone else while you had it open. Nothing was "
            "saved: check the record as it is now and send your changes again."
        )
        % {"record": record}
    )


def _locked_current(model: type[M], pk: Any, expected_version: str | None) -> M:
    """The stored row, locked; a missing or outdated ``expected_version`` is stale."""
    return locked_current(model, pk, expected_version, version=version_of, stale=_stale)


def save_form(
    form: ModelForm[M], actor: User | AnonymousUser, *, expected_version: str | None = None
) -> M:
    """Save a valid model form: a new record, or a change to one if ``expected_version``
    still matches what is stored."""
    model = form._meta.model
    assert model is not None
    instance = form.instance
    require(actor, "change" if instance.pk else "add", model)
    with transaction.atomic():
        if instance.pk:
            _locked_current(model, instance.pk, expected_version)
        return form.save()


def delete_record(
    instance: M, actor: User | AnonymousUser, *, expected_version: str | None
) -> None:
    """Remove a record the person confirmed, as it was when they confirmed it, with its
    parts and goal/SDG links; refused (``InUse``) while other records use it."""
    model = type(instance)
    require(actor, "delete", model)
    with transaction.atomic():
        current = _locked_current(model, instance.pk, expected_version)
        users, total = users_of(current)
        if users:
            raise InUse(
                ngettext(
                    "“%(record)s” cannot be removed: %(count)s other record still uses it. "
                    "Nothing was removed.",
                    "“%(record)s” cannot be removed: %(count)s other records still use it. "
                    "Nothing was removed.",
                    total,
                )
                % {"record": current, "count": total},
                users,
                total,
            )
        try:
            for link in _alignment_links(current):
                link.delete()  # one by one, so that the audit trail records each
            current.delete()
        except models.ProtectedError as error:
            raise Refused(
                _("“%(record)s” is still in use elsewhere and cannot be removed.")
                % {"record": current}
            ) from error
