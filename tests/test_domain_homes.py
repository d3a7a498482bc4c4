"""Code lives in the app that owns its subject (issue #18): permission code in ``accounts``,
domain actions in their domain apps; the workspace UI app keeps only pages that call them.
No re-export shim is left behind under the old names."""

from __future__ import annotations

import importlib

import pytest

MOVED = {
    "workspace.roles": "accounts.roles",
    "workspace.alignment": "strategy.review",
    "workspace.bulk": "ideas.bulk",
    "workspace.privacy": "ideas.privacy",
}


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_moved_modules_live_only_in_their_new_home(old: str, new: str) -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)
    assert importlib.import_module(new).__name__ == new


def test_the_staff_gate_is_the_accounts_one() -> None:
    from accounts.roles import staff_view
    from workspace.views import ideas

    assert ideas.idea_detail.workspace_role == "viewer"
    assert staff_view.__module__ == "accounts.roles"
