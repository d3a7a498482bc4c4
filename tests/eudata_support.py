"""Small EU-data files in each export format, written by the tests themselves.

Every organisation, project and number here is invented; only the column names and
dialects follow the published export formats (docs/eudata.md).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

PROJECT_COLUMNS = [
    "id", "acronym", "status", "title", "startDate", "endDate", "totalCost",
    "ecMaxContribution", "legalBasis", "topics", "ecSignatureDate", "frameworkProgramme",
    "masterCall", "subCall", "fundingScheme", "nature", "objective", "contentUpdateDate",
    "rcn", "grantDoi",
]  # fmt: skip
ORGANISATION_COLUMNS = [
    "projectID", "projectAcronym", "organisationID", "vatNumber", "name", "shortName", "SME",
    "activityType", "street", "postCode", "city", "country", "nutsCode", "geolocation",
    "organizationURL", "contactForm", "contentUpdateDate", "rcn", "order", "role",
    "ecContribution", "netEcContribution", "totalCost", "endOfParticipation", "active",
]  # fmt: skip
TOPIC_COLUMNS = ["projectID", "topic", "title"]


def project(id: str, **values: Any) -> dict[str, str]:
    row = {
        "id": id,
        "acronym": f"PRJ{id[-3:]}",
        "status": "SIGNED",
        "title": f"Invented test project {id}",
        "startDate": "2023-01-01",
        "endDate": "2026-12-31",
        "totalCost": "1000000,5",
        "ecMaxContribution": "900000",
        "topics": "HORIZON-CL5-2099-01",
        "frameworkProgramme": "HORIZON",
        "masterCall": "HORIZON-CL5-2099",
        "subCall": "HORIZON-CL5-2099-01",
        "fundingScheme": "HORIZON-RIA",
        "objective": "An invented objective for the tests.",
        "contentUpdateDate": "2024-01-01 10:00:00",
    }
    row.update({k: str(v) for k, v in values.items()})
    return row


def org(
    project_id: str, pic: str, name: str, city: str, country: str, **values: Any
) -> dict[str, str]:
    row = {
        "projectID": project_id,
        "organisationID": pic,
        "name": name,
        "activityType": "PRC",
        "postCode": "",
        "city": city,
        "country": country,
        "role": "participant",
        "order": "2",
        "ecContribution": "1000.5",
        "netEcContribution": "1000.5",
        "totalCost": "2000,75",
        "SME": "false",
        "active": "true",
    }
    row.update({k: str(v) for k, v in values.items()})
    return row


def sample() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Three projects: with an Espoo company, with a Turku one, with a city look-alike."""
    projects = [
        project("101000001", acronym="OTASOLAR", title="Solar windows in Otaniemi"),
        project("101000002", acronym="TURKUWIND"),
        project("101000003", acronym="CITYLOOK"),
    ]
    orgs = [
        org("101000001", "900000001", "OTANIEMEN AURINKO OY", "ESPOO", "FI", postCode="02150",
            vatNumber="FI12345671", role="coordinator", ecContribution="500000.25"),
        org("101000001", "900000002", "UNIVERSIDAD INVENTADA", "Madrid", "ES", activityType="HES"),
        org("101000001", "900000003", "ETAIREIA DOKIMON AE", "Athina", "EL", activityType="REC"),
        org("101000001", "900000004", "TEST WIDGETS LTD", "London", "UK"),
        org("101000002", "900000005", "TURUN TUULI OY", "Turku", "FI", postCode="20100"),
        org("101000002", "900000002", "UNIVERSIDAD INVENTADA", "Madrid", "ES", activityType="HES"),
        org("101000003", "900000006", "ESPOON KAUPUNKI", "Helsinki", "FI", activityType="PUB"),
        org("101000003", "900000007", "STADT MUSTERHAUSEN", "Musterhausen", "DE",
            activityType="PUB", role="coordinator"),
    ]  # fmt: skip
    return projects, orgs


def quoted_csv(columns: list[str], rows: list[dict[str, str]], delimiter: str = ";") -> str:
    """CORDIS's own dialect: every field quoted, quotes doubled, LF line ends."""
    lines = [delimiter.join(f'"{c}"' for c in columns)]
    for row in rows:
        cells = [str(row.get(c, "")).replace('"', '""') for c in columns]
        lines.append(delimiter.join(f'"{c}"' for c in cells))
    return "\n".join(lines) + "\n"


def plain_csv(columns: list[str], rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, columns, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def cordis_zip(
    path: Path,
    projects: list[dict[str, str]],
    orgs: list[dict[str, str]],
    topics: list[dict[str, str]] | None = None,
    *,
    bom: bool = True,
    project_text: str | None = None,
    org_text: str | None = None,
) -> Path:
    prefix = "\ufeff" if bom else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "project.csv", prefix + (project_text or quoted_csv(PROJECT_COLUMNS, projects))
        )
        archive.writestr(
            "organization.csv", prefix + (org_text or quoted_csv(ORGANISATION_COLUMNS, orgs))
        )
        if topics is not None:
            archive.writestr("topics.csv", prefix + quoted_csv(TOPIC_COLUMNS, topics))
    return path


