"""Settings shared by every environment; values that differ come from the environment."""

import datetime
import hashlib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
# ".localhost" is localhost and every name below it: a project's own demo site
# (kompetens.localhost) reaches `make run` too.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[".localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "website",
    "governance",
    "blog",
    "comments",
    "wordpress_import",
    # Before django_tasks_db: its `db_worker` (with a heartbeat) is the one manage.py runs.
    "background",
    "opendata",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_tasks_db",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's editor says when things happened with humanize's naturaltime ("nu", "för
    # 2 timmar sedan"), whose Swedish comes with the app.
    "django.contrib.humanize",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cached page is answered here, before sessions, CSRF and the rest: fast under load,
    # and the headers above (CSP, HSTS, Permissions-Policy) are still added to it. The
    # headers set further in (X-Frame-Options, Vary) are stored with the page.
    "core.cache.PublicPageCacheMiddleware",
    # The fragment caches' version, read before the view (core/fragments.py).
    "core.fragments.FragmentVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.language.OneLanguagePerAddressMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Public pages in their address's language, the admin in the user's; see the module.
    "website.language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A membership that ends takes its page and collection rights along the next day.
    "governance.register.project_groups.DailySyncMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Swedish lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # {% data_lang %} in every template: see the module.
            "builtins": ["website.templatetags.language_tags"],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)


def database_from_env(default_url):
    database = env.db("DATABASE_URL", default=default_url)
    database.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options = database.setdefault("OPTIONS", {})
        # Write-ahead logging: pages are read while a background task (an import) writes,
        # and a commit does not wait for the disk twice.
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        # The site and the worker write at the same time: a transaction takes the write lock
        # when it begins, so the other waits for it instead of failing with "locked".
        options.setdefault("transaction_mode", "IMMEDIATE")
        # How long a writer waits for the lock (seconds) before "database is locked": the
        # imports commit in chunks of well under a second, so waiting always ends.
        options.setdefault("timeout", env.int("SQLITE_BUSY_TIMEOUT", default=25))
    return without_jit(database)


def without_jit(database):
    """PostgreSQL compiles a query whose estimated cost passes jit_above_cost, which costs
    more than a page's query saves: a search for a rare word at 50 000 posts spent 11 of
    its 19 ms compiling (8 ms without)."""
    if database["ENGINE"].startswith("django.db.backends.postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [options.get("options"), "-c jit=off"]))
    return database


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# The cache and the public page cache (core/cache.py). Every process of the site and the
# task worker must share one cache, or a purge in one (an import in the worker) never
# reaches the others: CACHE_URL wins (any django-environ cache URL), then REDIS_URL (several
# machines); without either, files under var/cache (CACHE_DIR), shared by the processes of
# one machine and needing no set-up, in a folder per database: what one database's pages
# left (Wagtail's site root paths, the fragment version) never meets another's.
def _cache_config():
    if env("CACHE_URL", default=""):
        return env.cache("CACHE_URL")
    if env("REDIS_URL", default=""):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    return {
        "BACKEND": "core.file_cache.FileCache",
        "LOCATION": str(
            env.path("CACHE_DIR", default=BASE_DIR / "var" / "cache" / _database_folder())
        ),
        # Enough for every page of a large blog; past it a third of the files go at random.
        "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=20_000)},
    }


def _database_folder():
    database = DATABASES["default"]
    identity = "|".join(str(database.get(part, "")) for part in ("ENGINE", "NAME", "HOST", "PORT"))
    return hashlib.sha256(identity.encode()).hexdigest()[:12]


def _frontend_cache_config():
    """A proxy or CDN in front of the site that Wagtail's frontend_cache purges: an HTTP
    cache taking PURGE requests (Varnish, nginx, Squid) at FRONTEND_CACHE_PURGE_URL, or
    Cloudflare (CLOUDFLARE_ZONE_ID and CLOUDFLARE_BEARER_TOKEN). FRONTEND_CACHE_HOSTNAMES
    limits the purges to the site's public host names."""
    backends = {}
    hostnames = env.list("FRONTEND_CACHE_HOSTNAMES", default=["*"])
    if env("FRONTEND_CACHE_PURGE_URL", default=""):
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
            "HOSTNAMES": hostnames,
        }
    if env("CLOUDFLARE_ZONE_ID", default=""):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
            "HOSTNAMES": hostnames,
        }
    return backends or None


CACHES = {
    "default": _cache_config(),
    # Wagtail finds image renditions here before it asks the database, and writes back
    # every one it used on each request: in each process's memory that costs nothing (in
    # the file cache it was 7 file writes a post). A rendition's key holds the image's file
    # hash and focal point, so a changed image is a new key, never a stale entry.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # The fragment caches of public pages (core/fragments.py): the header, footer, menu,
    # the blog's sidebar, a post's article. Their keys hold a version kept in the default
    # cache, which every process shares, so each process may keep them in its own memory:
    # at most 5 000 (a post's article is ~10 kB), past which a third go.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template_fragments",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": env.int("FRAGMENT_CACHE_MAX_ENTRIES", default=5000)},
    },
}
# Public pages served to anonymous readers from the cache, and purged when they change.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# The open data is read fresh: its update date and ETag tell readers what changed.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/sok/",
    "/dokument/",
    "/media/",
    "/static/",
    "/api/",
    "/oppna-data/",
]
# Read by core/cache.py, which sends each purge through wagtail.contrib.frontend_cache's
# PurgeBatch. The app itself is not installed: its signal handlers would purge each
# published page a second time, without the listings that show it.
WAGTAILFRONTENDCACHE = _frontend_cache_config()

