"""Run axe-core in Debian's headless Chromium over pages served by the Django test client.

The browser's requests are answered in-process by ``django.test.Client`` (Playwright
request routing), so the checked pages see the test's own database transaction:
no live server, no second process, and seeded data stays intact for other tests.
"""

from __future__ import annotations

import contextvars
import functools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ORIGIN = "http://testserver"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing_tools() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
    if not AXE.exists():
        return "axe-core not installed (npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright not installed"
    return None


def require_tools() -> None:
    problem = missing_tools()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Accessibility tools are required in CI: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_tools()
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made from the request router below are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _serve(client: Client, context: contextvars.Context) -> Any:
    """Answer the browser's requests with the test client.

    Playwright calls this handler in its own greenlet, which has its own context
    variables and so would get a second database connection (outside the test's
    transaction). Running in the test's copied context reuses the test's connection.
    """

    def handle(route: Any) -> None:
        request = route.request
        url = urlsplit(request.url)
        if url.netloc != "testserver":
            route.abort()  # nothing leaves the machine
            return
        path = url.path + (f"?{url.query}" if url.query else "")
        if request.method == "POST":
            response = context.run(
                client.generic,
                "POST",
                path,
                request.post_data_buffer or b"",
                content_type=request.headers.get("content-type", ""),
            )
        else:
            response = context.run(client.get, path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)

    return handle


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def open_page(browser: Any, client: Client, path: str, expect: int = 200) -> Any:
    """A browser page showing ``path`` as served by ``client``; the caller closes it."""
    page = browser.new_page()
    # Loaded before the page's own scripts through the browser's debugging protocol, so the
    # site's Content-Security-Policy (no inline script) stays on during the check.
    page.add_init_script(script=_axe_source())
    page.route("**/*", _serve(client, contextvars.copy_context()))
    response = page.goto(ORIGIN + path)
    status = response.status if response else None
    assert status == expect, f"{path} answered {status}, expected {expect}"
    return page


def violations_on(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return list(result["violations"])


def form_error_violations(
    browser: Any, client: Client, path: str, values: dict[str, str], submit: str
) -> list[dict[str, Any]]:
    """axe-core's violations on the form at ``path`` once it shows its error summary:
    ``values`` (CSS selector: text) are filled in and ``submit`` is clicked."""
    page = open_page(browser, client, path)
    try:
        for selector, value in values.items():
            page.fill(selector, value)
        page.click(submit)
        page.wait_for_selector("#error-summary")
        return violations_on(page)
    finally:
        page.close()


def axe_violations(
    browser: Any, client: Client, path: str, expect: int = 200
) -> list[dict[str, Any]]:
    """Open ``path`` and return axe-core's WCAG 2.1 A/AA violations."""
    page = open_page(browser, client, path, expect)
    try:
        return violations_on(page)
    finally:
        page.close()


def assert_no_violations(browser: Any, client: Client, path: str, expect: int = 200) -> None:
    """axe-core finds no WCAG 2.1 AA violation on ``path`` (which answers ``expect``)."""
    violations = axe_violations(browser, client, path, expect=expect)
    assert not violations, f"{path}\n{describe(violations)}"


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
