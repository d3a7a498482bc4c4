"""The API's shape of a translated text: ``{"fi": …, "sv": …, "en": …}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

LANGS = ("fi", "sv", "en")

TRANSLATED_SCHEMA = {
    "type": "object",
    "description": "The text in Finnish, Swedish and English; null where it is not translated.",
    "properties": {lang: {"type": ["string", "null"]} for lang in LANGS},
    "required": list(LANGS),
}
TRANSLATED_INPUT_SCHEMA = {
    "type": "object",
    "description": "Any of fi, sv and en; a language left out is not changed.",
    "properties": {lang: {"type": ["string", "null"]} for lang in LANGS},
    "additionalProperties": False,
}


def translated(instance: Any, field: str) -> dict[str, str | None]:
    return {lang: getattr(instance, f"{field}_{lang}", None) or None for lang in LANGS}


# A website may be unknown (""): "anyOf", because "" would match both branches of a "oneOf"
# (drf-spectacular's own shape for a blank URLField), which no strict validator accepts.
WEBSITE_SCHEMA = {
    "type": "string",
    "anyOf": [{"format": "uri"}, {"maxLength": 0}],
    "description": "An http(s) address, or an empty string when none is known.",
}


@extend_schema_field(WEBSITE_SCHEMA)
class WebsiteField(serializers.CharField):
    """A model URLField that may be blank, described so that "" is valid exactly once.

    The address is checked here rather than by a URLValidator in ``validators``:
    drf-spectacular turns such a validator on a blank field back into the ``oneOf``.
    """

    default_error_messages = {"invalid_url": serializers.URLField.default_error_messages["invalid"]}

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value:
            try:
                URLValidator()(value)
            except DjangoValidationError:
                self.fail("invalid_url")
        return value


class SlugLinkField(serializers.SlugRelatedField):
    """A link by slug whose text is checked like every text field before the look-up:
    a NUL or a lone surrogate is a field error, never a database error (PostgreSQL cannot
    hold a NUL even in a query)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            try:
                ProhibitNullCharactersValidator()(data)
                ProhibitSurrogateCharactersValidator()(data)
            except DjangoValidationError as error:
                raise serializers.ValidationError(list(error.messages)) from error
        return super().to_internal_value(data)


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """Reads ``<field>_fi/_sv/_en``; writes them from an object with any of those keys.

    The validated value is ``{"<field>_fi": "…", …}``; the serializer spreads it into the
    model's own field names.
    """

    default_error_messages = {
        "not_object": _("Give the text as an object with the keys fi, sv and en."),
        "unknown_language": _("Unknown language %(keys)s: use fi, sv and en."),
        "not_text": _("The %(lang)s text must be a string or null."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text_validators = [
            ProhibitNullCharactersValidator(),
            ProhibitSurrogateCharactersValidator(),
        ]

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, value: Any) -> dict[str, str | None]:
        return translated(value, self.source)

    def to_internal_value(self, data: Any) -> dict[str, str]:
        if not isinstance(data, dict):
            self.fail("not_object")
        unknown = sorted(set(data) - set(LANGS))
        if unknown:
            # DRF's fail() formats with str.format; our messages use named %-placeholders.
            raise serializers.ValidationError(
                self.error_messages["unknown_language"] % {"keys": ", ".join(unknown)},
                code="unknown_language",
            )
        values = {}
        for lang, text in data.items():
            if text is not None and not isinstance(text, str):
                raise serializers.ValidationError(
                    self.error_messages["not_text"] % {"lang": lang}, code="not_text"
                )
            text = (text or "").strip()
            for validator in self.text_validators:
                try:
                    validator(text)
                except (DjangoValidationError, serializers.ValidationError) as exc:
                    if isinstance(exc, DjangoValidationError):
                        message = exc.messages[0]
                    else:
                        message = exc.detail[0]
                    raise serializers.ValidationError({lang: [str(message)]}) from None
            values[f"{self.source}_{lang}"] = text
        return values


@extend_schema_field(TRANSLATED_INPUT_SCHEMA)
class TranslatedInputField(TranslatedField):
    """The same field in a request: any of the languages, each changed on its own."""
