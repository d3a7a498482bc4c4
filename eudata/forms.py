from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.widgets import FileUpload
from eudata.models import Source

SUFFIXES = {Source.CORDIS: (".zip",), Source.KOHESIO: (".csv",), Source.KEEPEU: (".xlsx",)}
COMMANDS = {
    Source.CORDIS: "import_cordis",
    Source.KOHESIO: "import_kohesio",
    Source.KEEPEU: "import_keepeu",
}


class UploadForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (Source.CORDIS, _("CORDIS zip (Horizon 2020 or Horizon Europe, CSV or JSON)")),
            (Source.KOHESIO, _("Kohesio project CSV")),
            (Source.KEEPEU, _("keep.eu XLSX export")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        widget=FileUpload(attrs={"accept": ".zip,.csv,.xlsx"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload, source = data.get("file"), data.get("source")
        if upload is None or source is None:
            return data
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in SUFFIXES[Source(source)]:
            self.add_error(
                "file",
                _("A %(format)s file must end in %(suffix)s.")
                % {"format": Source(source).label, "suffix": " / ".join(SUFFIXES[Source(source)])},
            )
        limit = settings.EUDATA_UPLOAD_MAX_MB
        if upload.size > limit * 1024 * 1024:
            self.add_error(
                "file",
                _(
                    "The file is larger than %(limit)s MB. Ask an administrator to import it "
                    "with the command %(command)s."
                )
                % {"limit": limit, "command": f"manage.py {COMMANDS[Source(source)]}"},
            )
        return data