AUTHENTICATION_BACKENDS = [
    "core.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "governance.register.access.MembershipBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# Pages are Swedish (addresses without prefix) or English (under /en/): Wagtail's own
# internationalisation, translations made with simple_translation; see website/language.py.
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Lägesbild <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Lägesbild"

# Reminders by mail (`manage.py send_reminders`, run daily from cron): this many days
# before a meeting (with a calendar invitation) and before a status report is due.
REMINDER_DAYS_BEFORE_MEETING = env.int("REMINDER_DAYS_BEFORE_MEETING", default=7)
REMINDER_DAYS_BEFORE_REPORT_DUE = env.int("REMINDER_DAYS_BEFORE_REPORT_DUE", default=7)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# PostgreSQL stems Swedish words; SQLite ignores SEARCH_CONFIG (see website/search.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "swedish"}
}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "txt", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]  # no SVG: it can carry script
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# Documents are checked by size and by their first bytes (core/uploads.py); a frozen
# governance document keeps its file (governance/decisions/private_documents.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "governance.decisions.private_documents.GovernanceDocumentForm"
# Documents are served only by /dokument/, which checks who may read them; never a
# redirect to their file under /media/ (the proxy must not serve /media/documents/).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Security headers every environment sends; production.py adds HSTS and secure cookies.
# The public site runs no inline script and loads nothing from another host. The Wagtail
# admin is left out of the policy: it is behind login and, in production, HTTPS only.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
# Editors' browsers are not sent to third parties either: no Gravatar (it would hand out a
# hash of each editor's e-mail address) and no update check against Wagtail's servers.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes and core/security.py, which explains the three rules): five
# failed logins for one user name from one address lock that pair out for 15 minutes, twenty
# from one address lock the address; failures for one user name from everywhere make its
# next attempt wait, doubling up to a minute. A success resets the pair's count. Every rule
# keys on the reader's address from CLIENT_IP_HEADER (core.security.client_ip).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A locked client's further attempts are not counted: hammering a lock must not lengthen the
# user name's wait for everyone else.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_USERNAME_MAX_DELAY_SECONDS = env.int("LOGIN_USERNAME_MAX_DELAY_SECONDS", default=60)

LOGIN_URL = "wagtailadmin_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Tag addresses (/blogg/tagg/<slug>/) in plain ASCII: "kulturhuvudstadsåret" becomes
# "kulturhuvudstadsaret".
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# The reader's IP address, for the login throttling and the comment form's rate limit.
# Behind a reverse proxy, name the header it sets with the reader's address, e.g.
# HTTP_X_REAL_IP (nginx: proxy_set_header X-Real-IP $remote_addr); see core/security.py.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="REMOTE_ADDR")

# Spreadsheets read from uploads (ledgers, activity plans): governance/common/spreadsheets.py
# refuses a file beyond these limits with a Swedish message before it is stored or parsed
# (an .xlsx is a zip: its parts are measured unpacked, openpyxl keeps shared strings whole).
SPREADSHEET_MAX_UPLOAD_BYTES = env.int("SPREADSHEET_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
SPREADSHEET_MAX_UNCOMPRESSED_BYTES = env.int(
    "SPREADSHEET_MAX_UNCOMPRESSED_BYTES", default=100 * 1024 * 1024
)
SPREADSHEET_MAX_SHARED_STRINGS_BYTES = env.int(
    "SPREADSHEET_MAX_SHARED_STRINGS_BYTES", default=10 * 1024 * 1024
)
SPREADSHEET_MAX_ROWS = env.int("SPREADSHEET_MAX_ROWS", default=50_000)
SPREADSHEET_MAX_COLUMNS = env.int("SPREADSHEET_MAX_COLUMNS", default=100)
SPREADSHEET_MAX_SECONDS = env.int("SPREADSHEET_MAX_SECONDS", default=20)

# The key of the backup manifest's HMAC (website/backup.py); empty means SECRET_KEY. Set it
# when backups must be restorable on a server with another SECRET_KEY.
BACKUP_SIGNING_KEY = env("BACKUP_SIGNING_KEY", default="")

# Tasks. Wagtail's own (search and reference index updates) are short: they run at once, in
# the process that asks for them. Long work started in the admin (the WordPress import) is
# queued in the database and run by `manage.py db_worker --backend background`, which
# `make run` starts beside the site, so that no request waits for it.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    },
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Long work (background/): a worker beats every TASK_HEARTBEAT_SECONDS; a task whose worker
# has not beaten for TASK_LOST_AFTER_SECONDS (or whose process on this machine is dead) is
# marked failed. Exports of more than EXPORT_BACKGROUND_ROWS rows are written by the worker
# and their files deleted EXPORT_RETENTION_HOURS after they were asked for.
TASK_HEARTBEAT_SECONDS = env.int("TASK_HEARTBEAT_SECONDS", default=10)
TASK_LOST_AFTER_SECONDS = env.int("TASK_LOST_AFTER_SECONDS", default=120)
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=50_000)
EXPORT_RETENTION_HOURS = env.int("EXPORT_RETENTION_HOURS", default=24)

# Uploads that must not be public (ledgers, activity plans, WordPress exports with
# commenters' email addresses, files waiting for a confirmation): kept outside MEDIA_ROOT.
PRIVATE_UPLOAD_ROOT = env.path("PRIVATE_UPLOAD_ROOT", default=BASE_DIR / "var" / "private-uploads")


# Several machines (README, "Running on several machines"). Each part is off until its
# variable is set; the newcomer's SQLite, local media and memory cache need none of them.
#
# Media on S3-compatible object storage (core/object_storage.py): images in the public
# bucket, documents in a private one that is never public (served by /dokument/ only).
# Files that are never served (PRIVATE_UPLOAD_ROOT) stay on a disk the machines share.
def media_storage_from_env():
    """The default storage on object storage when AWS_STORAGE_BUCKET_NAME is set."""
    public_bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not public_bucket:
        return None
    private_bucket = env("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
    if not private_bucket or private_bucket == public_bucket:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set: set AWS_PRIVATE_STORAGE_BUCKET_NAME too, to a "
            "bucket of its own without public access, for the documents."
        )
    common = {
        "access_key": env("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
        # Two uploads of "photo.jpg" are two files, never one overwriting the other.
        "file_overwrite": False,
    }
    return {
        "BACKEND": "core.object_storage.MediaStorage",
        "OPTIONS": {
            "public": {
                **common,
                "bucket_name": public_bucket,
                "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
                "default_acl": env("AWS_DEFAULT_ACL", default=None),
                "querystring_auth": False,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
            "private": {
                **common,
                "bucket_name": private_bucket,
                # No ACL header: objects are private unless a policy says otherwise, and
                # buckets with ACLs disabled (AWS's default) refuse any other ACL.
                "default_acl": None,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }


def media_origins(public):
    """Where readers' browsers fetch images from the public bucket (its S3Storage options),
    for the Content-Security-Policy's img-src."""
    from urllib.parse import urlsplit

    bucket, domain = public["bucket_name"], public.get("custom_domain")
    if domain:
        return [f"https://{domain}"]
    if public.get("endpoint_url"):
        endpoint = urlsplit(public["endpoint_url"])
        origins = [f"{endpoint.scheme}://{endpoint.netloc}"]
        if public.get("addressing_style") != "path":
            origins.append(f"{endpoint.scheme}://{bucket}.{endpoint.netloc}")
        return origins
    region = public.get("region_name")
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


if media_storage_from_env():
    STORAGES["default"] = media_storage_from_env()
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(
        STORAGES["default"]["OPTIONS"]["public"]
    )

# Redis: with REDIS_URL, sessions are kept in the database and read from Redis
# (cached_db), in a cache of their own that emptying the page cache never touches.
# A reader signed in through one machine is signed in on every other.
if env("REDIS_URL", default=""):
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "session",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"

# A read replica of PostgreSQL (website/db_router.py): anonymous readers' GET requests
# read from it, everything else (the admin, forms, the worker, writes) uses the primary.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = without_jit(env.db("DATABASE_REPLICA_URL"))
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    # A commit on the primary returns only once the replica shows it, so a page or fragment
    # rendered from the replica right after a change never caches the old rows. It waits
    # only when the primary names the replica in synchronous_standby_names: the check in
    # website/db_router.py warns when it does not.
    _primary_options = DATABASES["default"].setdefault("OPTIONS", {})
    _primary_options["options"] = " ".join(
        filter(None, [_primary_options.get("options"), "-c synchronous_commit=remote_apply"])
    )
    DATABASE_ROUTERS = ["website.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("core.cache.PublicPageCacheMiddleware") + 1,
        "website.db_router.ReplicaReadsMiddleware",
    )

# The open data (opendata/): its licence, one of opendata/licences.py's (SPDX identifiers).
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="CC0-1.0")
# The IATI export (/api/v1/iati.xml, opendata/iati.py): the publishing organisation's IATI
# organisation identifier (SE-ON- and the organisation number for a Swedish one) and its
# IATI organisation type (11: local government). Without the identifier there is no export.
IATI_REPORTING_ORG_REF = env.str("IATI_REPORTING_ORG_REF", default="")
IATI_REPORTING_ORG_TYPE = env.str("IATI_REPORTING_ORG_TYPE", default="11")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lägesbild – öppna data",
    "DESCRIPTION": (
        "Read-only open data of the projects: work areas, public activities with their "
        "milestones, indicators, the approved budget and the public decision register. "
        "Every JSON response has a top-level `meta` with the licence and the update date; "
        "every response names the licence in a Link header (rel=license) and the update "
        "date in Last-Modified."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["opendata.api.only_open_data"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.api.name_licence",
    ],
}
