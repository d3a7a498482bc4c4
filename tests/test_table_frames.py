"""Every table sits in the shared scroll frame ({% scrollable %}): on a phone a wide table
scrolls inside its own focusable, named region, never the page (static/css/site.css)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
# The PDF report lays out its own pages; the insights chart tables carry their own frame.
OWN_LAYOUT = {"insights/templates/insights/report.html", "insights/templates/insights/_table.html"}


def test_every_table_in_a_template_is_framed() -> None:
    unframed = []
    for path in ROOT.glob("*/templates/**/*.html"):
        name = str(path.relative_to(ROOT))
        if name in OWN_LAYOUT or name.startswith((".venv", "node_modules")):
            continue
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            if not text[: match.start()].endswith("{% scrollable %}"):
                unframed.append(name)
    assert unframed == []


@pytest.mark.django_db
def test_the_frame_is_a_focusable_region_named_by_the_caption(client: Client) -> None:
    html = client.get("/sv/activities/sparcs/").content.decode()
    frames = re.findall(
        r'<div class="table-scroll" tabindex="0" role="region" aria-label="([^"]+)">', html
    )
    assert len(frames) == html.count("<table")
    assert frames and all(label and label != "Tabell" for label in frames)  # captions, translated
    assert (
        "overflow-wrap: anywhere"
        not in (ROOT / "static/css/site.css")
        .read_text()
        .split("/* Tables */")[1]
        .split("/* Cards")[0]
    )
