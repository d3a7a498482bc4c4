"""Fetch open and forthcoming calls from the EU Funding & Tenders portal (daily)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from audit.context import Actor, acting_as
from radar.fetch import run_fetch
from radar.models import FetchRun


class Command(BaseCommand):
    help = (
        "Fetch open and forthcoming calls from the EU Funding & Tenders portal "
        "(RADAR_API_URL), store new and changed ones, close the ones gone, align and match."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="No progress lines.")
        parser.add_argument("--no-match", action="store_true", help="Do not recompute matches.")

    def handle(self, *args: Any, **options: Any) -> None:
        show = not options["no_progress"] and int(options["verbosity"]) >= 1

        def progress(got: int, total: int | None) -> None:
            if show:
                sys.stderr.write(f"\rcalls received: {got}/{total if total is not None else '?'}")
                sys.stderr.flush()

        with translation.override("en"), acting_as(Actor(label="command:fetch_calls")):
            run = run_fetch(
                actor_label="command:fetch_calls", match=not options["no_match"], progress=progress
            )
            if show:
                sys.stderr.write("\n")
            if run.status == FetchRun.Status.FAILED:
                raise CommandError(run.error)
            c = run.counts
            self.stdout.write(
                f"Calls: {c.get('new', 0)} new, {c.get('updated', 0)} updated, "
                f"{c.get('unchanged', 0)} unchanged, {c.get('closed', 0)} closed "
                f"({c.get('received', 0)} received in {c.get('pages', 0)} pages, "
                f"{c.get('retries', 0)} retries, {c.get('skipped', 0)} skipped)."
            )
            for problem in run.problems[:50]:
                self.stdout.write(f"  {problem}")
            if "matches" in c:
                self.stdout.write(f"Matches stored: {c['matches']}")
            self.stdout.write(self.style.SUCCESS(f"Fetch {run.pk} done."))
