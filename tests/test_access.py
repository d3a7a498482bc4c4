"""Staff administration: open to staff only, usable in three languages, every change audited."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from registry.models import Organisation
from strategy.models import Goal
from tests.personas import login

pytestmark = pytest.mark.django_db


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


@pytest.mark.parametrize("who", ["anonymous visitor", "ulla"])  # ulla: an account, not staff
def test_anonymous_visitor_and_non_staff_user_are_sent_to_login(
    client: Client, request: pytest.FixtureRequest, who: str
) -> None:
    if who != "anonymous visitor":
        login(client, request.getfixturevalue(who))
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_staff_sees_only_what_they_may_edit(client: Client, pekka: User) -> None:
    login(client, pekka)
    assert client.get(reverse("admin:portfolio_activity_changelist")).status_code == 200
    assert client.get(reverse("admin:strategy_goal_changelist")).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Kansainvälinen Espoo"), ("sv", "Internationella Esbo"), ("en", "International Espoo")],
)
def test_admin_pages_work_in_three_languages(
    client: Client, sune: User, language: str, expected: str
) -> None:
    login(client, sune)
    with translation.override(language):
        urls = admin_urls()
        urls += [
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_add")
            for m in admin.site._registry
            if admin.site._registry[m].has_add_permission(_request(sune))
        ]
    for url in urls:
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
    index = client.get(f"/{language}/admin/")
    assert expected in index.content.decode()


def test_admin_shows_the_real_goals_in_swedish(client: Client, sune: User) -> None:
    login(client, sune)
    goal = Goal.objects.current().get(number=7)
    response = client.get(f"/sv/admin/strategy/goal/{goal.pk}/change/")
    assert goal.title_sv in response.content.decode()


def test_admin_search_and_filters(client: Client, sune: User) -> None:
    login(client, sune)
    response = client.get("/en/admin/portfolio/activity/?q=864242")
    assert "SPARCS" in response.content.decode()
    response = client.get("/en/admin/registry/organisation/?kind__exact=network")
    assert "Eurocities" in response.content.decode()


def test_a_change_in_admin_is_audited_with_who_and_what(client: Client, sune: User) -> None:
    login(client, sune)
    org = Organisation.objects.get(slug="espoo")
    url = f"/en/admin/registry/organisation/{org.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"city": "Esbo", "country": "FI", **_empty_inlines()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(model="registry.organisation", object_id=str(org.pk)).latest(
        "id"
    )
    assert event.action == "update"
    assert event.actor == sune
    assert event.changes["city"] == ["Espoo", "Esbo"]
    assert event.ip_address == "127.0.0.1"


def test_admin_form_refuses_bad_dates_with_a_translated_message(client: Client, sune: User) -> None:
    login(client, sune)
    data = {
        "slug": "bad-dates",
        "title_fi": "Huono",
        "kind": "event",
        "status": "planned",
        "start_date": "2026-05-02",
        "end_date": "2026-05-01",
        **_empty_inlines(),
    }
    response = client.post("/fi/admin/portfolio/activity/add/", data)
    assert response.status_code == 200
    assert "Päättymispäivä ei voi olla ennen alkamispäivää." in response.content.decode()
    assert not Organisation.objects.filter(slug="bad-dates").exists()


def test_nobody_can_edit_or_delete_the_audit_trail(client: Client, sune: User) -> None:
    login(client, sune)
    event = AuditEvent.objects.first()
    assert event is not None
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    response = client.post(
        reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _empty_inlines() -> dict[str, str]:
    data = {}
    for prefix in [
        "contacts",
        "participations",
        "participants",
        "funding",
        "milestones",
        "outcomes",
        "links",
        "strategy-alignmentlink-content_type-object_id",
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def _request(user: User):  # a minimal request object for admin permission checks
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request
