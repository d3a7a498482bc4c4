"""The model fields every app declares alike: links to a parent row or to the acting user.

They return plain Django fields with the same arguments the apps wrote out by hand, so
the migrations see no change; only the repetition is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from django.conf import settings
from django.db import models
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_M = TypeVar("_M", bound=models.Model)


@overload
def link(
    to: type[_M],
    verbose_name: StrOrPromise,
    related_name: str | None = "+",
    *,
    on_delete: Any = models.CASCADE,
    optional: Literal[False] = False,
    one_to_one: bool = False,
    **options: Any,
) -> models.ForeignKey[Any, _M]: ...


@overload
def link(
    to: type[_M],
    verbose_name: StrOrPromise,
    related_name: str | None = "+",
    *,
    on_delete: Any = models.CASCADE,
    optional: Literal[True],
    one_to_one: bool = False,
    **options: Any,
) -> models.ForeignKey[Any, _M | None]: ...


def link(
    to: type[_M],
    verbose_name: StrOrPromise,
    related_name: str | None = "+",
    *,
    on_delete: Any = models.CASCADE,
    optional: bool = False,
    one_to_one: bool = False,
    **options: Any,
) -> models.ForeignKey[Any, _M] | models.ForeignKey[Any, _M | None]:
    """A link to ``to`` (a required parent unless ``optional``: then null and blank)."""
    if optional:
        options = {"null": True, "blank": True, **options}
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        to, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name, **options
    )


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
