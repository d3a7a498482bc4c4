from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Cooperation ideas")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from ideas import (
            checks,  # noqa: F401  (registers the system checks)
            suggestions,
        )
        from ideas.models import IdeaAttachment
        from ideas.uploads import remove_file_on_delete

        post_delete.connect(remove_file_on_delete, sender=IdeaAttachment, dispatch_uid="ideas_file")
        suggestions.connect()
