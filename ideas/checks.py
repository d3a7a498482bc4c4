"""System checks for the ideas app's configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def check_attachment_dir_is_private(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Attachments must never land where the web server or whitenoise would serve them."""
    attachments = Path(settings.IDEAS_ATTACHMENT_DIR).resolve()
    public = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    if getattr(settings, "MEDIA_ROOT", ""):
        public.append(Path(settings.MEDIA_ROOT))
    for folder in public:
        folder = folder.resolve()
        if attachments == folder or folder in attachments.parents:
            return [
                Error(
                    f"IDEAS_ATTACHMENT_DIR ({attachments}) is inside the public folder {folder}.",
                    hint="Point IDEAS_ATTACHMENT_DIR at a folder the web server does not serve.",
                    id="ideas.E001",
                )
            ]
    return []
