"""make screenshots: every public page and the main staff pages, fi/sv/en, at 360/768/1280 px.

Prepares its own seeded SQLite database under ``var/screenshots/`` (the Espoo data, one
cooperation idea with a known private status link, a staff admin for the workspace), serves
it with ``runserver`` on a local port, and photographs each page in Debian's Chromium
(Playwright). The PNGs and an ``index.html`` to look at them land in ``var/screenshots/``
(git-ignored). Each shot also records whether the page scrolls sideways or repeats an id,
and the index lists those problems first.

    .venv/bin/python bench/screenshots.py [--only NAME,...] [--lang fi,sv,en] [--width 360,...]
"""

from __future__ import annotations

import argparse
import html
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "screenshots"
PORT = int(os.environ.get("SCREENSHOTS_PORT", "8799"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDTHS = [360, 768, 1280]
LANGUAGES = ["fi", "sv", "en"]
STATUS_TOKEN = "screenshots-" + "s" * 32
STAFF_USER = "screenshots"

# name -> path without the language prefix; "{idea}" is the prepared idea's id, "{signed}"
# its signed reference for the thank-you page.
PUBLIC = {
    "home": "/",
    "goals": "/goals/",
    "goal": "/goals/2021-2025/1/",
    "sdgs": "/sdg/",
    "sdg": "/sdg/4/",
    "catalogue": "/activities/",
    "catalogue-search": "/activities/?q=climate",
    "activity": "/activities/sparcs/",
    "networks": "/networks/",
    "organisation": "/organisations/shanghai/",
    "results": "/insights/",
    "open-data": "/open-data/",
    "api-docs": "/open-data/api/",
    "idea-form": "/ideas/",
    "idea-form-errors": "/ideas/#send",
    "idea-sent": "/ideas/submitted/{signed}/",
    "status": f"/ideas/status/{STATUS_TOKEN}/",
    "withdraw": f"/ideas/status/{STATUS_TOKEN}/withdraw/",
    "privacy": "/privacy/",
    "accessibility": "/accessibility/",
    "contact": "/contact/",
    "ai": "/ai/",
    "not-found": "/no-such-page/",
}
STAFF = {
    "staff-login": "/staff/login/",
    "staff-home": "/staff/",
    "staff-ideas": "/staff/ideas/",
    "staff-idea": "/staff/ideas/{idea}/",
    "staff-activities": "/staff/activities/",
    "staff-activity-new": "/staff/activities/new/",
    "staff-review": "/staff/alignment/",
    "staff-insights": "/staff/insights/",
    "staff-radar": "/staff/radar/",
    "staff-radar-import": "/staff/radar/import/",
    "staff-eu-data": "/staff/eu-data/",
    "staff-eu-data-import": "/staff/eu-data/import/",
    "staff-audit": "/staff/audit/",
    "staff-organisations": "/staff/organisations/",
    "staff-organisations-error": "/staff/organisations/?country=ZZ",
    "staff-partnerships": "/staff/partnerships/",
    "staff-themes": "/staff/themes/",
}

CHECK = """() => {
  const seen = {}, dup = [];
  for (const el of document.querySelectorAll('[id]')) {
    if (seen[el.id]) dup.push(el.id); seen[el.id] = true;
  }
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, duplicates: dup};
}"""


def environment(password: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="true",
        VAR_DIR=str(OUT / "db"),
        PORTAL_CACHE_SECONDS="0",
        IDEAS_RATE_LIMIT="1000",
        SCREENSHOTS_PASSWORD=password,
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


PREPARE = """
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from audit.context import Actor, acting_as
from ideas.actions import hash_token, submit_idea
from ideas.models import Idea
with acting_as(Actor(label="command:screenshots")):
    idea = Idea.objects.filter(status_token_hash=hash_token(os.environ["TOKEN"])).first()
    if idea is None:
        idea = submit_idea(data=dict(
            title="Screenshots: a joint summer school on circular economy",
            description="A week-long summer school for students of Espoo and a partner city.",
            offer="Teachers and a venue.", hopes="Students and a partner school.",
            goals=[], organisation_name="Example University", organisation_kind="university",
            organisation_country="DE", organisation_website="", contact_name="Alex Example",
            contact_email="alex@example.org", contact_phone="", language="en",
        ), token="screenshots").idea
        idea.status_token_hash = hash_token(os.environ["TOKEN"])
        idea.save(update_fields=["status_token_hash"])
    User = get_user_model()
    user = User.objects.filter(username=os.environ["STAFF"]).first()
    if user is None:
        user = User.objects.create_superuser(os.environ["STAFF"], "", "unused-until-set")
    user.set_password(os.environ["SCREENSHOTS_PASSWORD"])
    user.save()
    user.groups.add(*Group.objects.filter(name="admin"))
from django.core import signing
from ideas.views import SUBMITTED_SALT
print(idea.pk, signing.dumps(idea.reference, salt=SUBMITTED_SALT))
"""


def prepare(env: dict[str, str]) -> tuple[int, str]:
    (OUT / "db").mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_espoo", "-v", "0")
    manage(env, "setup_roles", "-v", "0")
    shell_env = {**env, "TOKEN": STATUS_TOKEN, "STAFF": STAFF_USER}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE],
        cwd=ROOT,
        env=shell_env,
        check=True,
        capture_output=True,
        text=True,
    )
    idea, signed = result.stdout.strip().splitlines()[-1].split()
    return int(idea), signed


def serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = (OUT / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/live", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"the server did not start; see {OUT / 'server.log'}")


def log_in(context: Any, base: str, password: str) -> None:
    page = context.new_page()
    page.goto(f"{base}/en/staff/login/")
    page.fill("input[name=username]", STAFF_USER)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.close()


def shoot(context: Any, base: str, name: str, path: str, lang: str, width: int) -> dict[str, Any]:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    url = f"{base}/{lang}{path}"
    response = page.goto(url.removesuffix("#send"))
    if path.endswith("#send"):  # the idea form sent empty: its error state
        page.click("main form[enctype] button[type=submit]")
        page.wait_for_load_state()
    found = page.evaluate(CHECK)
    file = f"{name}-{lang}-{width}.png"
    page.screenshot(path=str(OUT / file), full_page=True)
    page.close()
    status = response.status if response else 0
    return {"name": name, "lang": lang, "width": width, "file": file, "status": status, **found}


def write_index(shots: list[dict[str, Any]]) -> Path:
    problems = [
        f"<li>{html.escape(s['file'])}: "
        + (f"scrolls sideways by {s['overflow']} px " if s["overflow"] > 0 else "")
        + (f"repeats ids {html.escape(', '.join(s['duplicates']))}" if s["duplicates"] else "")
        + "</li>"
        for s in shots
        if s["overflow"] > 0 or s["duplicates"]
    ]
    names = list(dict.fromkeys(s["name"] for s in shots))
    sections = []
    for name in names:
        figures = "".join(
            f'<figure><a href="{s["file"]}"><img src="{s["file"]}" width="{min(s["width"], 400)}"'
            f' alt="{html.escape(name)} {s["lang"]} {s["width"]} px" loading="lazy"></a>'
            f"<figcaption>{s['lang']} · {s['width']} px · HTTP {s['status']}</figcaption></figure>"
            for s in shots
            if s["name"] == name
        )
        sections.append(f'<section id="{name}"><h2>{html.escape(name)}</h2>{figures}</section>')
    toc = " · ".join(f'<a href="#{n}">{html.escape(n)}</a>' for n in names)
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Screenshots</title>'
        "<style>body{font-family:system-ui,sans-serif;margin:1rem}figure{display:inline-block;"
        "vertical-align:top;margin:0 1rem 1rem 0}img{border:1px solid #999;display:block}"
        "</style></head><body><h1>International Espoo: screenshots</h1>"
        f"<p>{len(shots)} shots. {toc}</p>"
        f"<h2>Problems</h2><ul>{''.join(problems) or '<li>none</li>'}</ul>"
        + "".join(sections)
        + "</body></html>"
    )
    index = OUT / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="page names, comma-separated")
    parser.add_argument("--lang", default=",".join(LANGUAGES))
    parser.add_argument("--width", default=",".join(str(w) for w in WIDTHS))
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    pages = {**PUBLIC, **STAFF}
    unknown = only - pages.keys()
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(pages)}")
    OUT.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    env = environment(password)
    idea, signed = prepare(env)
    server = serve(env)
    base = f"http://127.0.0.1:{PORT}"
    shots = []
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context()
            log_in(context, base, password)
            anonymous = browser.new_context()
            for name, path in pages.items():
                if only and name not in only:
                    continue
                staff = name in STAFF and name != "staff-login"
                for lang in args.lang.split(","):
                    for width in (int(w) for w in args.width.split(",")):
                        shot = shoot(
                            context if staff else anonymous,
                            base,
                            name,
                            path.format(idea=idea, signed=signed),
                            lang,
                            width,
                        )
                        shots.append(shot)
                        print(
                            f"{shot['file']}: HTTP {shot['status']}, overflow {shot['overflow']},"
                            f" duplicate ids {shot['duplicates'] or 'none'}",
                            flush=True,
                        )
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print(f"screenshots: {len(shots)} in {write_index(shots)}")


if __name__ == "__main__":
    main()
