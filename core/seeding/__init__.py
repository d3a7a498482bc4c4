"""Loading the real Espoo data (strategy, SDGs, registry, portfolio) from TOML files.

``load_seed`` is safe to repeat: see ``core.seeding.upsert`` for the rule that keeps
staff edits.
"""

from core.seeding.load import DEFAULT_SEED_DIR, SeedError, load_seed
from core.seeding.upsert import SeedReport

__all__ = ["DEFAULT_SEED_DIR", "SeedError", "SeedReport", "load_seed"]
