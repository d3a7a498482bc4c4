import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from core.warmup import warm_up  # noqa: E402 - needs the app loaded above

warm_up()  # before the first request, not during it (core/warmup.py)
