"""Organisations, contacts, network memberships, city partnerships, target markets, units."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.fields import link, optional_link
from registry.validators import validate_business_id, validate_pic, validate_vat


class CityUnit(models.Model):
    """A unit of the City of Espoo that is responsible for international work."""

    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("city unit")
        verbose_name_plural = _("city units")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("city or municipality")
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        COMPANY = "company", _("company")
        NGO = "ngo", _("non-governmental organisation")
        NETWORK = "network", _("network")
        INTERNATIONAL = "international_organisation", _("international organisation")
        EU_BODY = "eu_body", _("EU body")
        GOVERNMENT = "government", _("government agency")
        SCHOOL = "school", _("school")
        OTHER = "other", _("other")

    slug = models.SlugField(_("identifier"), unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    pic = models.CharField(
        _("EU PIC"),
        max_length=9,
        blank=True,
        validators=[validate_pic],
        help_text=_("EU Participant Identification Code, nine digits."),
    )
    business_id = models.CharField(
        _("Finnish business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    vat_number = models.CharField(
        _("VAT number"), max_length=15, blank=True, validators=[validate_vat]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["pic"],
                condition=~Q(pic=""),
                name="organisation_unique_pic",
                violation_error_message=_("Another organisation already has this EU PIC."),
            ),
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="organisation_unique_business_id",
                violation_error_message=_("Another organisation already has this business ID."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A contact person. Personal data: kept only for the purpose stated on the record."""

    organisation = link(Organisation, _("organisation"), "contacts")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    purpose = models.CharField(
        _("purpose of keeping the data"),
        max_length=300,
        help_text=_("Why the city keeps this person's contact details."),
    )
    review_on = models.DateField(
        _("review by"),
        help_text=_("Date by which the need to keep this contact is checked."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    def audit_repr(self) -> str:
        """How the audit trail names a contact: never by the person's name, so that
        erasing the contact leaves no name behind in the trail."""
        return f"contact #{self.pk} ({self.organisation_id and self.organisation})"


class Theme(models.Model):
    """A theme of cooperation, e.g. education or innovation."""

    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


def _check_date_order(start: object, end: object, end_field: str) -> None:
    if start and end and end < start:  # type: ignore[operator]
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class NetworkMembership(models.Model):
    """The city's membership in a network or international organisation."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PLANNED = "planned", _("planned")
        ENDED = "ended", _("ended")

    slug = models.SlugField(_("identifier"), unique=True, max_length=100)
    network = link(Organisation, _("network"), "memberships", on_delete=models.PROTECT)
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    responsible_unit = optional_link(
        CityUnit, _("responsible unit"), "memberships", on_delete=models.SET_NULL
    )
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["network__name"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")

    def __str__(self) -> str:
        return str(self.network)

    def clean(self) -> None:
        _check_date_order(self.since, self.until, "until")


class Partnership(models.Model):
    """A city partnership: friendship city, sister (twin) city or memorandum of understanding."""

    class Kind(models.TextChoices):
        FRIENDSHIP = "friendship", _("friendship city")
        SISTER_CITY = "sister_city", _("sister city")
        MOU = "mou", _("memorandum of understanding")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        ENDED = "ended", _("ended")

    slug = models.SlugField(_("identifier"), unique=True, max_length=100)
    partner = link(Organisation, _("partner"), "partnerships", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    agreement_year = models.PositiveSmallIntegerField(
        _("agreement year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="partnerships", verbose_name=_("themes")
    )
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_kind_display()})"


class TargetMarket(models.Model):
    """A country that Enter Espoo targets for companies, investment and talent."""

    country = CountryField(_("country"), unique=True)
    responsible_unit = optional_link(
        CityUnit, _("responsible unit"), "markets", on_delete=models.SET_NULL
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("target market")
        verbose_name_plural = _("target markets")

    def __str__(self) -> str:
        return str(self.country.name)
