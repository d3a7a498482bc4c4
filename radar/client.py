"""A client for the EU Funding & Tenders portal's public search API (SEDIA).

One POST per page to ``RADAR_API_URL`` with ``apiKey``, ``text``, ``pageSize`` and
``pageNumber`` in the query string and the search (``query``, ``languages``, ``sort``) as
JSON parts of a multipart form, the way the portal's own pages ask. Pages are fetched
until the reported ``totalResults`` are in, a page comes back empty or ``RADAR_MAX_PAGES``
is reached, with a pause of ``RADAR_REQUEST_DELAY`` seconds between requests. A 5xx or
429 answer, a timeout, a refused connection or a body that is not JSON is retried after
``RADAR_BACKOFF_SECONDS * 2**attempt`` seconds, up to ``RADAR_RETRIES`` times; after that
(or on any other 4xx) the whole fetch fails with a :class:`PortalError` and nothing is
stored. HTTP is httpx (the multipart body is its ``files=``); the retry loop is ours because
it also retries answers (5xx, 429, broken JSON), not only failed connections. Tests pass an
``httpx.MockTransport`` as ``transport``.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from core import textinput

STATUS_FORTHCOMING = "31094501"
STATUS_OPEN = "31094502"
STATUS_CLOSED = "31094503"
# Result types of the search: 1 and 2 are calls for proposals and their topics.
CALL_TYPES = ("1", "2")
USER_AGENT = "international-espoo-radar/1.0 (+https://www.espoo.fi)"
# The system's certificate store, as before httpx (whose default is certifi's bundle).
TLS = ssl.create_default_context()


class PortalError(Exception):
    """The portal could not give a complete answer; the message is for people."""


@dataclass
class FetchResult:
    results: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None
    pages: int = 0
    requests: int = 0
    retries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every result the portal announced arrived (so absent calls may be closed)."""
        return self.total is not None and len(self.results) >= self.total


def search_query(statuses: tuple[str, ...] = (STATUS_OPEN, STATUS_FORTHCOMING)) -> dict[str, Any]:
    return {
        "bool": {
            "must": [
                {"terms": {"type": list(CALL_TYPES)}},
                {"terms": {"status": list(statuses)}},
            ]
        }
    }


class _Retryable(Exception):
    pass


class PortalClient:
    def __init__(
        self,
        url: str | None = None,
        *,
        page_size: int | None = None,
        max_pages: int | None = None,
        delay: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        progress: Callable[[int, int | None], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url or settings.RADAR_API_URL
        self.page_size = page_size or settings.RADAR_PAGE_SIZE
        self.max_pages = max_pages or settings.RADAR_MAX_PAGES
        self.delay = settings.RADAR_REQUEST_DELAY if delay is None else delay
        self.retries = settings.RADAR_RETRIES if retries is None else retries
        self.backoff = settings.RADAR_BACKOFF_SECONDS if backoff is None else backoff
        self.timeout = timeout or settings.RADAR_TIMEOUT
        self.sleep = sleep
        self.progress = progress
        self.transport = transport
        self.waits: list[float] = []  # every pause taken, for the tests and the report

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self.waits.append(seconds)
            self.sleep(seconds)

    def fetch(self, statuses: tuple[str, ...] = (STATUS_OPEN, STATUS_FORTHCOMING)) -> FetchResult:
        """Every open and forthcoming call, page by page."""
        result = FetchResult()
        body_parts = {
            "query": search_query(statuses),
            "languages": ["en"],
            "sort": {"field": "sortStatus", "order": "ASC"},
        }
        if not self.url.startswith(("http://", "https://")):
            raise PortalError(_("RADAR_API_URL must be an http or https address."))
        with httpx.Client(
            transport=self.transport,
            timeout=self.timeout,
            verify=TLS,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        ) as http:
            self._fetch_pages(http, body_parts, result)
        if result.total is None:
            result.problems.append(_("The portal did not say how many calls there are."))
        elif len(result.results) < result.total:
            result.problems.append(
                _("The portal announced %(total)d results but sent %(got)d.")
                % {"total": result.total, "got": len(result.results)}
            )
        return result

    def _fetch_pages(
        self, http: httpx.Client, body_parts: dict[str, Any], result: FetchResult
    ) -> None:
        for number in range(1, self.max_pages + 1):
            if number > 1:
                self._pause(self.delay)
            payload = self._page(http, number, body_parts, result)
            results = payload.get("results")
            if not isinstance(results, list):
                raise PortalError(
                    _("The portal's answer for page %(page)d has no list of results.")
                    % {"page": number}
                )
            total = payload.get("totalResults")
            if isinstance(total, int) and total >= 0:
                result.total = total
            result.pages = number
            result.results.extend(r for r in results if isinstance(r, dict))
            if self.progress:
                self.progress(len(result.results), result.total)
            if not results or (result.total is not None and len(result.results) >= result.total):
                break
        else:
            result.problems.append(
                _("Stopped after %(pages)d pages (RADAR_MAX_PAGES).") % {"pages": self.max_pages}
            )

    def _page(
        self, http: httpx.Client, number: int, parts: dict[str, Any], result: FetchResult
    ) -> dict[str, Any]:
        address = httpx.URL(self.url).copy_merge_params(
            {"apiKey": "SEDIA", "text": "***", "pageSize": self.page_size, "pageNumber": number}
        )
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                result.retries += 1
                self._pause(self.backoff * 2 ** (attempt - 1))
            try:
                result.requests += 1
                return self._request(http, address, parts)
            except _Retryable as exc:
                last = str(exc)
        raise PortalError(
            _(
                "The EU Funding & Tenders portal could not be reached at %(url)s "
                "(page %(page)d, %(attempts)d attempts): %(reason)s"
            )
            % {"url": self.url, "page": number, "attempts": self.retries + 1, "reason": last}
        )

    def _request(
        self, http: httpx.Client, address: httpx.URL, parts: dict[str, Any]
    ) -> dict[str, Any]:
        # Each search part is a JSON form field without a file name, as the portal's pages send.
        files = {
            name: (None, json.dumps(value), "application/json") for name, value in parts.items()
        }
        try:
            response = http.post(address, files=files)
        except httpx.TimeoutException:
            raise _Retryable(_("no answer within %(s)s s") % {"s": self.timeout}) from None
        except httpx.TransportError as exc:
            raise _Retryable(str(exc) or type(exc).__name__) from None
        status = response.status_code
        if status >= 500 or status == 429:
            raise _Retryable(f"HTTP {status}")
        if status >= 400:
            raise PortalError(
                _("The portal refused the request: HTTP %(status)d.") % {"status": status}
            )
        try:
            payload = textinput.strip_nul(json.loads(response.content.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, textinput.BadText):
            raise _Retryable(_("the answer was not valid JSON")) from None
        if not isinstance(payload, dict):
            raise _Retryable(_("the answer was not a JSON object"))
        return payload
