"""Saving and removing registry records from staff forms, refusing stale forms.

A form carries the ``version_of`` the record it was made from: a fingerprint of the
record's stored values. Saving locks the row and refuses if the fingerprint has moved on
(someone else saved meanwhile, here or in the Django admin), so nothing is overwritten
silently. The portfolio's actions (portfolio/actions.py) use the same functions.
The audit trail is written by the model signals (audit/signals.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import ModelForm
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.actions import snapshot

M = TypeVar("M", bound=models.Model)


class Refused(Exception):
    """Nothing was saved; ``message`` says why, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleRecord(Refused):
    """Someone else changed the record after the form was made from it."""


def version_of(instance: models.Model) -> str:
    """A fingerprint of the record as stored: every column and many-to-many choice."""
    values: dict[str, Any] = snapshot(instance)
    for field in instance._meta.many_to_many:
        manager = getattr(instance, field.name)
        values[field.name] = sorted(manager.values_list("pk", flat=True))
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def require(actor: Any, action: str, model: type[models.Model]) -> None:
    """``action`` is add, change or delete; raises PermissionDenied without the right."""
    meta = model._meta
    if actor is None or not actor.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
        raise PermissionDenied


def _locked_current(model: type[M], pk: Any, expected_version: str | None) -> M:
    current = model._default_manager.select_for_update().filter(pk=pk).first()
    if current is None:
        raise Refused(_("This record was removed by someone else meanwhile. Nothing was saved."))
    if expected_version is None or version_of(current) != expected_version:
        raise StaleRecord(
            _(
                "“%(record)s” was changed by someone else while you had it open. Nothing was "
                "saved: check the record as it is now and send your changes again."
            )
            % {"record": current}
        )
    return current


def save_form(form: ModelForm[M], actor: Any, *, expected_version: str | None = None) -> M:
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


def delete_record(instance: M, actor: Any, *, expected_version: str | None) -> None:
    """Remove a record the person confirmed, as it was when they confirmed it."""
    model = type(instance)
    require(actor, "delete", model)
    with transaction.atomic():
        current = _locked_current(model, instance.pk, expected_version)
        try:
            current.delete()
        except models.ProtectedError as error:
            raise Refused(
                _("“%(record)s” is still in use elsewhere and cannot be removed.")
                % {"record": current}
            ) from error


def unique_slug(model: type[models.Model], text: str, limit: int, exclude: Any = None) -> str:
    """A free identifier made from ``text`` (the record's name or title)."""
    stem = slugify(text)[: limit - 4].strip("-") or "item"
    taken = model._default_manager.exclude(pk=exclude)
    slug, number = stem, 2
    while taken.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug
