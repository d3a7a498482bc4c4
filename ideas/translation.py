from core.translated import EVERY_LANGUAGE, translated
from ideas import models

translated(models.AnswerTemplate, "name", "body", required=EVERY_LANGUAGE)
