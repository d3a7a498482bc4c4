from eudata.management.commands._base import ImportCommand


class Command(ImportCommand):
    kind = "cordis"
    help = (
        "Import CORDIS Horizon 2020 / Horizon Europe projects in which an Espoo-based "
        "organisation, a watched organisation or the city takes part. Give the CORDIS zip "
        "(CSV or JSON), or project.csv and organization.csv (plus topics.csv, euroSciVoc.csv)."
    )
    help_files = "the CORDIS zip, or the project, organization, topics and euroSciVoc files"
