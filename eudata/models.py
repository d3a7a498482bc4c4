"""What the EU open-data importers keep: runs, imported projects and participations.

The portfolio and registry records an import writes (activities, participants, funding
lines, organisations) live in their own apps; these models remember where each came
from and a fingerprint of the values the import wrote, so a re-import updates what
changed in the source and never overwrites what staff changed (docs/eudata.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import by_user, link, optional_link
from portfolio.models import Activity, FundingLine
from registry.models import Organisation


class Source(models.TextChoices):
    CORDIS = "cordis", _("CORDIS (Horizon 2020, Horizon Europe)")
    KOHESIO = "kohesio", _("Kohesio (cohesion policy)")
    KEEPEU = "keepeu", _("keep.eu (Interreg)")


class ImportRun(models.Model):
    """One import of one file: who ran it, when, the counts and every rejected row."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    file_name = models.CharField(_("file"), max_length=300)
    user = by_user(_("user"))
    actor_label = models.CharField(_("run by"), max_length=150)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)
    rejected_total = models.PositiveIntegerField(_("rejected rows in all"), default=0)
    error = models.JSONField(_("error"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("EU data import")
        verbose_name_plural = _("EU data imports")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.file_name} {self.started_at:%Y-%m-%d %H:%M}"


class WatchedOrganisation(models.Model):
    """An organisation whose EU projects staff want imported wherever it is based."""

    name = models.CharField(_("name"), max_length=300)
    pic = models.CharField(_("EU PIC"), max_length=9, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    business_id = models.CharField(_("Finnish business ID"), max_length=9, blank=True)
    note = models.CharField(_("why it is watched"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("watched organisation")
        verbose_name_plural = _("watched organisations")

    def __str__(self) -> str:
        return self.name


class EUProject(models.Model):
    """An EU project as the source last described it, and the activity made of it."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_id = models.CharField(_("id in the source"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=100, blank=True)
    title = models.TextField(_("title"))
    objective = models.TextField(_("objective"), blank=True)
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    call = models.CharField(_("call"), max_length=300, blank=True)
    funding_scheme = models.CharField(_("funding scheme"), max_length=100, blank=True)
    status = models.CharField(_("status in the source"), max_length=30, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    total_cost = models.DecimalField(
        _("total cost (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    eu_contribution = models.DecimalField(
        _("EU contribution (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    url = models.URLField(_("source record"), max_length=500, blank=True)
    counts_for_espoo = models.BooleanField(
        _("an Espoo project"),
        default=False,
        help_text=_("An Espoo-based, watched or confirmed city participant takes part."),
    )
    activity = optional_link(
        Activity,
        _("activity"),
        "eu_source",
        on_delete=models.SET_NULL,
        one_to_one=True,
    )
    funding_line = optional_link(
        FundingLine, _("funding line"), on_delete=models.SET_NULL, one_to_one=True
    )
    # The import made (or adopted) an activity once; if it is gone, staff deleted it.
    activity_linked = models.BooleanField(default=False, editable=False)
    # Fingerprint of the source values (unchanged: the row is skipped on re-import) and of
    # the activity values the import last wrote ('' for an adopted staff record).
    fingerprint = models.CharField(max_length=64, editable=False)
    activity_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    last_run = optional_link(ImportRun, _("last import"), on_delete=models.SET_NULL, blank=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-start_date", "source_id"]
        verbose_name = _("imported EU project")
        verbose_name_plural = _("imported EU projects")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="euproject_unique_id")
        ]

    def __str__(self) -> str:
        return self.acronym or self.title[:80]


class EUParticipation(models.Model):
    """One participant of an imported project, as the source wrote it, with how it matched."""

    class CityMatch(models.TextChoices):
        NONE = "", _("not the city")
        CERTAIN = "certain", _("the city (identifier matches)")
        CANDIDATE = "candidate", _("maybe the city (name only): to be checked")
        CONFIRMED = "confirmed", _("the city (confirmed by staff)")
        REJECTED = "rejected", _("not the city (rejected by staff)")

    project = link(EUProject, _("project"), "participations")
    organisation = optional_link(
        Organisation,
        _("organisation"),
        "eu_participations",
        on_delete=models.SET_NULL,
    )
    name = models.CharField(_("name"), max_length=500)
    pic = models.CharField(_("EU PIC"), max_length=9, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=50, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=30, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    eu_contribution = models.DecimalField(
        _("EU contribution (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    total_cost = models.DecimalField(
        _("total cost (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    espoo_based = models.BooleanField(_("in Espoo"), default=False)
    watched = models.BooleanField(_("watched"), default=False)
    city_match = models.CharField(
        _("the City of Espoo?"), max_length=10, choices=CityMatch.choices, blank=True
    )
    decided_by = by_user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["project", "name"]
        verbose_name = _("EU project participation")
        verbose_name_plural = _("EU project participations")
        indexes = [models.Index(fields=["city_match"]), models.Index(fields=["country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.project})"

    @property
    def is_city(self) -> bool:
        return self.city_match in (self.CityMatch.CERTAIN, self.CityMatch.CONFIRMED)


class ImportedOrganisation(models.Model):
    """Which registry organisation an imported participant became, and what was written.

    ``fingerprint`` is '' for an organisation the import found (by PIC or name) but did
    not make: it is the staff's, and the import never writes to it.
    """

    key = models.CharField(max_length=250, unique=True)
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("imported organisation")
        verbose_name_plural = _("imported organisations")

    def __str__(self) -> str:
        return self.key
