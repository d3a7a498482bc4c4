from eudata.management.commands._base import ImportCommand


class Command(ImportCommand):
    kind = "kohesio"
    help = (
        "Import Kohesio cohesion-policy operations (2014–2020 or 2021–2027 CSV export) "
        "located in Espoo, or whose beneficiary is watched or the city."
    )
    help_files = "one Kohesio project CSV"
