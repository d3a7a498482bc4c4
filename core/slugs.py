"""The one way a new record gets its URL identifier (``slug``)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify


def unique_slug(
    model: type[models.Model], text: str, limit: int, *, suffix: str = "", exclude: Any = None
) -> str:
    """A free identifier for ``model`` made from ``text`` (a name or title), at most
    ``limit`` characters, ending with ``suffix`` where given (e.g. an idea's reference);
    ``-2``, ``-3`` … are added while it is taken. ``exclude``: the record's own pk."""
    room = limit - 4 - (len(suffix) + 1 if suffix else 0)
    stem = slugify(text)[:room].strip("-") or "item"
    base = f"{stem}-{suffix}" if suffix else stem
    taken = model._default_manager.exclude(pk=exclude)
    slug, number = base, 2
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
