"""What every named action (``<app>.actions``) raises when it does nothing, and the one
way an action locks the row it changes.

One base, so a view can answer any action's refusal the same way: ``Refused`` carries a
message for the person, in their language; ``Stale`` is the refusal for an edit made from
a form that someone else's change has overtaken (the apps' own subclasses name the record).
``locked_current`` locks the record's current row until commit and refuses it as ``Stale``
when its version is not the one the form was made from.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Final, Literal, TypeVar

from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)
V = TypeVar("V")


class Refused(Exception):
    """The action was not done and nothing was saved; ``message`` says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Stale(Refused):
    """Someone else changed the record after the form was made from it."""


class _AnyVersion(enum.Enum):
    ANY = "any"


# Passed as the expected version by an action that has no form to compare with (the
# proposer's own status page, a command): it acts on the row as it is now, deliberately.
ANY_VERSION: Final = _AnyVersion.ANY
AnyVersion = Literal[_AnyVersion.ANY]


def locked_current(
    model: type[M],
    pk: Any,
    expected_version: V | AnyVersion | None,
    *,
    version: Callable[[M], V],
    stale: Callable[[M], Stale],
) -> M:
    """The record's current row, locked (``SELECT ... FOR UPDATE``) until the transaction
    commits, after checking it is the version the person's form was made from.

    The rule for a missing version is the safe one: ``None`` (a form that carried no
    version, or lost it) is refused as stale like a mismatch, because nothing proves the
    person saw the row as it is now. An action that by design has no form to compare with
    says so explicitly with ``ANY_VERSION``. ``version(row)`` reads the stored version (a
    counter or a fingerprint); ``stale(row)`` builds the refusal, naming the record. A row
    removed meanwhile is refused with ``Refused``.
    """
    current = model._default_manager.select_for_update().filter(pk=pk).first()
    if current is None:
        raise Refused(_("This record was removed by someone else meanwhile. Nothing was saved."))
    if expected_version is ANY_VERSION:
        return current
    if expected_version is None or version(current) != expected_version:
        raise stale(current)
    return current
