"""docs/operations.md names every environment variable the settings read."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_for_operators() -> None:
    settings = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|choice)\(\s*"([A-Z_0-9]+)"', settings))
    assert {"SECRET_KEY", "DATABASE_URL", "CACHE_URL", "METRICS_TOKEN"} <= names
    manual = (ROOT / "docs" / "operations.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in manual)
    assert missing == [], "add these to docs/operations.md, section 2"


def test_the_documented_scheduled_commands_exist() -> None:
    manual = (ROOT / "docs" / "operations.md").read_text()
    section = manual.split("## 3. Scheduled commands", 1)[1].split("## 4.", 1)[0]
    commands = set(re.findall(r"^\| [^|]+ \| `([a-z_]+)", section, re.MULTILINE))
    assert {"deliver_mail", "erase_expired_personal_data", "backup"} <= commands
    found = {path.stem for path in ROOT.glob("*/management/commands/*.py")}
    assert commands - found == set()
