"""The alignment engine's public AI register entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from portal import ai_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "measured.json"
    monkeypatch.setattr(ai_register, "MEASURED", path)
    return path


def write_run(path: Path, **figures: Any) -> None:
    """A development-run measured.json (no benchmark) with ``figures`` on top."""
    base = {
        "measured_on": "2026-12-07",
        "command": "make bench-alignment",
        "method": "lexical+static",
        "sdg_benchmark_average_accuracy": None,
        "p50_ms_100_words": 3.7,
    }
    path.write_text(json.dumps({**base, **figures}))


def test_it_shows_the_figures_of_the_last_benchmark_run(client: Client, figures: Path) -> None:
    figures.write_text(
        json.dumps(
            {
                "measured_on": "2026-11-27",
                "command": "make bench-alignment",
                "method": "lexical",
                "sdg_benchmark_average_accuracy": 81.8,
                "p50_ms_100_words": 3.4,
                "own_set": {"fi": {"top1": 62.9, "top3": 90.3, "sdg_f1": 0.34, "texts": 62}},
            }
        )
    )
    html = client.get("/en/ai/").content.decode()
    assert "81.8 %" in html
    assert "90.3 %" in html
    assert "make bench-alignment" in html
    assert "not built or tuned with it" in html


def test_it_shows_per_language_trust_figures_with_the_set_aside_rate(
    client: Client, figures: Path
) -> None:
    row = {
        "top1": 72.6,
        "top3": 91.9,
        "sdg_f1": 0.51,
        "sdg_precision": 79.5,
        "sdg_recall": 38.0,
        "evidence_precision": 88.6,
        "negatives_recognised": 100.0,
        "ideas_set_aside": 1.6,
        "texts": 62,
    }
    write_run(figures, own_set={"fi": row, "sv": {**row, "ideas_set_aside": 0.0}})
    html = client.get("/en/ai/").content.decode()
    assert "Real ideas set aside" in html and "1.6 %" in html
    assert "79.5 %" in html and "88.6 %" in html
    assert "Swedish" in html


def test_it_says_when_nothing_was_measured(client: Client, figures: Path) -> None:
    html = client.get("/en/ai/").content.decode()
    assert "has not been measured yet" in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_it_exists_in_three_languages_and_is_linked_from_every_page(
    client: Client, lang: str, settings: Any
) -> None:
    response = client.get(f"/{lang}/ai/")
    assert response.status_code == 200
    assert f'href="/{lang}/ai/"' in client.get(f"/{lang}/").content.decode()


def test_the_committed_figures_are_readable() -> None:
    assert ai_register.MEASURED.exists()
    figures = ai_register.measured()
    assert figures is not None and figures["own_rows"]


def test_it_shows_the_other_language_figures_and_the_overall_evidence_precision(
    client: Client, figures: Path
) -> None:
    other = {
        "texts": 15,
        "recognised": 15,
        "top1": 86.7,
        "top3": 100.0,
        "sdg_precision": 48.1,
        "sdg_recall": 61.9,
        "sdg_f1": 0.54,
    }
    write_run(
        figures,
        own_set={},
        trust={"evidence_precision": 95.3, "evidence_items": 319},
        other_languages={"ru": {**other, "sdg_f1": 0.51}, "de": other},
    )
    html = client.get("/en/ai/").content.decode()
    assert "95.3 % of 319 cited phrases" in html
    assert "German" in html and "Russian" in html and "Estonian" not in html
    assert html.index("German") < html.index("Russian")
    assert "0.54" in html and "0.51" in html and "48.1 %" in html
    finnish = client.get("/fi/ai/").content.decode()
    assert "saksa" in finnish and "venäjä" in finnish
