"""A local stand-in for the portal's search API, serving the recorded responses in this folder.

``%DAY+13%`` in a fixture becomes the date 13 days from today, so the recorded calls stay
open whenever the tests run. Each page number answers from its own script: a list of
(status, body, delay seconds) answered in turn (the last one repeats).

``FakePortal.transport()`` answers in-process as an ``httpx.MockTransport`` (a delay
longer than the client's read timeout is an ``httpx.ReadTimeout``, without waiting);
``serve()`` answers over a real socket, for tests that run the command or a worker.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

HERE = Path(__file__).parent
_DAY = re.compile(r"%DAY([+-]\d+)%")


def fixture(name: str, today: date | None = None) -> bytes:
    today = today or date.today()
    text = (HERE / name).read_text(encoding="utf-8")
    text = _DAY.sub(lambda m: (today + timedelta(days=int(m.group(1)))).isoformat(), text)
    return text.encode("utf-8")


Reply = tuple[int, bytes, float]


class FakePortal:
    def __init__(self) -> None:
        self.pages: dict[int, list[Reply]] = {}
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []

    def page(self, number: int, *replies: Reply) -> None:
        self.pages[number] = list(replies)

    def answer(self, number: int) -> Reply:
        script = self.pages.get(number) or [(200, b'{"totalResults": 0, "results": []}', 0.0)]
        return script.pop(0) if len(script) > 1 else script[0]

    def record(self, query: dict[str, list[str]], body: bytes, content_type: str) -> Reply:
        """Note the request and give the scripted reply for its page."""
        self.requests.append({"query": query, "body": body, "type": content_type})
        self.times.append(time.monotonic())
        return self.answer(int(query.get("pageNumber", ["1"])[0]))

    def handle(self, request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        status, payload, delay = self.record(
            query, request.read(), request.headers.get("Content-Type", "")
        )
        read_timeout = (request.extensions.get("timeout") or {}).get("read")
        if delay and read_timeout is not None and delay > read_timeout:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(status, content=payload, headers={"Content-Type": "application/json"})

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


@contextmanager
def serve(portal: FakePortal) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = parse_qs(urlsplit(self.path).query)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            status, payload, delay = portal.record(
                query, body, self.headers.get("Content-Type", "")
            )
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/search-api/prod/rest/search"
    finally:
        server.shutdown()
        server.server_close()


def two_pages() -> FakePortal:
    """The portal with two pages of recorded calls."""
    portal = FakePortal()
    portal.page(1, (200, fixture("portal_page1.json"), 0))
    portal.page(2, (200, fixture("portal_page2.json"), 0))
    return portal


def quick(settings: Any, retries: int) -> Any:
    """``settings`` for a client that does not wait: no pause between pages, a short back-off
    and time-out, two calls a page."""
    settings.RADAR_REQUEST_DELAY = 0
    settings.RADAR_BACKOFF_SECONDS = 0.01
    settings.RADAR_RETRIES = retries
    settings.RADAR_TIMEOUT = 1
    settings.RADAR_PAGE_SIZE = 2
    return settings
