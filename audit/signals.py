"""Record every create, change and delete of the project's models in the audit trail.

Signals catch changes from the admin, commands and the seed loader alike.
Bulk queryset updates bypass signals; code that uses them records its own event.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from audit.actions import masked, model_label, record, snapshot

AUDITED_APPS = {
    "strategy",
    "registry",
    "portfolio",
    "core",
    "auth",
    "ideas",
    "eudata",
    "api",
    "radar",
}
SKIPPED_MODELS = {
    "core.seedrecord",
    "auth.permission",
    # Bookkeeping of the idea intake; the outbox holds mail bodies (personal data) that
    # the trail must not copy.
    "ideas.outboxmessage",
    "ideas.recentsubmission",
    "ideas.referencecounter",
    # Written in bulk by the EU data importers, which record their own audit events.
    "eudata.importrun",
    "eudata.euproject",
    "eudata.euparticipation",
    "eudata.importedorganisation",
    # The funding radar's machine-written tables (calls are public data, rewritten in bulk
    # by every fetch); its runs, watch rules and digest settings are audited.
    "radar.call",
    "radar.calldeadline",
    "radar.callalignment",
    "radar.callmatch",
    "radar.digestsent",
}
# Saving only these fields is bookkeeping, not a change worth recording.
IGNORED_UPDATE_FIELDS = {"last_login"}


def _audited(sender: type[models.Model]) -> bool:
    meta = sender._meta
    return meta.app_label in AUDITED_APPS and meta.label_lower not in SKIPPED_MODELS


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _audited(sender) or instance.pk is None or kwargs.get("raw"):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if not _audited(sender) or kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= IGNORED_UPDATE_FIELDS:
        return
    label = model_label(instance)
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {k: [None, masked(label, k, v)] for k, v in after.items() if v not in (None, "")}
        record("create", instance, changes)
        return
    changes = {
        k: [masked(label, k, before.get(k)), masked(label, k, v)]
        for k, v in after.items()
        if before.get(k) != v
    }
    if changes:
        record("update", instance, changes)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _audited(sender):
        record("delete", instance)


def _m2m_changed(
    sender: Any, instance: models.Model, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not _audited(type(instance)):
        return
    field = next(
        (
            f.name
            for f in instance._meta.many_to_many
            if getattr(f.remote_field, "through", None) is sender
        ),
        sender._meta.model_name,
    )
    verb = action.removeprefix("post_")
    record("update", instance, {field: {verb: sorted(pk_set or [])}})


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="audit_m2m")
