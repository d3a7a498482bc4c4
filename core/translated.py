"""Which model fields are kept in Finnish, Swedish and English (django-modeltranslation), and
how a list sorts by one of them as the reader sees it.

Each app's ``translation.py`` lists its models with :func:`translated`, one line a model, so the
options class modeltranslation wants is written once here.

``order_by("name")`` on a translated field is rewritten by modeltranslation to the reader's
language's column (``name_en``) without the fallback the page shows, so an organisation named
only in Finnish sorts first (empty) or last (NULL on PostgreSQL) in English. A list that sorts
by a translated name sorts by :func:`shown_order` instead; an order written down before the
language is known (a module constant) names :class:`ShownOrder` and :func:`resolve_orders`
turns it into the expression at request time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, Model, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Lower, NullIf
from modeltranslation import settings as mt_settings
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

# A translated text must have its Finnish version; reference data (SDGs, answer templates) all
# three.
FINNISH = ("fi",)
EVERY_LANGUAGE = ("fi", "sv", "en")


def translated(model: type[Model], *fields: str, required: tuple[str, ...] = FINNISH) -> None:
    """Keep ``fields`` of ``model`` in every language; ``required`` languages may not be empty
    (``()``: none is required)."""
    options = {"fields": fields, "required_languages": required}
    register(model)(type(f"{model.__name__}Translation", (TranslationOptions,), options))


def fallback_languages(language: str | None = None) -> tuple[str, ...]:
    """The languages a translated text is shown from in ``language`` (the current one when
    None), the first non-empty one winning: settings.MODELTRANSLATION_FALLBACK_LANGUAGES."""
    return tuple(resolution_order(language or get_language(), mt_settings.FALLBACK_LANGUAGES))


def shown(field: str, language: str | None = None) -> Coalesce:
    """``field`` (``name``, or across relations ``partner__name``) as the page shows it in
    ``language``: the first non-empty of its translations in the fallback order, else ''."""
    names = (build_localized_fieldname(field, code) for code in fallback_languages(language))
    # Each translation column is a field class of its own: say the common type.
    text: CharField[str, str] = CharField()
    return Coalesce(
        *(NullIf(F(name), Value(""), output_field=text) for name in names),
        Value(""),
        output_field=text,
    )


def shown_order(field: str, language: str | None = None) -> OrderBy:
    """Sort by ``field`` as shown (:func:`shown`), case-insensitively; ``-name`` descends.
    Plain Django expressions, so the same on SQLite and PostgreSQL (neither sees an empty
    or NULL column, as the reader does not)."""
    descending = field.startswith("-")
    return OrderBy(Lower(shown(field.removeprefix("-"), language)), descending=descending)


@dataclass(frozen=True)
class ShownOrder:
    """``shown_order(field)`` in an order written down at import time (a SortFilter's
    orders), resolved in the reader's language by :func:`resolve_orders`."""

    field: str


def resolve_orders(fields: Iterable[Any]) -> list[Any]:
    """``fields`` for ``order_by()``, each ShownOrder as its expression in the current
    language."""
    return [shown_order(f.field) if isinstance(f, ShownOrder) else f for f in fields]
