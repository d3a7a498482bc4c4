"""The evidence audit set as a regression test: what the engine cites on the team's
texts must stay what a person marked as genuine support."""

from alignment import Engine
from alignment.tools.evidence_audit import audit, marks

# Measured when the set was marked (2026-12-07): 91.6 % of 335 cited phrases genuine;
# after the evidence rules of issue #17 (alignment/evidence.py): 95.3 % of 319.
# After merging the sdg and evidence branches (more SDGs shown, ~430 new terms): 93.6 %
# of 442; with the places and participants of the new vocabulary as settings and a few
# terms narrowed (branch engine2): 95.2 % of 434.
# The target is 95 %: this floor keeps it.
PRECISION_FLOOR = 0.95


def test_the_audit_set_is_large_enough_and_marked_both_ways() -> None:
    marked = marks()
    assert len(marked) >= 300
    assert any(marked.values()) and not all(marked.values())


def test_cited_evidence_is_genuine_support(static: Engine) -> None:
    result = audit(static)
    assert len(result.cited) >= 300
    # Evidence the engine starts to cite must be audited before it counts.
    assert result.coverage >= 0.95, result.unmarked[:10]
    assert result.precision >= PRECISION_FLOOR, result.wrong
