"""Generated demo and benchmark data, clearly marked and never loaded by default.

Every generated record has a slug starting with ``demo-`` so it can be told apart
from the real Espoo data and removed with ``generate_demo_data --remove``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from portfolio.models import Activity, FundingLine, Participant
from registry.models import Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal

DEMO_PREFIX = "demo-"

_TOPICS = [
    ("ilmastonmuutos", "klimatförändring", "climate change"),
    ("kiertotalous", "cirkulär ekonomi", "circular economy"),
    ("älykäs liikenne", "smart trafik", "smart mobility"),
    ("kotoutuminen", "integration", "integration of newcomers"),
    ("varhaiskasvatus", "småbarnspedagogik", "early childhood education"),
    ("startup-yritykset", "uppstartsföretag", "startup companies"),
    ("energiatehokkuus", "energieffektivitet", "energy efficiency"),
    ("luonnon monimuotoisuus", "biologisk mångfald", "biodiversity"),
    ("tekoäly", "artificiell intelligens", "artificial intelligence"),
    ("osaajien houkuttelu", "kompetensattraktion", "talent attraction"),
]
_FORMS = [
    ("Yhteistyöhanke: {t}", "Samarbetsprojekt: {t}", "Cooperation project: {t}"),
    ("Kansainvälinen verkosto: {t}", "Internationellt nätverk: {t}", "International network: {t}"),
    (
        "Vierailu ja vertaisoppiminen: {t}",
        "Besök och kollegialt lärande: {t}",
        "Visit and peer learning: {t}",
    ),
]
_COUNTRIES = ["DE", "SE", "EE", "NL", "ES", "IT", "FR", "JP", "CN", "US", "NO", "DK", "PL", "PT"]


def remove_demo_data() -> int:
    with transaction.atomic():
        activities = Activity.objects.filter(slug__startswith=DEMO_PREFIX)
        ids = list(activities.values_list("pk", flat=True))
        ct = ContentType.objects.get_for_model(Activity)
        AlignmentLink.objects.filter(content_type=ct, object_id__in=ids).delete()
        count = activities.count()
        activities.delete()
        Organisation.objects.filter(slug__startswith=DEMO_PREFIX).delete()
    return count


def generate_demo_data(
    count: int, seed: int = 2026, progress: Callable[[int], None] | None = None
) -> int:
    """Create ``count`` public demo activities with participants, funding and alignment."""
    rng = random.Random(seed)
    start = Activity.objects.filter(slug__startswith=DEMO_PREFIX).count()
    goals = list(Goal.objects.current())
    sdgs = list(SDGGoal.objects.all())
    ct = ContentType.objects.get_for_model(Activity)
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                slug=f"{DEMO_PREFIX}org-{start}-{i}",
                kind=rng.choice(["city", "university", "company"]),
                country=rng.choice(_COUNTRIES),
                name_fi=f"Demo-organisaatio {start + i}",
                name_sv=f"Demoorganisation {start + i}",
                name_en=f"Demo organisation {start + i}",
            )
            for i in range(max(20, count // 50))
        )
        batch = 500
        for offset in range(0, count, batch):
            size = min(batch, count - offset)
            activities = Activity.objects.bulk_create(
                _activity(rng, start + offset + i) for i in range(size)
            )
            Participant.objects.bulk_create(
                Participant(activity=a, organisation=o, role=r)
                for a in activities
                for o, r in [(rng.choice(orgs), "coordinator"), (rng.choice(orgs), "partner")]
            )
            FundingLine.objects.bulk_create(
                FundingLine(
                    activity=a,
                    programme=rng.choice(["Horizon Europe", "Interreg", "LIFE"]),
                    total_budget=rng.randrange(50_000, 5_000_000),
                )
                for a in activities
                if a.kind == Activity.Kind.EU_PROJECT
            )
            links = []
            for a in activities:
                # One confirmed goal and one confirmed SDG each (chosen in this order).
                for aim in ({"goal": rng.choice(goals)}, {"sdg": rng.choice(sdgs)}):
                    links.append(
                        AlignmentLink(
                            content_type=ct,
                            object_id=a.pk,
                            source="staff",
                            review_state="confirmed",
                            **aim,
                        )
                    )
            AlignmentLink.objects.bulk_create(links, ignore_conflicts=True)
            if progress:
                progress(size)
    return count


def _activity(rng: random.Random, n: int) -> Activity:
    fi, sv, en = rng.choice(_TOPICS)
    form = rng.choice(_FORMS)
    begin = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4000))
    return Activity(
        slug=f"{DEMO_PREFIX}{n}",
        kind=rng.choice(Activity.Kind.values),
        status=rng.choice(Activity.Status.values),
        public=True,
        start_date=begin,
        end_date=begin + timedelta(days=rng.randrange(30, 1500)),
        title_fi=form[0].format(t=fi) + f" #{n}",
        title_sv=form[1].format(t=sv) + f" #{n}",
        title_en=form[2].format(t=en) + f" #{n}",
        summary_fi=f"Demoaineisto: {fi} ja kansainvälinen yhteistyö.",
        summary_sv=f"Demodata: {sv} och internationellt samarbete.",
        summary_en=f"Demo data: {en} and international cooperation.",
        description_fi=f"Tämä on generoitu demoaktiviteetti aiheesta {fi}.",
        description_sv=f"Detta är en genererad demoaktivitet om {sv}.",
        description_en=f"This is a generated demo activity about {en}.",
    )
