"""The model fields every app declares alike: links to a parent row or to the acting user.

They return plain Django fields with the same arguments the apps wrote out by hand, so
the migrations see no change; only the repetition is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_M = TypeVar("_M", bound=models.Model)


def link(
    to: type[_M],
    verbose_name: StrOrPromise,
    related_name: str | None = "+",
    *,
    on_delete: Any = models.CASCADE,
    one_to_one: bool = False,
    **options: Any,
) -> models.ForeignKey[Any, _M]:
    """A required link to ``to`` (a parent row, by default deleted with it)."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        to, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name, **options
    )


def optional_link(
    to: type[_M], verbose_name: StrOrPromise, related_name: str | None = "+", **options: Any
) -> models.ForeignKey[Any, _M | None]:
    """A link to ``to`` that may be empty (null and, unless ``blank=False``, blank)."""
    return link(to, verbose_name, related_name, **{"null": True, "blank": True, **options})


def by_user(
    verbose_name: StrOrPromise, related_name: str = "+", **options: Any
) -> models.ForeignKey[Any, User | None]:
    """Who did something: kept empty (not deleted) when the account goes."""
    options = {"null": True, "blank": True, **options}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )
