"""Benchmarks: a fresh database of their own, production-like (no debug), fast hashing.

The public page cache is off: a row measures what a reader waits for when the page is not
cached. A benchmark that times cache hits turns it on for those rows and says "cached"."""

from .base import *  # noqa: F403
from .base import BASE_DIR, database_from_env, env

SECRET_KEY = "bench-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
(BASE_DIR / "var" / "bench").mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": database_from_env(f"sqlite:///{BASE_DIR / 'var' / 'bench' / 'bench.sqlite3'}")
}
# The blog bench keeps its filled databases and their images between runs (var/bench/blog/).
MEDIA_ROOT = env("BENCH_MEDIA_ROOT", default=str(BASE_DIR / "var" / "bench" / "media"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAGE_CACHE_SECONDS = 0
# The bench times a large import; the web's time limit on reading a spreadsheet would abort
# it on a busy machine instead of measuring it. The other reading limits stay.
SPREADSHEET_MAX_SECONDS = 300
