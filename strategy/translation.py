from core.translated import EVERY_LANGUAGE, translated
from strategy import models

translated(models.StrategyPeriod, "title", "description", "values", "outline")
translated(models.Pillar, "title", "description")
translated(models.Goal, "title", "description", "keywords")
translated(models.Commitment, "title", "description", "target")
translated(models.SDGGoal, "title", "description", required=EVERY_LANGUAGE)
translated(models.SDGTarget, "title", required=EVERY_LANGUAGE)
translated(models.ProgressReport, "narrative")
