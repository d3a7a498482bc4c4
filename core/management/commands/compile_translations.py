from __future__ import annotations

from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped,unused-ignore]
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # runs during setup, before anything else works
    help = (
        "Compile the project's .po catalogues to .mo files in pure Python, so no "
        "gettext tools are needed on the machine. Only rewrites what is out of date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        compiled = 0
        base = Path(settings.BASE_DIR)
        folders = [Path(f) for f in settings.LOCALE_PATHS]
        folders += [p for p in base.glob("*/locale") if p.is_dir()]  # apps' own catalogues
        for folder in folders:
            for po_path in sorted(folder.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
