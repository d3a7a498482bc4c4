"""One row of a seed file and the look-ups its handlers share."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

LANGS = ("fi", "sv", "en")


class SeedError(Exception):
    """The seed data is unreadable or invalid; nothing was written."""


class Row:
    """One table row of a seed file, with errors that say where it came from."""

    def __init__(self, file: str, table: str, index: int, data: dict[str, Any]) -> None:
        self.file, self.table, self.index, self.data = file, table, index, data

    @property
    def where(self) -> str:
        ident = self.data.get("key") or self.data.get("code") or self.data.get("number") or ""
        return f"{self.file} [[{self.table}]] #{self.index + 1} {ident}".rstrip()

    def fail(self, message: str) -> SeedError:
        return SeedError(f"{self.where}: {message}")

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def require(self, name: str) -> Any:
        if name not in self.data or self.data[name] in ("", None):
            raise self.fail(_("the value %(name)s is missing.") % {"name": name})
        return self.data[name]

    def translated(self, name: str, required: bool = False) -> dict[str, str]:
        value = self.data.get(name)
        if value is None and not required:
            return {f"{name}_{lang}": "" for lang in LANGS}
        if not isinstance(value, dict) or (required and not str(value.get("fi", "")).strip()):
            raise self.fail(
                _("%(name)s must be a table of texts with at least a Finnish (fi) text.")
                % {"name": name}
            )
        return {f"{name}_{lang}": str(value.get(lang, "")).strip() for lang in LANGS}

    def money(self, data: dict[str, Any], name: str) -> Decimal | None:
        if data.get(name) in (None, ""):
            return None
        try:
            return Decimal(str(data[name]))
        except InvalidOperation:
            raise self.fail(_("%(name)s is not an amount of euros.") % {"name": name}) from None


def find(model: type[models.Model], row: Row, **kwargs: Any) -> Any:
    obj = model._default_manager.filter(**kwargs).first()
    if obj is None:
        detail = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        raise row.fail(
            _("refers to a %(model)s that does not exist (%(detail)s).")
            % {"model": model._meta.verbose_name, "detail": detail}
        )
    return obj


def find_optional(model: type[models.Model], row: Row, name: str, **kwargs: Any) -> Any:
    return find(model, row, **kwargs) if row.get(name) else None
