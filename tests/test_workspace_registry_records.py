"""Contacts, themes, target markets and city units in the staff workspace, and the removal
of whole activities, organisations, memberships and partnerships: eddie keeps contacts,
themes and records; ada also keeps target markets and city units; vera reads; nothing in
use is removed, and every change is in the audit trail (contacts without their names).

Long because each registry record type (contacts, themes, target markets, city units,
removals) needs its add/edit/stale/refused tests, on one set of helpers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from audit.models import AuditEvent
from ideas import actions as idea_actions
from portfolio.models import Activity, Milestone, Participant
from registry.models import (
    CityUnit,
    Contact,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from strategy.models import AlignmentLink, Goal
from tests.personas import login
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

CONTACT = {
    "name": "Kadri Kask",
    "position": "Project manager",
    "email": "kadri@tartu.example",
    "phone": "+372 555 0000",
    "purpose": "Smart lighting pilot",
    "review_on": "2027-06-30",
}


def organisation(name: str = "Tartu linn") -> Organisation:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Organisation.objects.create(slug=f"test-{slug}", name_fi=name, kind="city", country="EE")


def activity(**extra: Any) -> Activity:
    return Activity.objects.create(
        slug=extra.pop("slug", "test-lighting"),
        title_fi="Valaistus",
        kind="eu_project",
        status="ongoing",
        **extra,
    )


def version_in(page: Any) -> str:
    match = re.search(r'name="version" value="([0-9a-f]+)"', page.content.decode())
    assert match, "the page carries no version"
    return match.group(1)


def text(response: Any) -> str:
    return response.content.decode()


def messages_after(response: Any, client: Client) -> str:
    return text(client.get(response["Location"]))


# Contacts


def test_eddie_adds_edits_and_removes_a_contact(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    base = f"/en/staff/organisations/{org.pk}/contacts/"
    assert client.get(f"{base}add/").status_code == 200
    response = client.post(f"{base}add/", CONTACT)
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/organisations/{org.pk}/#contacts"
    contact = Contact.objects.get(organisation=org)
    assert contact.purpose == "Smart lighting pilot" and contact.review_on == date(2027, 6, 30)

    form = client.get(f"{base}{contact.pk}/edit/")
    assert "kadri@tartu.example" in text(form)
    response = client.post(
        f"{base}{contact.pk}/edit/",
        {**CONTACT, "position": "Head of unit", "version": version_in(form)},
    )
    assert response.status_code == 302
    assert Contact.objects.get(pk=contact.pk).position == "Head of unit"

    confirm = client.get(f"{base}{contact.pk}/remove/")
    assert "Remove the contact “Kadri Kask”?" in text(confirm)
    assert "It is removed from the organisation “Tartu linn”" in text(confirm)
    response = client.post(f"{base}{contact.pk}/remove/", {"version": version_in(confirm)})
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_the_audit_trail_never_names_a_contact(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    client.post(f"/en/staff/organisations/{org.pk}/contacts/add/", CONTACT)
    contact = Contact.objects.get(organisation=org)
    base = f"/en/staff/organisations/{org.pk}/contacts/{contact.pk}"
    form = client.get(f"{base}/edit/")
    client.post(f"{base}/edit/", {**CONTACT, "phone": "+372 555 1111", "version": version_in(form)})
    confirm = client.get(f"{base}/remove/")
    client.post(f"{base}/remove/", {"version": version_in(confirm)})
    events = AuditEvent.objects.filter(model="registry.contact", object_id=str(contact.pk))
    assert set(events.values_list("action", flat=True)) == {"create", "update", "delete", "view"}
    assert all(event.actor == eddie for event in events)
    for event in events:
        written = f"{event.object_repr} {event.changes}"
        assert "Kadri" not in written and "kadri@" not in written and "555" not in written


def test_a_contact_needs_a_purpose_and_a_review_date(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    url = f"/fi/staff/organisations/{org.pk}/contacts/add/"
    bad = {**CONTACT, "purpose": "", "review_on": "2027-02-30", "email": "not an address"}
    response = client.post(url, bad)
    assert response.status_code == 400
    html = text(response)
    assert 'id="error-summary"' in html
    assert "Tämä kenttä vaaditaan." in html  # the purpose, in Finnish
    assert not Contact.objects.filter(organisation=org).exists()


def test_a_stale_contact_form_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    contact = Contact.objects.create(organisation=org, **{**CONTACT, "review_on": date(2027, 1, 1)})
    url = f"/en/staff/organisations/{org.pk}/contacts/{contact.pk}/edit/"
    version = version_in(client.get(url))
    Contact.objects.filter(pk=contact.pk).update(position="Changed meanwhile")
    response = client.post(url, {**CONTACT, "position": "Mine", "version": version})
    assert response.status_code == 409
    assert "was changed by someone else" in text(response)
    assert Contact.objects.get(pk=contact.pk).position == "Changed meanwhile"


def test_a_contact_of_another_organisation_is_not_found(client: Client, eddie: User) -> None:
    login(client, eddie)
    contact = Contact.objects.create(
        organisation=organisation(), **{**CONTACT, "review_on": date(2027, 1, 1)}
    )
    other = organisation("Tallinn")
    url = f"/en/staff/organisations/{other.pk}/contacts/{contact.pk}/edit/"
    assert client.get(url).status_code == 404
    assert client.post(url.replace("edit", "remove")).status_code == 404


def test_the_organisation_page_offers_the_contact_forms_to_editors_only(
    client: Client, eddie: User, vera: User
) -> None:
    org = organisation()
    Contact.objects.create(organisation=org, **{**CONTACT, "review_on": date(2027, 1, 1)})
    login(client, vera)
    page = text(client.get(f"/en/staff/organisations/{org.pk}/"))
    assert "Add a contact" not in page and "Remove the organisation" not in page
    assert client.get(f"/en/staff/organisations/{org.pk}/contacts/add/").status_code == 403
    login(client, eddie)
    page = text(client.get(f"/en/staff/organisations/{org.pk}/"))
    assert "Add a contact" in page and "Remove the organisation" in page


# Themes, target markets and city units


def test_eddie_keeps_themes(client: Client, eddie: User) -> None:
    login(client, eddie)
    assert "New theme" in text(client.get("/en/staff/themes/"))
    response = client.post(
        "/en/staff/themes/new/", {"name_fi": "Kiertotalous", "name_sv": "Cirkulär ekonomi"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/staff/themes/"
    theme = Theme.objects.get(name_fi="Kiertotalous")
    assert theme.slug == "kiertotalous"
    assert "The theme “Kiertotalous” was created." in messages_after(response, client)

    form = client.get(f"/en/staff/themes/{theme.pk}/edit/")
    response = client.post(
        f"/en/staff/themes/{theme.pk}/edit/",
        {"name_fi": "Kiertotalous", "name_en": "Circular economy", "version": version_in(form)},
    )
    assert response.status_code == 302
    assert Theme.objects.get(pk=theme.pk).name_en == "Circular economy"
    listing = text(client.get("/en/staff/themes/?q=circular"))
    assert "1 theme found" in listing and "Circular economy" in listing
    assert AuditEvent.objects.filter(model="registry.theme", actor=eddie).count() == 2


def test_the_lists_search_page_and_say_when_nothing_is_found(client: Client, vera: User) -> None:
    login(client, vera)
    for number in range(51):
        Theme.objects.create(slug=f"test-{number}", name_fi=f"Testiteema {number:02}")
    first = text(client.get("/en/staff/themes/?q=Testiteema"))
    assert "51 themes found" in first and "Testiteema 49" in first
    assert "Testiteema 50" not in first and 'rel="next"' in first
    assert "Testiteema 50" in text(client.get("/en/staff/themes/?q=Testiteema&page=2"))
    assert "New theme" not in first  # vera reads only
    nothing = text(client.get("/en/staff/themes/?q=no-such-theme"))
    assert "No themes match the search." in nothing
    for path in ("markets", "units"):
        assert "match the search" in text(client.get(f"/en/staff/{path}/?q=no-such-thing"))


def test_an_empty_list_says_so(client: Client, vera: User) -> None:
    TargetMarket.objects.all().delete()
    login(client, vera)
    assert "There are no target markets yet." in text(client.get("/en/staff/markets/"))


def test_a_theme_without_a_finnish_name_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    before = Theme.objects.count()
    response = client.post("/sv/staff/themes/new/", {"name_sv": "Utan finska"})
    assert response.status_code == 400
    assert "Det här fältet är obligatoriskt." in text(response)
    assert Theme.objects.count() == before


def test_a_stale_theme_form_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    theme = Theme.objects.create(slug="test-theme", name_fi="Koulutus")
    url = f"/en/staff/themes/{theme.pk}/edit/"
    version = version_in(client.get(url))
    Theme.objects.filter(pk=theme.pk).update(name_fi="Opetus")
    response = client.post(url, {"name_fi": "Kasvatus", "version": version})
    assert response.status_code == 409
    assert Theme.objects.get(pk=theme.pk).name_fi == "Opetus"


def test_target_markets_and_city_units_are_kept_by_admins(
    client: Client, eddie: User, ada: User
) -> None:
    login(client, eddie)
    for path in ("markets", "units"):
        listing = text(client.get(f"/en/staff/{path}/"))
        assert "New " not in listing  # no create button for an editor
        assert client.get(f"/en/staff/{path}/new/").status_code == 403
        assert client.post(f"/en/staff/{path}/new/", {"name_fi": "X"}).status_code == 403
    login(client, ada)
    response = client.post(
        "/en/staff/units/new/",
        {"name_fi": "Testiyksikkö", "name_sv": "Testenheten", "email": "yksikko@espoo.example"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/staff/units/"
    unit = CityUnit.objects.get(name_fi="Testiyksikkö")
    assert unit.slug == "testiyksikko"
    TargetMarket.objects.filter(country="JP").delete()
    response = client.post(
        "/en/staff/markets/new/",
        {"country": "JP", "responsible_unit": unit.pk, "description_fi": "Japani"},
    )
    assert response.status_code == 302
    market = TargetMarket.objects.get(country="JP")
    assert market.responsible_unit == unit
    assert "Japan" in text(client.get("/en/staff/markets/?q=japan"))
    form = client.get(f"/en/staff/markets/{market.pk}/edit/")
    response = client.post(
        f"/en/staff/markets/{market.pk}/edit/",
        {"country": "JP", "description_fi": "Japani ja Etelä-Korea", "version": version_in(form)},
    )
    assert response.status_code == 302
    market.refresh_from_db()
    assert market.responsible_unit is None and market.description_fi.startswith("Japani ja")


def test_bad_target_markets_and_units_are_refused(client: Client, ada: User) -> None:
    login(client, ada)
    TargetMarket.objects.get_or_create(country="SE")
    markets = TargetMarket.objects.count()
    response = client.post("/fi/staff/markets/new/", {"country": "SE"})
    assert response.status_code == 400  # one market per country
    assert "on jo olemassa" in text(response)
    assert client.post("/en/staff/markets/new/", {"country": "XX"}).status_code == 400
    assert TargetMarket.objects.count() == markets
    units = CityUnit.objects.count()
    response = client.post("/en/staff/units/new/", {"name_fi": "Yksikkö", "email": "no address"})
    assert response.status_code == 400 and "Enter a valid email address." in text(response)
    assert CityUnit.objects.count() == units


def test_a_theme_in_use_is_not_removed(client: Client, eddie: User) -> None:
    login(client, eddie)
    theme = Theme.objects.create(slug="test-theme", name_fi="Koulutus")
    partnership = Partnership.objects.create(
        slug="test-p", partner=organisation("Shanghai"), kind="friendship", status="active"
    )
    partnership.themes.add(theme)
    url = f"/en/staff/themes/{theme.pk}/remove/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    html = text(confirm)
    assert "cannot be removed while these records use it" in html
    assert f'href="/en/staff/partnerships/{partnership.pk}/"' in html
    assert 'class="danger"' not in html  # no remove button
    response = client.post(url, {"version": version_in(client.get(f"{url[:-7]}edit/"))})
    assert response.status_code == 409
    assert "1 other record still uses it. Nothing was removed." in text(response)
    assert Theme.objects.filter(pk=theme.pk).exists()
    assert list(partnership.themes.all()) == [theme]


def test_a_city_unit_in_use_is_not_removed_and_a_free_one_is(client: Client, ada: User) -> None:
    login(client, ada)
    unit = CityUnit.objects.create(slug="test-unit", name_fi="Testiyksikkö")
    used = activity(responsible_unit=unit)
    url = f"/fi/staff/units/{unit.pk}/remove/"
    confirm = client.get(url)
    assert f'href="/fi/staff/activities/{used.pk}/"' in text(confirm)
    response = client.post(url, {"version": "x"})
    assert response.status_code == 409
    assert CityUnit.objects.filter(pk=unit.pk).exists()

    Activity.objects.filter(pk=used.pk).update(responsible_unit=None)
    confirm = client.get(url)
    response = client.post(url, {"version": version_in(confirm)})
    assert response.status_code == 302 and response["Location"] == "/fi/staff/units/"
    assert not CityUnit.objects.filter(pk=unit.pk).exists()
    assert "Poistettu: Testiyksikkö" in messages_after(response, client)
    assert AuditEvent.objects.filter(action="delete", model="registry.cityunit", actor=ada).exists()


def test_ada_removes_a_target_market(client: Client, ada: User) -> None:
    login(client, ada)
    market, _created = TargetMarket.objects.get_or_create(country="JP")
    url = f"/en/staff/markets/{market.pk}/remove/"
    response = client.post(url, {"version": version_in(client.get(url))})
    assert response.status_code == 302 and response["Location"] == "/en/staff/markets/"
    assert not TargetMarket.objects.filter(pk=market.pk).exists()


# Removing whole records


def test_an_organisation_in_use_is_not_removed(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    item = activity()
    Participant.objects.create(activity=item, organisation=org, role="partner")
    Partnership.objects.create(slug="test-p", partner=org, kind="mou", status="active")
    NetworkMembership.objects.create(slug="test-net", network=org)
    url = f"/en/staff/organisations/{org.pk}/remove/"
    confirm = client.get(url)
    html = text(confirm)
    assert confirm.status_code == 200
    assert "Participant: " in html and f'href="/en/staff/activities/{item.pk}/"' in html
    assert "Partnership: " in html and "Network membership: " in html
    form = client.get(f"/en/staff/organisations/{org.pk}/edit/")
    response = client.post(url, {"version": version_in(form)})
    assert response.status_code == 409
    assert "3 other records still use it" in text(response)
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert not AuditEvent.objects.filter(action="delete", actor=eddie).exists()


def test_an_organisation_goes_with_its_contacts(client: Client, eddie: User) -> None:
    login(client, eddie)
    org = organisation()
    contact = Contact.objects.create(organisation=org, **{**CONTACT, "review_on": date(2027, 1, 1)})
    url = f"/en/staff/organisations/{org.pk}/remove/"
    confirm = client.get(url)
    assert "Removed with it" in text(confirm) and "Contacts: 1" in text(confirm)
    response = client.post(url, {"version": version_in(confirm)})
    assert response.status_code == 302 and response["Location"] == "/en/staff/organisations/"
    assert "Removed: Tartu linn" in messages_after(response, client)
    assert not Organisation.objects.filter(pk=org.pk).exists()
    assert not Contact.objects.filter(pk=contact.pk).exists()
    removed = AuditEvent.objects.filter(action="delete", actor=eddie)
    assert set(removed.values_list("model", flat=True)) == {
        "registry.organisation",
        "registry.contact",
    }
    assert "Kadri" not in removed.get(model="registry.contact").object_repr


def test_an_activity_goes_with_its_parts_and_goal_links(client: Client, eddie: User) -> None:
    login(client, eddie)
    item = activity()
    Milestone.objects.create(activity=item, title_fi="Vaihe")
    Participant.objects.create(activity=item, organisation=organisation(), role="partner")
    AlignmentLink.objects.create(
        item=item, goal=Goal.objects.first(), source="engine", confidence=0.5
    )
    url = f"/en/staff/activities/{item.pk}/remove/"
    confirm = client.get(url)
    html = text(confirm)
    assert "Milestones: 1" in html and "Participants: 1" in html and "Alignment links: 1" in html
    assert Activity.objects.filter(pk=item.pk).exists()  # showing removes nothing
    assert client.post(url).status_code == 409  # a POST without the version is refused
    response = client.post(url, {"version": version_in(confirm)})
    assert response.status_code == 302 and response["Location"] == "/en/staff/activities/"
    assert not Activity.objects.filter(pk=item.pk).exists()
    assert not AlignmentLink.objects.filter(object_id=item.pk, content_type__model="activity")
    assert set(
        AuditEvent.objects.filter(action="delete", actor=eddie).values_list("model", flat=True)
    ) == {
        "portfolio.activity",
        "portfolio.milestone",
        "portfolio.participant",
        "strategy.alignmentlink",
    }


def test_an_activity_an_idea_was_accepted_into_stays(client: Client, eddie: User) -> None:
    idea = make_idea()
    idea_actions.change_state(idea, "in_review", eddie)
    created = idea_actions.change_state(idea, "accepted", eddie, activity_kind="event").activity
    assert created is not None
    login(client, eddie)
    url = f"/sv/staff/activities/{created.pk}/remove/"
    confirm = client.get(url)
    assert f'href="/sv/staff/ideas/{idea.pk}/"' in text(confirm)
    response = client.post(url, {"version": version_in(client.get(f"{url[:-7]}edit/"))})
    assert response.status_code == 409
    assert "kan inte tas bort" in text(response)
    assert Activity.objects.filter(pk=created.pk).exists()


def test_a_stale_removal_of_a_membership_is_refused(client: Client, eddie: User) -> None:
    login(client, eddie)
    membership = NetworkMembership.objects.create(slug="test-net", network=organisation())
    url = f"/en/staff/networks/{membership.pk}/remove/"
    version = version_in(client.get(url))
    NetworkMembership.objects.filter(pk=membership.pk).update(role_fi="Hallituksen jäsen")
    response = client.post(url, {"version": version})
    assert response.status_code == 409 and "changed by someone else" in text(response)
    assert NetworkMembership.objects.filter(pk=membership.pk).exists()
    response = client.post(url, {"version": version_in(response)})
    assert response.status_code == 302 and response["Location"] == "/en/staff/networks/"
    assert not NetworkMembership.objects.filter(pk=membership.pk).exists()


def test_eddie_removes_a_partnership_but_vera_cannot(
    client: Client, eddie: User, vera: User
) -> None:
    partnership = Partnership.objects.create(
        slug="test-p", partner=organisation(), kind="mou", status="active"
    )
    partnership.themes.add(Theme.objects.create(slug="test-theme", name_fi="Koulutus"))
    url = f"/en/staff/partnerships/{partnership.pk}/remove/"
    login(client, vera)
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": "x"}).status_code == 403
    login(client, eddie)
    response = client.post(url, {"version": version_in(client.get(url))})
    assert response.status_code == 302 and response["Location"] == "/en/staff/partnerships/"
    assert not Partnership.objects.filter(pk=partnership.pk).exists()
    assert Theme.objects.filter(slug="test-theme").exists()  # the theme stays


@pytest.mark.parametrize(
    "path",
    ["themes/", "themes/new/", "markets/", "markets/new/", "units/", "units/new/"],
)
def test_anonymous_visitors_are_sent_to_the_login(client: Client, path: str) -> None:
    response = client.get(f"/en/staff/{path}")
    assert response.status_code == 302 and "/en/staff/login/" in response["Location"]


def test_the_new_pages_speak_finnish_and_swedish(client: Client, ada: User) -> None:
    login(client, ada)
    org = organisation()
    pages = {
        "/fi/staff/themes/": ["Teemat", "Uusi teema"],
        "/fi/staff/markets/": ["Kohdemarkkinat", "Uusi kohdemarkkina"],
        "/fi/staff/units/": ["Kaupungin yksiköt", "Uusi kaupungin yksikkö"],
        f"/fi/staff/organisations/{org.pk}/remove/": ["Poistetaanko organisaatio"],
        f"/fi/staff/organisations/{org.pk}/contacts/add/": ["Lisää yhteyshenkilö"],
        "/sv/staff/themes/": ["Teman", "Nytt tema"],
        "/sv/staff/markets/": ["Målmarknader", "Ny målmarknad"],
        "/sv/staff/units/": ["Stadens enheter", "Ny enhet"],
        f"/sv/staff/organisations/{org.pk}/remove/": ["Ta bort organisationen"],
        f"/sv/staff/organisations/{org.pk}/contacts/add/": ["Lägg till en kontaktperson"],
    }
    for url, expected in pages.items():
        html = text(client.get(url))
        for phrase in expected:
            assert phrase in html, (url, phrase)


def test_a_long_list_of_users_is_cut_short(client: Client, eddie: User) -> None:
    login(client, eddie)
    theme = Theme.objects.create(slug="test-theme", name_fi="Koulutus")
    partner = organisation()
    for number in range(27):
        Partnership.objects.create(
            slug=f"test-p{number}", partner=partner, kind="mou", status="active"
        ).themes.add(theme)
    html = text(client.get(f"/en/staff/themes/{theme.pk}/remove/"))
    assert html.count("Partnership: ") == 25 and "and 2 more" in html
