"""Whole-page cache for anonymous readers, emptied whenever public content changes.

Readers without a session cookie get public pages from Django's cache (local memory by
default, Redis in production through REDIS_URL/CACHE_URL). Editors are logged in, so they
carry a session cookie and always get a freshly rendered page.

Emptying is done by bumping a generation number that is part of every cache key: one
`cache.incr`, shared by all workers through Redis, and every cached page is stale at once.
A site this size rebuilds its pages in milliseconds, and a publish touches menus, listings,
the home page and feeds, so emptying everything is both the simplest and the correct choice.

Other parts call `invalidate_public_pages()` when they change something readers see outside
Wagtail's publish flow (a comment approved, a setting changed).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

GENERATION_KEY = "public-pages:generation"
KEY_PREFIX = "public-pages"


def invalidate_public_pages():
    """Makes every cached public page stale, now and again once the transaction commits.

    The second bump matters: a reader who asks between this call and the commit would
    otherwise put the old content back into the cache.
    """
    _bump_generation()
    transaction.on_commit(_bump_generation)


def _bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key is missing: first use, or evicted
        cache.add(GENERATION_KEY, 1, timeout=None) or cache.incr(GENERATION_KEY)


def _generation():
    return cache.get_or_set(GENERATION_KEY, 0, timeout=None)


def _is_cacheable_request(request):
    if settings.PAGE_CACHE_SECONDS <= 0:  # switched off (the test settings do)
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # editors, and anyone mid-login
        return False
    return not any(request.path.startswith(p) for p in settings.PAGE_CACHE_EXCLUDED_PATHS)


def _is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a form token or a cookie of this reader's own
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _cache_key(request, generation):
    # No language in the key: public pages are in their content's language whatever the
    # browser asks (website/language.py), so one copy serves every reader.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


class PublicPageCacheMiddleware:
    """Serves and stores whole responses for anonymous GET and HEAD requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _cache_key(request, _generation())
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and _is_cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def connect_signals(*setting_models):
    """Empties the cache whenever Wagtail publishes, unpublishes, moves or deletes a page or
    publishes a snippet, and when sites, redirects or the given settings models change."""
    from django.db.models.signals import post_delete, post_save

    from wagtail import signals as wagtail_signals
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Site

    def on_change(**kwargs):
        invalidate_public_pages()

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(on_change, dispatch_uid=f"public-pages-{id(signal)}", weak=False)
    for model in (Site, Redirect, *setting_models):
        post_save.connect(on_change, sender=model, dispatch_uid=f"public-pages-save-{model}")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"public-pages-del-{model}")
    # post_delete names the page's specific class as sender, so listen to every deletion.
    post_delete.connect(_on_any_delete, dispatch_uid="public-pages-page-delete")


def _on_any_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        invalidate_public_pages()
