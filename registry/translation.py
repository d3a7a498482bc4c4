from core.translated import translated
from registry import models

translated(models.CityUnit, "name")
translated(models.Organisation, "name", "description")
translated(models.Theme, "name")
# The texts of memberships, partnerships and markets are optional in every language.
translated(models.NetworkMembership, "role", "description", required=())
translated(models.Partnership, "description", required=())
translated(models.TargetMarket, "description", required=())
