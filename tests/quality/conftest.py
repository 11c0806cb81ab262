import os
import uuid

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason):
    """Skips with a clear message on a newcomer's machine; under CI=true a missing tool fails."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def redis_page_cache(settings):
    """The page cache on the real Redis at 127.0.0.1:6379, under a key prefix of its own."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"No Redis at {url}: start redis-server to run the Redis cache tests.")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"lagesbild-test-{uuid.uuid4().hex}",
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    yield
    client = redis.Redis.from_url(url)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
