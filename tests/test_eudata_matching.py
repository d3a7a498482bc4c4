"""Who counts as Espoo, watched, or the City of Espoo itself."""

from __future__ import annotations

import pytest
from django.test import override_settings

from eudata.matching import (
    CANDIDATE,
    CERTAIN,
    Identifiers,
    Matcher,
    current_matcher,
    is_espoo_city,
    is_espoo_postcode,
    looks_like_city,
)
from eudata.models import WatchedOrganisation
from registry.models import Organisation


@pytest.mark.parametrize(
    "city",
    ["Espoo", "ESPOO", "esbo", "02150 Espoo", "FI-02150 ESPOO", "Otaniemi, Espoo", "Esbo 15"],
)
def test_espoo_and_esbo_in_any_case_and_with_a_postcode(city: str) -> None:
    assert is_espoo_city(city)


@pytest.mark.parametrize("city", ["Helsinki", "Espoonlahti Oy", "Kauniainen", "", "Esbjerg"])
def test_other_places_are_not_espoo(city: str) -> None:
    assert not is_espoo_city(city)


@pytest.mark.parametrize(
    ("postcode", "country", "expected"),
    [
        ("02150", "FI", True),
        ("2150", "FI", True),  # a re-export that lost the leading zero
        ("FI-02600", "FI", True),
        ("02770", "", True),
        ("02700", "FI", False),  # Kauniainen
        ("02400", "FI", False),  # Kirkkonummi
        ("00100", "FI", False),
        ("02826", "DE", False),  # Görlitz has 02xxx postcodes too
    ],
)
def test_espoo_postcodes(postcode: str, country: str, expected: bool) -> None:
    assert is_espoo_postcode(postcode, country) is expected


@pytest.mark.parametrize(
    "name",
    ["ESPOON KAUPUNKI", "City of Espoo", "Esbo stad", "Espoo", "ESPOON KAUPUNGIN OPETUSTOIMI"],
)
def test_names_that_look_like_the_city(name: str) -> None:
    assert looks_like_city(name)


@pytest.mark.parametrize("name", ["ESPOON ENERGIA OY", "Espoo Marketing Oy", "Helsingin kaupunki"])
def test_names_that_do_not_look_like_the_city(name: str) -> None:
    assert not looks_like_city(name)


def test_a_business_id_matches_the_same_finnish_vat_number() -> None:
    ids = Identifiers.of([], [], ["1234567-1"])
    assert ids.has("", "FI12345671", "")
    assert ids.has("", "", "1234567-1")
    assert not ids.has("", "FI12345672", "")


def test_an_identifier_makes_the_city_certain_and_a_name_only_a_candidate() -> None:
    matcher = Matcher(city=Identifiers.of(["999999990"], [], []), watched=Identifiers())
    assert matcher.match(name="Some name", pic="999999990").city == CERTAIN
    candidate = matcher.match(name="Espoon kaupunki", city="Espoo", pic="111111111")
    assert candidate.city == CANDIDATE
    assert candidate.relevant
    assert not matcher.match(name="Espoon kaupunki", city="Helsinki").counts


@pytest.mark.django_db
@override_settings(EUDATA_CITY_PICS=["999999990"], EUDATA_CITY_VATS=["FI 9999 9999"])
def test_city_identifiers_come_from_settings_and_the_city_record() -> None:
    Organisation.objects.filter(slug="espoo").update(pic="999999991")
    matcher = current_matcher()
    assert matcher.match(name="x", pic="999999990").city == CERTAIN
    assert matcher.match(name="x", pic="999999991").city == CERTAIN
    assert matcher.match(name="x", vat="FI99999999").city == CERTAIN
    assert matcher.match(name="x", pic="999999992").city == ""


@pytest.mark.django_db
def test_watched_organisations_are_matched_by_pic_or_vat() -> None:
    WatchedOrganisation.objects.create(name="Partner", pic="912345678")
    WatchedOrganisation.objects.create(name="Other", vat_number="DE123456789")
    matcher = current_matcher()
    assert matcher.match(name="x", city="Berlin", pic="912345678").watched
    assert matcher.match(name="x", city="Berlin", vat="de 123456789").counts
    assert not matcher.match(name="x", city="Berlin", pic="912345679").relevant


def test_no_city_identifiers_are_configured_by_default() -> None:
    from django.conf import settings

    assert settings.EUDATA_CITY_PICS == []
    assert settings.EUDATA_CITY_VATS == []
    assert settings.EUDATA_CITY_BUSINESS_IDS == []
