"""PDF/UA: every table header cell in the report PDFs' structure tree has its scope."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from insights import reports
from portfolio.models import Activity
from tests import test_insights_reports

activity = test_insights_reports.activity

pytestmark = pytest.mark.django_db


def structure_elements(content: bytes) -> list[DictionaryObject]:
    """Every StructElem of the PDF's structure tree (pypdf)."""
    reader = PdfReader(io.BytesIO(content))
    root: Any = reader.trailer["/Root"]
    found: list[DictionaryObject] = []
    stack = [root["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if not isinstance(node, DictionaryObject):
            continue
        if node.get("/Type") == "/StructElem":
            found.append(node)
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else None
        if isinstance(kids, list):
            stack += [kid.get_object() for kid in kids]
        elif isinstance(kids, DictionaryObject):
            stack.append(kids)
    return found


def header_scopes(content: bytes) -> Counter[str]:
    scopes: Counter[str] = Counter()
    for element in structure_elements(content):
        if element["/S"] != "/TH":
            continue
        attributes = element.get("/A")
        attributes = attributes.get_object() if attributes is not None else {}
        scopes[str(attributes.get("/Scope", "none"))] += 1
    return scopes


@pytest.mark.parametrize(("kind", "language"), [("annual", "fi"), ("term", "sv"), ("sdg", "en")])
def test_every_table_header_in_the_pdf_has_a_scope(
    activity: Activity, kind: str, language: str
) -> None:
    html = reports.render_html(kind, 2024, language, pdf=True)
    content = reports.render_pdf(kind, 2024, language)
    scopes = header_scopes(content)
    assert scopes["none"] == 0, scopes
    assert set(scopes) <= {"/Column", "/Row"}
    # The HTML's own scopes: every th says col or row, and the PDF has as many of each
    # (a header repeated on a new page, or a row split across two, counts once more).
    in_html = Counter(re.findall(r'<th scope="(col|row)"', html))
    assert not re.findall(r"<th(?![^>]*scope=)[ >]", html)  # no th without a scope in the HTML
    assert in_html["col"] > 0
    assert scopes["/Column"] >= in_html["col"]
    assert scopes["/Row"] >= in_html["row"]
