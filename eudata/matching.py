"""Which participants are in Espoo, on the watch list, or the City of Espoo itself.

* **In Espoo**: the city as written in the data names Espoo or Esbo (any case, with or
  without a postcode: "ESPOO", "02150 Espoo", "Esbo, Finland"), or a Finnish postcode is
  one of Espoo's (02xxx, but not Kirkkonummi/Siuntio 024xx–025xx or Kauniainen 02700;
  CORDIS re-exports lose the leading zero, so "2150" with country FI is 02150).
* **Watched**: its PIC, VAT number or business ID is on the staff's watch list.
* **The city, certain**: its PIC, VAT number or business ID is one of the city's
  (settings ``EUDATA_CITY_*`` and the city organisation's own identifiers).
* **The city, candidate**: it only looks like the city by name ("Espoon kaupunki",
  "City of Espoo", "Esbo stad"). Staff confirm or reject it; until then it counts nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from eudata.rows import business_id_of, pic_of, vat_of, vat_of_business_id

CERTAIN, CANDIDATE, NONE = "certain", "candidate", ""
_TOKENS = re.compile(r"[^\W\d_]+")
_ESPOO = {"espoo", "esbo"}
_CITY_NAMES = {"espoo", "esbo", "espoon"}
_CITY_WORDS = {
    "kaupunki",
    "kaupungin",
    "kaupunginhallitus",
    "stad",
    "staden",
    "city",
    "town",
    "municipality",
}
_CITY_ONLY = {"of", "the", "kaupunki", "stad", "city"}


@dataclass(frozen=True)
class Match:
    espoo_based: bool = False
    watched: bool = False
    city: str = NONE

    @property
    def relevant(self) -> bool:
        """Keep the project: something about this participant concerns Espoo."""
        return self.espoo_based or self.watched or self.city != NONE

    @property
    def counts(self) -> bool:
        """Makes the project one of Espoo's (a candidate alone does not)."""
        return self.espoo_based or self.watched or self.city == CERTAIN


def is_espoo_city(city: str) -> bool:
    lower = city.lower()
    if "espoo" not in lower and "esbo" not in lower:  # fast path for the other 99 %
        return False
    return any(token in _ESPOO for token in _TOKENS.findall(lower))


def is_espoo_postcode(postcode: str, country: str) -> bool:
    if country not in ("FI", ""):
        return False
    digits = re.sub(r"\D", "", postcode)
    if len(digits) == 4:
        digits = "0" + digits
    if len(digits) != 5 or not digits.startswith("02"):
        return False
    number = int(digits)
    return not (2400 <= number <= 2599 or number == 2700)


def looks_like_city(name: str) -> bool:
    """The name reads like the City of Espoo itself, not a company or school in it."""
    lower = name.lower()
    if "espoo" not in lower and "esbo" not in lower:
        return False
    tokens = set(_TOKENS.findall(lower))
    if not tokens & _CITY_NAMES:
        return False
    return bool(tokens & _CITY_WORDS) or tokens <= _CITY_NAMES | _CITY_ONLY


@dataclass(frozen=True)
class Identifiers:
    """PICs and VAT numbers (business IDs in VAT form) of one set of organisations."""

    pics: frozenset[str] = frozenset()
    vats: frozenset[str] = frozenset()

    @classmethod
    def of(cls, pics: list[str], vats: list[str], business_ids: list[str]) -> Identifiers:
        return cls(
            frozenset(p for p in map(pic_of, pics) if p),
            frozenset(v for v in map(vat_of, vats) if v)
            | frozenset(v for v in map(vat_of_business_id, business_ids) if v),
        )

    def has(self, pic: str, vat: str, business_id: str) -> bool:
        if not self.pics and not self.vats:
            return False
        if pic and pic in self.pics:
            return True
        vats = {vat_of(vat), vat_of_business_id(business_id)} - {""}
        return bool(vats & self.vats)

    def __bool__(self) -> bool:
        return bool(self.pics or self.vats)


@dataclass(frozen=True)
class Matcher:
    city: Identifiers
    watched: Identifiers

    def match(
        self,
        *,
        name: str,
        city: str = "",
        postcode: str = "",
        country: str = "",
        pic: str = "",
        vat: str = "",
        business_id: str = "",
    ) -> Match:
        in_espoo = is_espoo_city(city) or (bool(postcode) and is_espoo_postcode(postcode, country))
        if self.city.has(pic, vat, business_id):
            kind = CERTAIN
        elif looks_like_city(name):
            kind = CANDIDATE
        else:
            kind = NONE
        return Match(
            espoo_based=in_espoo,
            watched=self.watched.has(pic, vat, business_id),
            city=kind,
        )


def city_identifiers() -> Identifiers:
    """The city's identifiers from settings plus those of the city organisation record."""
    from registry.models import Organisation

    pics = list(settings.EUDATA_CITY_PICS)
    vats = list(settings.EUDATA_CITY_VATS)
    business_ids = list(settings.EUDATA_CITY_BUSINESS_IDS)
    city = Organisation.objects.filter(slug=settings.EUDATA_CITY_ORGANISATION).first()
    if city is not None:
        pics.append(city.pic)
        vats.append(city.vat_number)
        business_ids.append(city.business_id)
    return Identifiers.of(pics, vats, business_ids)


def watched_identifiers() -> Identifiers:
    from eudata.models import WatchedOrganisation

    rows = list(WatchedOrganisation.objects.values_list("pic", "vat_number", "business_id"))
    return Identifiers.of([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def current_matcher() -> Matcher:
    return Matcher(city=city_identifiers(), watched=watched_identifiers())


__all__ = [
    "CANDIDATE",
    "CERTAIN",
    "NONE",
    "Identifiers",
    "Match",
    "Matcher",
    "business_id_of",
    "current_matcher",
    "is_espoo_city",
    "is_espoo_postcode",
    "looks_like_city",
]
