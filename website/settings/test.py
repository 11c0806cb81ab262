from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Emptied before each test (tests/conftest.py).
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template_fragments",
    },
}
# Off by default, so a test that changes data without publishing sees the change;
# tests/quality/test_page_cache.py switches it on.
PAGE_CACHE_SECONDS = 0
# Two test runs may share a checkout (CI runs SQLite and PostgreSQL side by side): each
# gets folders of its own through TEST_FILES_DIR.
TEST_FILES_DIR = Path(env("TEST_FILES_DIR", default=str(BASE_DIR / "var")))  # noqa: F405
MEDIA_ROOT = TEST_FILES_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
PRIVATE_UPLOAD_ROOT = TEST_FILES_DIR / "test-private-uploads"
# The browser tests' live server shows uploaded images as the site would.
SERVE_MEDIA = True
# Queued tasks run at once in tests; tests/wordpress/test_admin_import.py also runs the
# database queue with its worker.
TASKS = {
    **TASKS,  # noqa: F405
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Sessions in the database whatever REDIS_URL the environment has (the test of sessions
# shared through Redis sets its own up: tests/website/test_several_machines.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