def cordis_json_zip(path: Path, projects: list[dict[str, Any]], orgs: list[dict[str, Any]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.json", json.dumps(projects, indent=1))
        archive.writestr("organization.json", json.dumps(orgs, indent=1))
    return path


KOHESIO_2014 = [
    "Operation_Unique_Identifier", "Operation_Local_Identifier", "Operation_Name_English",
    "Operation_Name_Programme_Language", "Country", "Operation_Start_Date", "Operation_End_Date",
    "Cofinancing_Rate", "Total_Eligible_Expenditure_amount", "Total_Eligible_Expenditure_Currency",
    "Project_EU_Budget", "Beneficiary_Unique_Identifier", "Beneficiary_Name",
    "Beneficiary_Local_Identifier", "Category_Of_Intervention", "Category_Label",
    "Thematic_Objective_ID", "Thematic_Objective_Label", "Policy_Objective_ID",
    "Policy_Objective_Label", "Fund_Code", "Fund_Name", "Programme_Code", "Programme_Name",
    "Coordinates", "Location_Indicator_latitude_longitude", "Postal_Code", "LAU_IDs",
    "LAU_Labels", "NUTS1_Label", "NUTS2_Label", "NUTS3_Label", "NUTS1_Code", "NUTS2_Code",
    "NUTS3_Code", "Programming_Period", "Operation_Summary_English",
    "Operation_Summary_Programme_Language", "ManagingAuthority", "InfoRegio_ID",
]  # fmt: skip
KOHESIO_2021 = [c for c in KOHESIO_2014 if c != "Coordinates"] + [
    "Specific_Objective_ID",
    "Specific_Objective_Label",
    "Image_URL",
    "InfoRegio_URL",
    "CountryCode",
]


def operation(qid: str, beneficiary: str, lau: str, **values: Any) -> dict[str, str]:
    row = {
        "Operation_Unique_Identifier": f"https://linkedopendata.eu/entity/{qid}",
        "Operation_Name_English": f"Invented operation {qid}",
        "Operation_Name_Programme_Language": f"Keksitty hanke {qid}",
        "Country": "Finland",
        "Operation_Start_Date": "01/03/2019",
        "Operation_End_Date": "31/12/2021",
        "Total_Eligible_Expenditure_amount": "250000.00",
        "Project_EU_Budget": "100000.00",
        "Beneficiary_Unique_Identifier": f"https://linkedopendata.eu/entity/B{qid}",
        "Beneficiary_Name": beneficiary,
        "Fund_Code": "ERDF",
        "Fund_Name": "European Regional Development Fund",
        "Programme_Name": "Invented regional programme",
        "Thematic_Objective_Label": "Research and innovation",
        "LAU_Labels": lau,
        "Programming_Period": "2014-2020",
        "Operation_Summary_English": "An invented operation for the tests.",
    }
    row.update({k: str(v) for k, v in values.items()})
    return row


def kohesio_csv(path: Path, rows: list[dict[str, str]], columns: list[str] = KOHESIO_2014) -> Path:
    path.write_bytes(("\ufeff" + plain_csv(columns, rows, ",")).encode("utf-8"))
    return path


KEEP_PROJECT_COLUMNS = [
    "Period", "Programme", "Project ID (2021-2027 only)", "Project acronym",
    "Project name in English", "Project name in language 2", "Description in English",
    "Project start", "Project end", "Project's total budget / expenditure",
    "Project's EU funding", "Union co-financing rate", "Website", "Theme 1", "Theme 2", "Theme 3",
]  # fmt: skip
KEEP_PARTNER_COLUMNS = [
    "Programme", "Project ID (2021-2027 only)", "Project acronym", "Organisation in English",
    "Organisation in language 2", "Lead partner", "Country code",
    "Participant Identification Code", "Partner’s ID if not PIC", "Type of Organisation",
    "NUTS2 code (or equivalent)", "Town", "Website", "ERDF contribution (2014-2020 only)",
    "Partner's programme co-financing (EUR) (2021-2027 only)",
    "Partner's total eligible budget / expenditure",
]  # fmt: skip


def keep_eu_xlsx(
    path: Path,
    projects: list[dict[str, Any]],
    partners: list[dict[str, Any]],
    title_row: bool = True,
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Search results, projects"
    if title_row:
        sheet.append(["keep.eu search results (invented test data)"])
    sheet.append(KEEP_PROJECT_COLUMNS)
    for row in projects:
        sheet.append([row.get(c) for c in KEEP_PROJECT_COLUMNS])
    partner_sheet = book.create_sheet("Search results, partners")
    partner_sheet.append(KEEP_PARTNER_COLUMNS)
    for row in partners:
        partner_sheet.append([row.get(c) for c in KEEP_PARTNER_COLUMNS])
    book.save(path)
    return path


def activity_of(source_id: str) -> Any:
    """The activity an imported project became (fails the test when there is none)."""
    from eudata.models import EUProject

    activity = EUProject.objects.get(source_id=source_id).activity
    assert activity is not None, f"project {source_id} has no activity"
    return activity
