"""core.translated: each app's translation.py lists its models once; modeltranslation sees the
same fields and required languages as the models' migrations expect."""

from __future__ import annotations

import pytest
from django.db.models import Model
from modeltranslation.translator import translator

from ideas.models import AnswerTemplate
from registry.models import Organisation, Partnership
from strategy.models import SDGGoal, StrategyPeriod

CASES = [
    (StrategyPeriod, ("title", "description", "values", "outline"), ("fi",)),
    (Organisation, ("name", "description"), ("fi",)),
    (Partnership, ("description",), ()),
    (SDGGoal, ("title", "description"), ("fi", "sv", "en")),
    (AnswerTemplate, ("name", "body"), ("fi", "sv", "en")),
]


@pytest.mark.parametrize(("model", "fields", "required"), CASES)
def test_translated_fields_and_required_languages(
    model: type[Model], fields: tuple[str, ...], required: tuple[str, ...]
) -> None:
    options = translator.get_options_for_model(model)
    assert set(options.fields) == set(fields)
    assert tuple(options.required_languages) == required


def test_each_translated_field_has_its_three_columns() -> None:
    names = {field.name for field in Organisation._meta.get_fields()}
    assert {"name_fi", "name_sv", "name_en", "description_fi"} <= names


@pytest.mark.django_db
def test_a_required_finnish_text_is_checked() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        Organisation(slug="x", name_fi="", kind="city", country="FI").full_clean()
    assert "name_fi" in raised.value.message_dict
