from eudata.management.commands._base import ImportCommand


class Command(ImportCommand):
    kind = "keepeu"
    help = (
        "Import keep.eu (Interreg) projects with an Espoo-based, watched or city partner "
        "from the keep.eu search export (XLSX with projects and partners sheets)."
    )
    help_files = "the keep.eu XLSX export"
