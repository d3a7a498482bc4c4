"""Which model fields are kept in Finnish, Swedish and English (django-modeltranslation).

Each app's ``translation.py`` lists its models with :func:`translated`, one line a model, so the
options class modeltranslation wants is written once here."""

from __future__ import annotations

from django.db.models import Model
from modeltranslation.translator import TranslationOptions, register

# A translated text must have its Finnish version; reference data (SDGs, answer templates) all
# three.
FINNISH = ("fi",)
EVERY_LANGUAGE = ("fi", "sv", "en")


def translated(model: type[Model], *fields: str, required: tuple[str, ...] = FINNISH) -> None:
    """Keep ``fields`` of ``model`` in every language; ``required`` languages may not be empty
    (``()``: none is required)."""
    options = {"fields": fields, "required_languages": required}
    register(model)(type(f"{model.__name__}Translation", (TranslationOptions,), options))
