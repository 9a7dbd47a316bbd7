"""Settings for Samarbeidssjekk: one file, read from the environment.

With nothing set, the project runs embedded: SQLite and Celery tasks inline.
`DATABASE_URL` and `CELERY_BROKER_URL` switch to PostgreSQL and a Redis-backed
worker. `.env.example` documents every variable.
"""

from __future__ import annotations

import warnings
from email.utils import getaddresses
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional file; real env vars win

VERSION = "0.1.0"

DEBUG = env.bool("DEBUG", default=False)  # make run sets DEBUG=1 for the demo
# Required outside DEBUG: env.str() without a default raises ImproperlyConfigured.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure")
else:
    SECRET_KEY = env.str("SECRET_KEY")
    if not SECRET_KEY.strip():
        raise environ.ImproperlyConfigured("Set the SECRET_KEY environment variable")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db("DATABASE_URL", default=SQLITE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widget templates, overridable in templates/django/forms/
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "agreements",
    "countries",
    "incidents",
    "valueregister",
    "competence",
    "screening",
    "caselibrary",
    "guidelines",
]
# Development tools (tools/: the benchmark and the demo seeding) are never
# installed in production: only with DEBUG (`make run`) or DEV_TOOLS=1 (`make
# bench`, the test suite).
DEV_TOOLS = env.bool("DEV_TOOLS", default=DEBUG)
if DEV_TOOLS:
    INSTALLED_APPS.append("tools")

MIDDLEWARE = [
    # Operations (issue 17): a request id on every log line; /healthz for any Host.
    "config.logs.RequestIdMiddleware",
    "config.middleware.HealthzAnyHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.UserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
                "agreements.context_processors.role_flags",
            ],
        },
    },
]

# Users, roles and login
AUTH_USER_MODEL = "agreements.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address, not the TLS proxy's (config.client_address): the number
# of proxies in front of the app that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Feide / OpenID Connect: off unless USE_OIDC=1 (HackSoft's USE_X flag rule).
USE_OIDC = env.bool("USE_OIDC", default=False)
if USE_OIDC:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("agreements.oidc.FeideBackend")
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid userid profile email")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str(
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        default="https://auth.dataporten.no/oauth/authorization",
    )
    OIDC_OP_TOKEN_ENDPOINT = env.str(
        "OIDC_OP_TOKEN_ENDPOINT", default="https://auth.dataporten.no/oauth/token"
    )
    OIDC_OP_USER_ENDPOINT = env.str(
        "OIDC_OP_USER_ENDPOINT", default="https://auth.dataporten.no/openid/userinfo"
    )
    OIDC_OP_JWKS_ENDPOINT = env.str(
        "OIDC_OP_JWKS_ENDPOINT", default="https://auth.dataporten.no/openid/jwks"
    )
    FEIDE_GROUPS_ENDPOINT = env.str(
        "FEIDE_GROUPS_ENDPOINT",
        default="https://groups-api.dataporten.no/groups/me/groups",
    )
    # Feide eduPersonAffiliation values that grant a role, e.g. "employee=Researcher".
    FEIDE_AFFILIATION_GROUPS = env.dict(
        "FEIDE_AFFILIATION_GROUPS",
        default={"employee": "Researcher", "faculty": "Researcher"},
    )

# Language: Norwegian bokmål and nynorsk side by side (språklova § 14), then
# English. LANGUAGE_CODE is only the last fallback: the institution's main
# language (bokmål or nynorsk, agreements.InstitutionSettings) is what the
# login page and new accounts get.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian bokmål")),
    ("nn", _("Norwegian nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# django-filter's empty choice: "All" in the page's language, not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
FORMAT_MODULE_PATH = ["config.formats"]  # English dates as "23 Nov 2026", never 11/23
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static files (vendored, no build step) and private media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# No MEDIA_URL route: uploaded documents and reports are served only by
# permission-checked views.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = True
# The report fonts (5.9 MB of TTF) are read from disk by the PDF renderer and never
# sent to a browser; brotli-compressing them made collectstatic take minutes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf"]
# Before collectstatic (embedded mode, tests) STATIC_ROOT does not exist yet and
# files are served from the finders; whitenoise's warning about it is noise.
warnings.filterwarnings("ignore", message="No directory at: ")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880

CRISPY_ALLOWED_TEMPLATE_PACKS = CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console unless EMAIL_URL names a server.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="samarbeidssjekk@localhost")
# Seconds before a silent mail server counts as failed (the send is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
CONTACT_POINT_EMAIL = env.str("CONTACT_POINT_EMAIL", default="kontaktpunkt@localhost")
# The public address: every absolute link in e-mails and PDFs starts with it
# (`make run` sets it to the address it serves). No trailing slash.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Cached page fragments (config.fragments). In-process memory by default (the
# one-process demo); with several web processes, hosts or a Celery worker,
# point CACHE_URL at Redis so they share the fragments and their version.
# The cache is optional: with Redis away, pages render afresh (config.cache).
# Sessions stay in the database (the default engine), never in the cache, so a
# Redis outage logs nobody out and refuses no login or form.
CACHE_URL = env.str("CACHE_URL", default="locmem://")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.OptionalRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "samarbeidssjekk",
            # An unreachable Redis costs a page at most this long, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL == "dummy://":  # the test suite: every page rendered afresh
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# Celery. No broker configured -> run tasks inline (embedded mode).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # every task must be idempotent (style B6)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT, CELERY_TASK_SOFT_TIME_LIMIT = 180, 150
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_MAX_MEMORY_KB", default=400_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ROUTES = {"screening.tasks.render_report": {"queue": "reports"}}
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}

