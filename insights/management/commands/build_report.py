"""Write the annual, council-term or SDG report as HTML or PDF (docs/insights.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from insights import reports


class Command(BaseCommand):
    help = "Write the annual, council-term (term) or SDG report as HTML or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, help="annual, term or sdg")
        parser.add_argument(
            "--year", required=True, help="the year (for term/sdg: one in the term)"
        )
        parser.add_argument("--language", default="fi", help="fi, sv or en")
        parser.add_argument("--format", dest="fmt", default="pdf", help="pdf or html")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--public-only", action="store_true", help="only public activities (for publishing)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"]
        with translation.override(language if language in reports.languages() else "en"):
            try:
                year = int(options["year"])
            except ValueError:
                raise CommandError(_("Give the year as a number between 1990 and 2100.")) from None
            kind, fmt = options["kind"], options["fmt"]
            try:
                reports.check(kind, year, language, fmt)
            except reports.ReportError as error:
                raise CommandError(str(error)) from None
            output = Path(options["output"])
            if not output.parent.is_dir():
                raise CommandError(
                    _("The folder %(folder)s does not exist.") % {"folder": output.parent}
                )
            public = options["public_only"]
            if fmt == "pdf":
                output.write_bytes(reports.render_pdf(kind, year, language, public))
            else:
                output.write_text(
                    reports.render_html(kind, year, language, public), encoding="utf-8"
                )
            self.stdout.write(
                _("Wrote %(path)s (%(size)s bytes).")
                % {"path": output, "size": output.stat().st_size}
            )
