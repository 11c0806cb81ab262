from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default, so a test that changes data without publishing sees the change;
# tests/quality/test_page_cache.py switches it on.
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
PRIVATE_UPLOAD_ROOT = BASE_DIR / "var" / "test-private-uploads"  # noqa: F405
# The browser tests' live server shows uploaded images as the site would.
SERVE_MEDIA = True
# Queued tasks run at once in tests; tests/wordpress/test_admin_import.py also runs the
# database queue with its worker.
TASKS = {
    **TASKS,  # noqa: F405
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
