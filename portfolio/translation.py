from core.translated import translated
from portfolio import models

translated(models.Activity, "title", "summary", "description")
translated(models.Milestone, "title")
translated(models.Outcome, "description", "indicator")
translated(models.ActivityLink, "title")
