"""System checks for configuration mistakes that Django itself does not catch."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.compatibility)
def check_languages(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    codes = [code for code, _name in settings.LANGUAGES]
    errors = []
    if codes[:1] != ["fi"] or set(codes) != {"fi", "sv", "en"}:
        errors.append(
            Error(
                "LANGUAGES must be Finnish, Swedish and English with Finnish first.",
                id="core.E001",
            )
        )
    if settings.LANGUAGE_CODE not in codes:
        errors.append(Error("LANGUAGE_CODE is not one of LANGUAGES.", id="core.E002"))
    return errors


@register(Tags.security, deploy=True)
def check_production_mail(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "devmail.EmailBackend")):
        return [
            Warning(
                "EMAIL_BACKEND prints mail to the console (and the development mailbox): "
                "proposers would get no mail.",
                hint="Set EMAIL_BACKEND to the SMTP backend and EMAIL_HOST.",
                id="core.W001",
            )
        ]
    return []


@register(Tags.database)
def check_sqlite_location(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        from pathlib import Path

        name = str(db["NAME"])
        if name != ":memory:" and not name.startswith("file:"):
            folder = Path(name).parent
            if not folder.exists():
                return [
                    Error(
                        f"The SQLite database folder {folder} does not exist.",
                        hint="Create it or set DATABASE_URL / VAR_DIR.",
                        id="core.E003",
                    )
                ]
    return []
