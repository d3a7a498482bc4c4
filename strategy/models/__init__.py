"""The strategy's models: periods, pillars, goals, commitments, SDGs, alignment links and
the engine's reading of each item (``base``), and commitments' progress reports and the
re-alignment queue (``work``)."""

from strategy.models.base import (
    SDG_TARGET_CODE,
    AlignmentLink,
    AlignmentLinkQuerySet,
    AlignmentReading,
    Commitment,
    Goal,
    GoalQuerySet,
    Pillar,
    SDGGoal,
    SDGTarget,
    StrategyPeriod,
    current_goal_period,
    newer_incomplete_period,
    validate_target_code,
)
from strategy.models.work import ProgressReport, RealignRun

__all__ = [
    "SDG_TARGET_CODE",
    "AlignmentLink",
    "AlignmentLinkQuerySet",
    "AlignmentReading",
    "Commitment",
    "Goal",
    "GoalQuerySet",
    "Pillar",
    "ProgressReport",
    "RealignRun",
    "SDGGoal",
    "SDGTarget",
    "StrategyPeriod",
    "current_goal_period",
    "newer_incomplete_period",
    "validate_target_code",
]
