"""The portal's only settings file: everything that differs between machines comes from the
environment, with safe development defaults."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """1/true/yes/on or 0/false/no/off (any case); anything else stops the start-up, so that a typo in
    a security flag is never read as "off"."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name}={value!r}: use 1/0, true/false, yes/no or on/off.")
    return value.strip().lower() in TRUE


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A deployment always sets DATABASE_URL: without it we are on a developer's machine.
DEBUG = env_bool("DEBUG", "DATABASE_URL" not in os.environ)
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cbe_portal",
    "plie",
    "gpect",
    "circuits",
    "incubateur",
    "ptce",
    "cbe_portal.apps.CbeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "leaflet",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pgtrigger",
    "pghistory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database: a 503 at once while it is out of reach.
    "cbe_portal.middleware.DatabaseGate",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cbe_portal.middleware.TwoFactorMiddleware",
    "cbe_portal.middleware.private_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cbe_portal.middleware.FailSafeMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cbe_portal.urls"
WSGI_APPLICATION = "cbe_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cbe_portal.context_processors.portal",
            ],
            "builtins": ["cbe_portal.templatetags.cbe"],
        },
    },
]

# DATABASE_URL set: use it. Unset: an embedded PostgreSQL server in the project (see embedded_db).
if DATABASE_URL := os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    from cbe_portal.embedded_db import database_url

    DATABASES = {"default": dj_database_url.parse(database_url())}
# A database out of reach fails a request within seconds (a 503 page, see middleware.FailSafeMiddleware)
# instead of holding it: 3 s to connect, 5 s to wait for a connection from the pool; after that, at
# once (middleware.DatabaseGate).
DATABASES["default"]["OPTIONS"] = {
    "pool": {"timeout": 5} if env_bool("DATABASE_POOL", True) else False,
    "connect_timeout": 3,
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cbe_portal.User"
# LockoutBackend first: it refuses any password while the account or the address is locked out.
AUTHENTICATION_BACKENDS = ["cbe_portal.backends.LockoutBackend", "cbe_portal.backends.RoleBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cbe_portal:dashboard"
LOGOUT_REDIRECT_URL = "cbe_portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env_list(
    "PASSWORD_HASHERS",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher,django.contrib.auth.hashers.ScryptPasswordHasher",
)

# French only for now: add django.middleware.locale.LocaleMiddleware with the English translations,
# not before (an English browser would get French text with English number formats).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Off so that years print as « 2020 »; figures are grouped by the |number filter (« 8 264 »).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files live in the database (cbe_portal.storage), so that any server can serve them.
STORAGES = {
    "default": {"BACKEND": "cbe_portal.storage.DatabaseStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development WhiteNoise serves the apps' static files directly, without collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/fichiers/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Shared by every server: cached figures and sessions live in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cbe_portal_cache",
    }
}

# Development prints mail to the console; production sends it through SMTP.
if DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CBE du Seignanx <contact@cbe-seignanx.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Security: strict by default, relaxed only by DEBUG for local development over HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Only behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For itself: anywhere else
# a visitor could send them and pass for HTTPS, or for another address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# A session ends after 30 minutes without a request: requests push the expiry back (cbe_portal.sessions).
SESSION_ENGINE = "cbe_portal.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
X_FRAME_OPTIONS = "DENY"

MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ORIGIN = "/".join(MAP_TILES_URL.split("/")[:3]).replace("{s}.", "*.")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", MAP_TILES_ORIGIN],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Log-ins: 10 failed passwords in a row for an account, or from an address, lock it out for 30
# minutes, right password or not (django-axes, counted in the database so every server sees them).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cbe_portal.views.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "cbe_portal.backends.client_ip"
AXES_VERBOSE = False
# The second factor (django-otp): off for everyone until each user turns it on, unless coordination
# makes it mandatory for staff.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", False)
OTP_TOTP_ISSUER = "CBE du Seignanx"
# The admin lists the devices without their secrets: coordination needs to delete one, not copy it.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Personal data (gdpr.py, `manage.py retention`): people without contact or activity for this many
# years are anonymised (the CNIL's rule for social accompaniment: two years); access logs are kept
# this many days.
RETENTION_YEARS = env_int("RETENTION_YEARS", 2)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 365)

# Local food circuits: a supplier is local for a restaurant within this distance.
LOCAL_RADIUS_KM = env_int("LOCAL_RADIUS_KM", 120)

# Imports: a file of more lines is checked and applied in the background, its progress on the page.
IMPORT_BACKGROUND_LINES = env_int("IMPORT_BACKGROUND_LINES", 2000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every step of a PDF at INFO; django-axes every log-in (its
    # AccessLog table keeps them; lockouts are still logged, at WARNING).
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes")},
}