# Every report ends (issue 21): ready, or failed with a reason and a Retry.
# A render is stopped after REPORT_TIME_LIMIT seconds (the soft limit first asks
# it to stop, so it can say why). A report still "rendering" after the hard
# limit plus a margin (the PDF write, the final UPDATE, clocks of two hosts)
# cannot be rendering any more, and one "queued" that long has lost its message
# (Redis restarted without it) or its worker: the watchdog, run by beat every
# minute, queues it again, and after REPORT_MAX_ATTEMPTS fails it with a reason.
REPORT_SOFT_TIME_LIMIT = env.int("REPORT_SOFT_TIME_LIMIT", default=120)
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=150)
REPORT_STUCK_AFTER = env.int("REPORT_STUCK_AFTER", default=REPORT_TIME_LIMIT + 60)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
CELERY_BEAT_SCHEDULE["report-watchdog"] = {
    "task": "screening.tasks.rescue_stuck_reports",
    "schedule": 60,
    "options": {"expires": 55},  # runs piled up behind a busy queue add nothing
}
# Redis hands an unacknowledged task (worker killed mid-task) to another worker
# after this many seconds. It must outlast the longest task AND the longest retry
# countdown: a task waiting for its retry (an e-mail after up to 20 minutes,
# screening.tasks.RETRY_DELAYS) is held unacknowledged by the worker, and a
# shorter timeout hands it out again, so the e-mail would go out twice. A killed
# worker's report does not wait for this: the watchdog queues it again after
# REPORT_STUCK_AFTER. Tests of redelivery shorten it.
TASK_LONGEST_COUNTDOWN = 1200
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT",
        default=max(CELERY_TASK_TIME_LIMIT, REPORT_TIME_LIMIT)
        + TASK_LONGEST_COUNTDOWN
        + 300,
    )
}

# Security. Production (DEBUG off) passes `check --deploy` with no warnings.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page needs a camera, a microphone, the position or payments (config.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Inline style attributes (progress bars, chart sizes) are allowed;
        # scripts are not: every script is a vendored or project file.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Operations (issue 17): logs, error reports, heartbeat -------------------
# JSON lines in production (LOG_FORMAT=json, the default with DEBUG off), each
# with the request id (config.logs) or, in the worker, the task id. Celery keeps
# its hands off the root logger, so the worker logs the same way.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOG_REQUESTS = env.bool("LOG_REQUESTS", default=not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "config.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["context"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # One line per request (method, path, status, duration); runserver has its own.
        "samarbeidssjekk.request": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
        # Failed tasks (config.celery): logged, and mailed to ADMINS.
        "samarbeidssjekk.tasks": {"handlers": ["mail_admins"], "level": "ERROR"},
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Error mail: Django mails 500s (and config.celery failed tasks) to ADMINS,
# "Name <address>, other@example.no", from SERVER_EMAIL.
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([env.str("ADMINS", default="")])
    if address
]
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Sentry: off unless SENTRY_DSN is set (`pip install .[sentry]`; the image has
# it). No personal data: no user ids, addresses, cookies or request bodies.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as exc:
        raise environ.ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install .[sentry]"
        ) from exc
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=f"samarbeidssjekk@{VERSION}",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# The worker's heartbeat (config.heartbeat): beat sends one a minute; /healthz
# calls the worker "stale" when the last is older than HEARTBEAT_MAX_AGE seconds.
CELERY_IMPORTS = ["config.heartbeat"]
CELERY_BEAT_SCHEDULE["worker-heartbeat"] = {
    "task": "config.heartbeat.record_heartbeat",
    "schedule": 60,
    "options": {"expires": 55},  # a heartbeat stuck in the queue says nothing
}
HEARTBEAT_MAX_AGE = env.int("HEARTBEAT_MAX_AGE", default=300)
# --- end of Operations --------------------------------------------------------

# Domain settings
REVIEW_WAITING_DAYS = env.int("REVIEW_WAITING_DAYS", default=14)
CELERY_BEAT_SCHEDULE["agreement-reminders"] = {
    "task": "agreements.tasks.send_agreement_reminders",
    "schedule": 24 * 60 * 60,  # daily; each threshold is e-mailed once (idempotent)
}
CELERY_BEAT_SCHEDULE["review-reminders"] = {
    "task": "screening.tasks.send_review_reminders",
    "schedule": 24 * 60 * 60,  # daily; each review is reminded of once per limit
}
# Conditions of approval (follow-ups) are reminded of once, this many days
# before they fall due.
FOLLOW_UP_REMINDER_DAYS = env.int("FOLLOW_UP_REMINDER_DAYS", default=7)
CELERY_BEAT_SCHEDULE["asset-review-reminders"] = {
    "task": "valueregister.tasks.send_review_reminders",
    "schedule": 24 * 60 * 60,  # daily; each asset is reminded of once per review
}
CELERY_BEAT_SCHEDULE["follow-up-reminders"] = {
    "task": "screening.tasks.send_follow_up_reminders",
    "schedule": 24 * 60 * 60,  # daily; each follow-up is reminded of once
}
# The confidentiality marking printed on every page of every PDF report.
REPORT_MARKING = env.str("REPORT_MARKING", default="Intern / Internal")
