"""The portfolio and the registry in the staff workspace: eddie keeps activities,
organisations, memberships and partnerships; vera reads; outsiders are refused; stale
forms and bad input change nothing; every link shows from both sides.

Long because it is one story (the portfolio screens of one persona set) told in 29 short
tests that share its helpers; split by screen, the helpers would be repeated or moved
out of sight."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from audit.models import AuditEvent
from ideas import actions as idea_actions
from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from registry.actions import version_of
from registry.models import Contact, NetworkMembership, Organisation, Partnership, Theme
from strategy.models import AlignmentLink, Goal
from tests.personas import login
from tests.workspace_support import make_idea

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db

ACTIVITY = {
    "title_fi": "Älykäs katuvalaistus",
    "title_sv": "Smart gatubelysning",
    "title_en": "Smart street lighting",
    "summary_fi": "Mukautuvan valaistuksen kokeilu.",
    "kind": "eu_project",
    "status": "ongoing",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "description_fi": "Kokeillaan valaistusta Tarton kanssa.",
}


def organisation(name: str = "Tartu linn", **extra: Any) -> Organisation:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Organisation.objects.create(
        slug=f"test-{slug}", name_fi=name, kind=extra.pop("kind", "city"), country="EE", **extra
    )


def activity(**extra: Any) -> Activity:
    values = {
        "slug": "test-lighting",
        "title_fi": "Valaistus",
        "kind": "eu_project",
        "status": "ongoing",
        "start_date": date(2026, 1, 1),
        "end_date": date(2027, 6, 30),
        **extra,
    }
    return Activity.objects.create(**values)


def version_in(page: Any) -> str:
    match = re.search(r'name="version" value="([0-9a-f]+)"', page.content.decode())
    assert match, "the form carries no version"
    return match.group(1)


def text(response: Any) -> str:
    return response.content.decode()


# Eddie's day


def test_eddie_creates_an_activity_with_a_milestone_and_an_outcome(
    client: Client, eddie: User
) -> None:
    login(client, eddie)
    assert client.get("/en/staff/activities/new/").status_code == 200
    response = client.post("/en/staff/activities/new/", ACTIVITY)
    assert response.status_code == 302
    created = Activity.objects.get(title_fi="Älykäs katuvalaistus")
    assert created.slug == "alykas-katuvalaistus"
    assert response["Location"] == f"/en/staff/activities/{created.pk}/"
    base = response["Location"]

    response = client.post(
        f"{base}milestones/add/",
        {"title_fi": "Testikatu valittu", "due_date": "2026-06-30", "progress": "40", "order": "1"},
    )
    assert response.status_code == 302 and response["Location"] == f"{base}#milestones"
    response = client.post(
        f"{base}outcomes/add/",
        {
            "description_fi": "Energiaa säästyy.",
            "indicator_fi": "Sähkönkulutus",
            "unit": "MWh/a",
            "baseline": "120",
            "target": "80",
            "current_value": "100",
            "measured_on": "2026-09-01",
        },
    )
    assert response.status_code == 302

    page = client.get(base)
    html = text(page)
    assert "Smart street lighting" in html  # English title on the English page
    assert "Testikatu valittu" in html
    assert 'progress max="100" value="40"' in html and "40 %" in html
    assert "Sähkönkulutus" in html and "MWh/a" in html
    milestone = Milestone.objects.get(activity=created)
    assert milestone.progress == 40 and milestone.due_date == date(2026, 6, 30)
    assert Outcome.objects.get(activity=created).target == Decimal("80")
    creations = AuditEvent.objects.filter(action="create", actor=eddie)
    assert {"portfolio.activity", "portfolio.milestone", "portfolio.outcome"} <= set(
        creations.values_list("model", flat=True)
    )


def test_eddie_adds_participants_funding_and_links_and_edits_them(
    client: Client, eddie: User
) -> None:
    login(client, eddie)
    item, partner = activity(), organisation()
    base = f"/en/staff/activities/{item.pk}/"
    assert (
        client.post(
            f"{base}participants/add/", {"organisation": partner.pk, "role": "partner"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}funding/add/",
            {
                "programme": "Interreg Central Baltic",
                "total_budget": "100000",
                "eu_contribution": "80000",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}links/add/",
            {"title_fi": "Hankkeen sivu", "url": "https://example.org/lighting", "kind": "website"},
        ).status_code
        == 302
    )
    html = text(client.get(base))
    assert "Tartu linn" in html and "Interreg Central Baltic" in html
    assert 'href="https://example.org/lighting"' in html

    line = FundingLine.objects.get(activity=item)
    form = client.get(f"{base}funding/{line.pk}/edit/")
    response = client.post(
        f"{base}funding/{line.pk}/edit/",
        {
            "programme": "Interreg Central Baltic",
            "total_budget": "120000",
            "eu_contribution": "90000",
            "version": version_in(form),
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.total_budget == Decimal("120000")


def test_removal_asks_for_confirmation_first(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    link = ActivityLink.objects.create(activity=item, title_fi="Uutinen", url="https://example.org")
    url = f"/en/staff/activities/{item.pk}/links/{link.pk}/remove/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Remove the link" in text(confirm)
    assert ActivityLink.objects.filter(pk=link.pk).exists()  # showing removes nothing
    assert client.post(url).status_code == 409  # a POST without the version is refused
    assert ActivityLink.objects.filter(pk=link.pk).exists()
    response = client.post(url, {"version": version_in(confirm)})
    assert response.status_code == 302
    assert not ActivityLink.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action="delete", model="portfolio.activitylink").exists()


def test_a_part_of_another_activity_is_not_found(client: Client, eddie: User) -> None:
    login(client, eddie)
    mine, other = activity(), activity(slug="test-other")
    milestone = Milestone.objects.create(activity=other, title_fi="Muu", progress=10)
    url = f"/en/staff/activities/{mine.pk}/milestones/{milestone.pk}/edit/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"title_fi": "Kaapattu", "progress": "5"}).status_code == 404
    milestone.refresh_from_db()
    assert milestone.title_fi == "Muu"


# Who may do what


def _edit_urls(item: Activity, org: Organisation) -> list[str]:
    milestone = Milestone.objects.create(activity=item, title_fi="Vaihe", progress=10)
    base = f"/en/staff/activities/{item.pk}/"
    return [
        "/en/staff/activities/new/",
        f"{base}edit/",
        f"{base}milestones/add/",
        f"{base}milestones/{milestone.pk}/edit/",
        f"{base}milestones/{milestone.pk}/remove/",
        "/en/staff/organisations/new/",
        f"/en/staff/organisations/{org.pk}/edit/",
        "/en/staff/networks/new/",
        "/en/staff/partnerships/new/",
    ]


def test_vera_reads_everything_but_every_post_is_refused(client: Client, vera: User) -> None:
    login(client, vera)
    item, org = activity(), organisation()
    Participant.objects.create(activity=item, organisation=org, role="partner")
    for url in [
        "/en/staff/activities/",
        f"/en/staff/activities/{item.pk}/",
        "/en/staff/organisations/",
        f"/en/staff/organisations/{org.pk}/",
        "/en/staff/networks/",
        "/en/staff/partnerships/",
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "/edit/" not in text(page) and "/add/" not in text(page), url
    urls = _edit_urls(item, org)
    before = AuditEvent.objects.filter(action__in=["create", "update", "delete"]).count()
    for url in urls:
        assert client.post(url, {**ACTIVITY, "title_fi": "Veran muutos"}).status_code == 403, url
        assert client.get(url).status_code == 403, url
    assert AuditEvent.objects.filter(action__in=["create", "update", "delete"]).count() == before
    assert not Activity.objects.filter(title_fi="Veran muutos").exists()


@pytest.mark.parametrize("persona", ["ulla", "pekka"])
def test_users_without_a_role_are_refused(client: Client, persona: str, request: Any) -> None:
    login(client, request.getfixturevalue(persona))
    item = activity()
    for url in [
        "/en/staff/activities/",
        f"/en/staff/activities/{item.pk}/",
        *_edit_urls(item, organisation()),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, ACTIVITY).status_code == 403, url
    assert not Activity.objects.filter(title_fi=ACTIVITY["title_fi"]).exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    item = activity()
    for url in [f"/en/staff/activities/{item.pk}/", "/en/staff/activities/new/"]:
        response = client.post(url, ACTIVITY)
        assert response.status_code == 302 and "/en/staff/login/" in response["Location"]
    assert not Activity.objects.filter(title_fi=ACTIVITY["title_fi"]).exists()


# Stale forms


def _someone_else_saves(record: Any, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()


def test_a_stale_activity_form_is_refused_and_shows_why(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    url = f"/en/staff/activities/{item.pk}/edit/"
    version = version_in(client.get(url))
    _someone_else_saves(Activity.objects.get(pk=item.pk), title_fi="Toisen muutos")
    response = client.post(url, {**ACTIVITY, "title_fi": "Eddien muutos", "version": version})
    assert response.status_code == 409
    html = text(response)
    assert "was changed by someone else while you had it open" in html
    assert "Eddien muutos" in html  # what he typed is kept
    item.refresh_from_db()
    assert item.title_fi == "Toisen muutos"
    # the form now carries the current version: sending it again is a conscious choice
    again = client.post(
        url, {**ACTIVITY, "title_fi": "Eddien muutos", "version": version_in(response)}
    )
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.title_fi == "Eddien muutos"


def test_an_edit_without_a_version_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    response = client.post(f"/en/staff/activities/{item.pk}/edit/", {**ACTIVITY})
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.title_fi == "Valaistus"


def test_stale_milestone_and_partnership_forms_are_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    milestone = Milestone.objects.create(activity=item, title_fi="Vaihe", progress=10)
    url = f"/en/staff/activities/{item.pk}/milestones/{milestone.pk}/edit/"
    version = version_in(client.get(url))
    _someone_else_saves(milestone, progress=60)
    response = client.post(
        url, {"title_fi": "Vaihe", "progress": "20", "order": "0", "version": version}
    )
    assert response.status_code == 409
    assert Milestone.objects.get(pk=milestone.pk).progress == 60

    partner = organisation("Shanghai")
    partnership = Partnership.objects.create(
        slug="test-shanghai", partner=partner, kind="friendship", status="active"
    )
    url = f"/en/staff/partnerships/{partnership.pk}/edit/"
    version = version_in(client.get(url))
    partnership.themes.add(
        Theme.objects.create(slug="test-theme", name_fi="Koulutus")
    )  # only a theme changes
    response = client.post(
        url,
        {"partner": partner.pk, "kind": "friendship", "status": "dormant", "version": version},
    )
    assert response.status_code == 409
    assert Partnership.objects.get(pk=partnership.pk).status == "active"


def test_a_stale_removal_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    milestone = Milestone.objects.create(activity=item, title_fi="Vaihe", progress=10)
    url = f"/en/staff/activities/{item.pk}/milestones/{milestone.pk}/remove/"
    version = version_in(client.get(url))
    _someone_else_saves(milestone, progress=90)
    response = client.post(url, {"version": version})
    assert response.status_code == 409
    assert "changed by someone else" in text(response)
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_versions_follow_every_stored_value() -> None:
    item = activity()
    before = version_of(item)
    assert version_of(Activity.objects.get(pk=item.pk)) == before
    Activity.objects.filter(pk=item.pk).update(summary_sv="Ny")
    assert version_of(Activity.objects.get(pk=item.pk)) != before


# Bad input


def _refused(response: Any, message: str) -> None:
    assert response.status_code == 400, response.status_code
    html = text(response)
    assert "Please correct the following:" in html
    assert message in html, message


def test_an_end_before_the_start_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    count = Activity.objects.count()
    bad = {**ACTIVITY, "start_date": "2027-01-01", "end_date": "2026-01-01"}
    _refused(
        client.post("/en/staff/activities/new/", bad),
        "The end date cannot be before the start date.",
    )
    _refused(
        client.post("/en/staff/activities/new/", {**ACTIVITY, "start_date": "2026-02-31"}),
        "Enter a valid date.",
    )
    assert Activity.objects.count() == count
    org = organisation("Eurocities", kind="network")
    response = client.post(
        "/en/staff/networks/new/",
        {"network": org.pk, "status": "active", "since": "2020-05-01", "until": "2019-01-01"},
    )
    _refused(response, "The end date cannot be before the start date.")
    assert not NetworkMembership.objects.filter(network=org).exists()


@pytest.mark.parametrize("progress", ["-1", "101", "150", "abc"])
def test_progress_outside_0_to_100_is_refused(client: Client, eddie: User, progress: str) -> None:
    login(client, eddie)
    item = activity()
    response = client.post(
        f"/en/staff/activities/{item.pk}/milestones/add/",
        {"title_fi": "Vaihe", "progress": progress, "order": "0"},
    )
    expected = (
        "Enter a whole number." if progress == "abc" else "Progress is a percentage from 0 to 100."
    )
    _refused(response, expected)
    assert not Milestone.objects.filter(activity=item).exists()


def test_negative_money_and_a_share_above_the_total_are_refused(
    client: Client, eddie: User
) -> None:
    login(client, eddie)
    item = activity()
    url = f"/en/staff/activities/{item.pk}/funding/add/"
    _refused(
        client.post(url, {"programme": "Horizon Europe", "total_budget": "-5"}),
        "An amount cannot be negative.",
    )
    _refused(
        client.post(
            url, {"programme": "Horizon Europe", "total_budget": "100", "city_share": "200"}
        ),
        "The city&#x27;s share cannot exceed the total budget.",
    )
    assert not FundingLine.objects.filter(activity=item).exists()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/file", "example", "http://"]
)
def test_bad_web_addresses_are_refused(client: Client, eddie: User, url: str) -> None:
    login(client, eddie)
    item = activity()
    response = client.post(
        f"/en/staff/activities/{item.pk}/links/add/",
        {"title_fi": "Linkki", "url": url, "kind": "news"},
    )
    _refused(response, "Enter a web address that starts with http:// or https://.")
    assert not ActivityLink.objects.filter(activity=item).exists()


def test_a_duplicate_participant_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    item, org = activity(), organisation()
    Participant.objects.create(activity=item, organisation=org, role="partner")
    response = client.post(
        f"/en/staff/activities/{item.pk}/participants/add/",
        {"organisation": org.pk, "role": "partner"},
    )
    _refused(response, "This organisation already takes part in the activity in this role.")
    assert Participant.objects.filter(activity=item).count() == 1


def test_a_done_milestone_must_be_complete_and_an_outcome_needs_its_date(
    client: Client, eddie: User
) -> None:
    login(client, eddie)
    item = activity()
    _refused(
        client.post(
            f"/en/staff/activities/{item.pk}/milestones/add/",
            {"title_fi": "Vaihe", "progress": "50", "done_date": "2026-03-01", "order": "0"},
        ),
        "A milestone that is done has progress 100 %.",
    )
    _refused(
        client.post(
            f"/en/staff/activities/{item.pk}/outcomes/add/",
            {"description_fi": "Tulos", "current_value": "3"},
        ),
        "Give the date on which the current value was measured.",
    )
    assert not item.milestones.exists() and not item.outcomes.exists()


def test_bad_organisation_identifiers_are_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    response = client.post(
        "/en/staff/organisations/new/",
        {"name_fi": "Huono Oy", "kind": "company", "country": "FI", "pic": "12", "website": "nope"},
    )
    assert response.status_code == 400
    assert not Organisation.objects.filter(name_fi="Huono Oy").exists()


def test_errors_are_translated(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    response = client.post(
        f"/fi/staff/activities/{item.pk}/milestones/add/",
        {"title_fi": "Vaihe", "progress": "101", "order": "0"},
    )
    assert response.status_code == 400
    assert "Edistyminen on prosenttiluku 0–100." in text(response)
    response = client.post(
        f"/sv/staff/activities/{item.pk}/links/add/",
        {"title_fi": "L", "url": "ftp://x.org", "kind": "news"},
    )
    assert "Ange en webbadress som börjar med http:// eller https://." in text(response)


# Linked items from both sides


def test_links_show_from_both_sides(client: Client, vera: User, eddie: User) -> None:
    login(client, vera)
    network = organisation("Eurocities", kind="network")
    city = organisation("Tartu linn")
    item = activity()
    Participant.objects.create(activity=item, organisation=network, role="partner")
    Participant.objects.create(activity=item, organisation=city, role="fellow_city")
    membership = NetworkMembership.objects.create(
        slug="test-eurocities", network=network, status="active"
    )
    partnership = Partnership.objects.create(
        slug="test-tartu", partner=city, kind="sister_city", status="active"
    )
    goal = Goal.objects.first()
    AlignmentLink.objects.create(item=item, goal=goal, source="engine", confidence=0.6)
    idea = make_idea()
    idea_actions.change_state(idea, "in_review", eddie)
    accepted = idea_actions.change_state(idea, "accepted", eddie, activity_kind="eu_project")
    created = accepted.activity
    assert created is not None

    html = text(client.get(f"/en/staff/activities/{item.pk}/"))
    for url in [
        f"/en/staff/organisations/{network.pk}/",
        f"/en/staff/organisations/{city.pk}/",
        f"/en/staff/networks/{membership.pk}/",
        f"/en/staff/partnerships/{partnership.pk}/",
    ]:
        assert url in html, url
        assert f"/en/staff/activities/{item.pk}/" in text(client.get(url)), url
    assert str(goal) in html and "Pending review" in html
    assert f"/en/staff/networks/{membership.pk}/" in text(
        client.get(f"/en/staff/organisations/{network.pk}/")
    )
    assert f"/en/staff/partnerships/{partnership.pk}/" in text(
        client.get(f"/en/staff/organisations/{city.pk}/")
    )

    activity_page = text(client.get(f"/en/staff/activities/{created.pk}/"))
    assert f"/en/staff/ideas/{idea.pk}/" in activity_page and idea.reference in activity_page
    assert f"/en/staff/activities/{created.pk}/" in text(client.get(f"/en/staff/ideas/{idea.pk}/"))


def test_the_organisation_page_shows_contacts_with_purpose_and_review_date(
    client: Client, vera: User
) -> None:
    login(client, vera)
    org = organisation()
    contact = Contact.objects.create(
        organisation=org,
        name="Kadri Kask",
        email="kadri@example.ee",
        purpose="Contact for the lighting pilot",
        review_on=date(2020, 1, 1),
    )
    html = text(client.get(f"/en/staff/organisations/{org.pk}/"))
    assert "Kadri Kask" in html and "Contact for the lighting pilot" in html
    assert "review due" in html
    assert AuditEvent.objects.filter(
        action="view", model="registry.contact", object_id=str(contact.pk), actor=vera
    ).exists()


# Lists


def test_the_activity_list_searches_filters_sorts_and_counts(client: Client, vera: User) -> None:
    login(client, vera)
    activity(
        slug="test-a",
        title_fi="Aalto-yhteistyö",
        status="planned",
        start_date=date(2030, 1, 1),
        end_date=None,
    )
    activity(
        slug="test-b",
        title_fi="Berliinin vierailu",
        kind="delegation_outgoing",
        status="completed",
        start_date=date(2031, 5, 1),
        end_date=date(2031, 5, 3),
    )
    html = text(client.get("/en/staff/activities/?q=Berliinin"))
    assert "Berliinin vierailu" in html and "Aalto-yhteistyö" not in html
    assert "1 activity found" in html
    html = text(client.get("/en/staff/activities/?kind=delegation_outgoing&year=2031"))
    assert "Berliinin vierailu" in html and "Aalto-yhteistyö" not in html
    html = text(client.get("/en/staff/activities/?year=2030"))
    assert "Aalto-yhteistyö" in html and "Berliinin vierailu" not in html
    html = text(client.get("/en/staff/activities/?q=test-&sort=title"))
    assert html.index("Aalto-yhteistyö") < html.index("Berliinin vierailu")
    assert "Planned: <strong>1</strong>" in html and "Completed: <strong>1</strong>" in html
    html = text(client.get("/en/staff/activities/?q=test-&status=planned"))
    assert "Completed: <strong>1</strong>" in html  # counts ignore the status filter itself
    empty = text(client.get("/en/staff/activities/?q=nothing-like-this"))
    assert "No activities match these filters." in empty and "0 activities found" in empty


def test_the_activity_list_filters_by_goal_and_unit(client: Client, vera: User) -> None:
    login(client, vera)
    goal = Goal.objects.first()
    assert goal is not None
    linked, other = (
        activity(slug="test-goal", title_fi="Tavoitteellinen"),
        activity(slug="test-nogoal", title_fi="Muu työ"),
    )
    AlignmentLink.objects.create(item=linked, goal=goal, source="staff", review_state="confirmed")
    html = text(client.get(f"/en/staff/activities/?goal={goal.pk}"))
    assert "Tavoitteellinen" in html and "Muu työ" not in html
    assert other.pk


def test_the_organisation_list_filters(client: Client, vera: User) -> None:
    login(client, vera)
    organisation("Tartu linn")
    organisation("Eurocities", kind="network")
    html = text(client.get("/en/staff/organisations/?kind=network&q=Euro"))
    assert "Eurocities" in html and "Tartu linn" not in html
    assert "No organisations match" in text(client.get("/en/staff/organisations/?q=zzzzzz"))


def test_registry_records_are_created_and_edited(client: Client, eddie: User) -> None:
    login(client, eddie)
    response = client.post(
        "/en/staff/organisations/new/",
        {
            "name_fi": "Tallinnan kaupunki",
            "name_en": "City of Tallinn",
            "kind": "city",
            "country": "EE",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name_fi="Tallinnan kaupunki")
    assert org.slug == "tallinnan-kaupunki"
    response = client.post(
        "/en/staff/partnerships/new/",
        {"partner": org.pk, "kind": "mou", "status": "active", "agreement_year": "2024"},
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(partner=org)
    response = client.post(
        "/en/staff/networks/new/", {"network": org.pk, "status": "planned", "role_fi": "Jäsen"}
    )
    assert response.status_code == 302
    membership = NetworkMembership.objects.get(network=org)
    edit = f"/en/staff/networks/{membership.pk}/edit/"
    response = client.post(
        edit, {"network": org.pk, "status": "active", "version": version_in(client.get(edit))}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "active"
    assert f"/en/staff/partnerships/{partnership.pk}/" in text(
        client.get(f"/en/staff/organisations/{org.pk}/")
    )


# Languages


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["Aktiviteetit", "Uusi aktiviteetti", "Tila"]),
        ("sv", ["Aktiviteter", "Ny aktivitet", "Status"]),
    ],
)
def test_pages_render_in_finnish_and_swedish(
    client: Client, eddie: User, lang: str, words: list[str]
) -> None:
    login(client, eddie)
    item = activity(title_sv="Belysning")
    Milestone.objects.create(activity=item, title_fi="Vaihe", title_sv="Etapp", progress=30)
    html = text(client.get(f"/{lang}/staff/activities/"))
    for word in words:
        assert word in html, word
    detail = text(client.get(f"/{lang}/staff/activities/{item.pk}/"))
    assert ("Etapp" if lang == "sv" else "Vaihe") in detail
    assert f'lang="{lang}"' in detail


def test_the_alignment_queue_opens_portfolio_items_in_the_workspace(
    client: Client, vera: User
) -> None:
    login(client, vera)
    item = activity()
    membership = NetworkMembership.objects.create(
        slug="test-net", network=organisation("Eurocities", kind="network")
    )
    goal = Goal.objects.first()
    AlignmentLink.objects.create(item=item, goal=goal, source="engine", confidence=0.5)
    AlignmentLink.objects.create(item=membership, goal=goal, source="engine", confidence=0.5)
    html = text(client.get("/en/staff/alignment/"))
    assert f'href="/en/staff/activities/{item.pk}/"' in html
    assert f'href="/en/staff/networks/{membership.pk}/"' in html


def test_the_menu_marks_the_portfolio_section(client: Client, vera: User) -> None:
    login(client, vera)
    item = activity()
    html = text(client.get(f"/en/staff/activities/{item.pk}/"))
    assert 'aria-current="true">Portfolio</a>' in html
    assert 'aria-current="true">Activities</a>' in html
    html = text(client.get("/en/staff/organisations/"))
    assert 'aria-current="page">Organisations</a>' in html


def test_the_new_and_the_edit_activity_pages_have_their_own_title_and_way_back(
    client: Client, eddie: User
) -> None:
    item = Activity.objects.create(slug="zz-form", title_fi="Lomakehanke", kind="event")
    login(client, eddie)
    new = client.get("/en/staff/activities/new/").content.decode()
    edit = client.get(f"/en/staff/activities/{item.pk}/edit/").content.decode()
    assert "<h1>New activity</h1>" in new and 'href="/en/staff/activities/"' in new
    assert "<h1>Edit the activity “Lomakehanke”</h1>" in edit
    assert f'href="/en/staff/activities/{item.pk}/"' in edit
    assert 'value="Lomakehanke"' in edit and 'value="Lomakehanke"' not in new
