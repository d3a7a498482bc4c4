"""The portal client and the fetch against a local fake of the portal's search API.

Most tests answer in-process through ``FakePortal.transport()`` (an httpx MockTransport);
the command test and the unreachable-port tests go over real sockets.
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from radar.client import PortalClient, PortalError
from radar.fetch import run_fetch
from radar.models import Call, FetchRun
from tests.radar_fixtures.fake_portal import FakePortal, fixture, quick, serve, two_pages

URL = "https://portal.example/search-api/prod/rest/search"

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast(settings: Any) -> Any:
    return quick(settings, retries=2)


def test_it_reads_every_page_and_asks_for_open_and_forthcoming_calls(fast: Any) -> None:
    portal = two_pages()
    result = PortalClient(URL, transport=portal.transport()).fetch()
    assert [r["metadata"]["identifier"][0] for r in result.results] == [
        "HORIZON-MISS-2026-CIT-01-01",
        "DIGITAL-2026-SKILLS-02-01",
        "HORIZON-CL5-2026-D4-01-03",
    ]
    assert result.complete and result.pages == 2
    first = portal.requests[0]
    assert first["query"]["apiKey"] == ["SEDIA"] and first["query"]["pageSize"] == ["2"]
    assert [r["query"]["pageNumber"] for r in portal.requests] == [["1"], ["2"]]
    assert first["type"].startswith("multipart/form-data")
    assert b'"31094502"' in first["body"] and b'"31094501"' in first["body"]


def test_the_search_travels_as_json_form_parts_and_the_url_keeps_its_own_query(
    fast: Any,
) -> None:
    portal = two_pages()
    PortalClient(URL + "?tenant=espoo", transport=portal.transport()).fetch()
    first = portal.requests[0]
    assert first["query"]["tenant"] == ["espoo"] and first["query"]["text"] == ["***"]
    body = first["body"].decode()
    for name in ("query", "languages", "sort"):
        assert f'Content-Disposition: form-data; name="{name}"\r\n' in body  # no file name
    assert body.count("Content-Type: application/json") == 3


def test_a_rate_limit_answer_is_retried(fast: Any) -> None:
    portal = two_pages()
    portal.page(1, (429, b"slow down", 0), (200, fixture("portal_page1.json"), 0))
    result = PortalClient(URL, transport=portal.transport()).fetch()
    assert result.retries == 1 and len(result.results) == 3


def test_an_address_that_is_not_http_fails_before_any_request(fast: Any) -> None:
    portal = two_pages()
    with pytest.raises(PortalError, match="http or https"):
        PortalClient("file:///etc/passwd", transport=portal.transport()).fetch()
    assert portal.requests == []


def test_it_waits_between_pages(fast: Any) -> None:
    fast.RADAR_REQUEST_DELAY = 0.2
    portal = two_pages()
    client = PortalClient(URL, transport=portal.transport())
    client.fetch()
    assert client.waits == [0.2]
    assert portal.times[1] - portal.times[0] >= 0.2


def test_it_retries_server_errors_with_growing_pauses(fast: Any) -> None:
    portal = two_pages()
    portal.page(1, (500, b"oops", 0), (503, b"busy", 0), (200, fixture("portal_page1.json"), 0))
    client = PortalClient(URL, transport=portal.transport(), backoff=0.05)
    result = client.fetch()
    assert len(result.results) == 3 and result.retries == 2
    assert client.waits == [0.05, 0.1]  # exponential backoff


def test_a_timeout_is_retried(fast: Any) -> None:
    portal = two_pages()
    portal.page(1, (200, fixture("portal_page1.json"), 1.5), (200, fixture("portal_page1.json"), 0))
    result = PortalClient(URL, transport=portal.transport(), timeout=0.5).fetch()
    assert result.retries == 1 and len(result.results) == 3


def test_broken_json_is_retried_then_fails_clearly(fast: Any) -> None:
    portal = FakePortal()
    portal.page(1, (200, fixture("portal_broken.json"), 0))
    with pytest.raises(PortalError, match="not valid JSON"):
        PortalClient(URL, transport=portal.transport()).fetch()
    assert len(portal.requests) == 3  # one try and two retries


def test_a_client_error_is_not_retried(fast: Any) -> None:
    portal = FakePortal()
    portal.page(1, (400, b"{}", 0))
    with pytest.raises(PortalError, match="HTTP 400"):
        PortalClient(URL, transport=portal.transport()).fetch()
    assert len(portal.requests) == 1


def test_an_answer_without_results_fails(fast: Any) -> None:
    portal = FakePortal()
    portal.page(1, (200, json.dumps({"totalResults": 1, "items": []}).encode(), 0))
    with pytest.raises(PortalError, match="no list of results"):
        PortalClient(URL, transport=portal.transport()).fetch()


def test_a_partial_answer_is_noted_and_closes_nothing(fast: Any) -> None:
    portal = FakePortal()
    portal.page(1, (200, fixture("portal_page1.json"), 0))
    portal.page(2, (200, fixture("portal_empty.json"), 0))
    result = PortalClient(URL, transport=portal.transport()).fetch()
    assert len(result.results) == 2 and not result.complete
    assert any("announced 3 results but sent 2" in p for p in result.problems)


def test_an_unreachable_portal_is_a_clear_error_and_a_failed_command(fast: Any) -> None:
    fast.RADAR_API_URL = "http://127.0.0.1:9/search"  # nothing listens on the discard port
    with pytest.raises(CommandError, match=r"could not be reached at http://127\.0\.0\.1:9/search"):
        call_command("fetch_calls", "--no-progress", stdout=StringIO())
    run = FetchRun.objects.get()
    assert run.status == FetchRun.Status.FAILED and "could not be reached" in run.error
    assert not Call.objects.exists()


def test_the_error_is_translated(fast: Any) -> None:
    from django.utils import translation

    with translation.override("fi"), pytest.raises(PortalError) as error:
        PortalClient("http://127.0.0.1:9/search").fetch()
    assert "portaaliin" in str(error.value) or "portaali" in str(error.value)


def test_fetch_stores_calls_with_deadlines_budget_and_status(fast: Any) -> None:
    run = run_fetch(PortalClient(URL, transport=two_pages().transport()), match=False)
    assert run.status == FetchRun.Status.SUCCEEDED
    assert run.counts["new"] == 3
    climate = Call.objects.get(topic_id="HORIZON-MISS-2026-CIT-01-01")
    assert climate.call_id == "HORIZON-MISS-2026-CIT-01"
    assert climate.programme == "Horizon Europe"
    assert climate.status == "open"
    assert climate.total_budget == 12_000_000 and climate.grant_min == 3_000_000
    assert climate.grant_max == 6_000_000
    assert "climate neutrality" in climate.description and "<b>" not in climate.description
    assert climate.url.endswith("/topic-details/horizon-miss-2026-cit-01-01")
    digital = Call.objects.get(topic_id="DIGITAL-2026-SKILLS-02-01")
    assert digital.status == "forthcoming" and digital.programme == "Digital Europe"
    two = Call.objects.get(topic_id="HORIZON-CL5-2026-D4-01-03")
    assert two.deadlines.count() == 2 and two.deadline_model == "two-stage"
    assert two.next_deadline == two.deadlines.order_by("-at")[0].at  # first stage is past


def test_refetch_updates_changed_calls_marks_new_and_closes_gone_ones(fast: Any) -> None:
    first = run_fetch(PortalClient(URL, transport=two_pages().transport()), match=False)
    portal = FakePortal()
    portal.page(1, (200, fixture("portal_refetch.json"), 0))
    second = run_fetch(PortalClient(URL, transport=portal.transport(), page_size=10), match=False)
    assert second.counts["new"] == 1
    assert second.counts["updated"] == 1
    assert second.counts["unchanged"] == 1
    assert second.counts["closed"] == 1  # the digital call is no longer listed
    assert second.counts["skipped"] == 1  # the result without identifier
    assert any("without an identifier" in p for p in second.problems)
    new = Call.objects.get(topic_id="LIFE-2026-CET-LOCAL-01")
    assert new.first_run == second and new.total_budget is None  # its budget JSON is broken
    climate = Call.objects.get(topic_id="HORIZON-MISS-2026-CIT-01-01")
    assert climate.first_run == first and climate.last_run == second
    assert "heat pumps" in climate.title
    assert Call.objects.get(topic_id="DIGITAL-2026-SKILLS-02-01").status == "closed"
    assert Call.objects.count() == 4


def test_the_command_prints_a_summary(fast: Any) -> None:
    with serve(two_pages()) as url:
        fast.RADAR_API_URL = url
        out = StringIO()
        call_command("fetch_calls", "--no-progress", stdout=out)
    assert "3 new, 0 updated, 0 unchanged, 0 closed" in out.getvalue()
    assert "Matches stored:" in out.getvalue()
