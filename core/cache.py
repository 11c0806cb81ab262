"""Whole-page cache for anonymous readers, purged page by page when content changes.

Readers without a session cookie get public pages from Django's default cache, which every
process of the site and the task worker share (files under var/cache by default, Redis in
production through REDIS_URL/CACHE_URL; see settings), so a purge in the worker reaches the
site at once. Editors are logged in, so they carry a session cookie and always get a freshly
rendered page.

Each site (a project's own host name, governance/register/public_project.py) has its own
entries and path tokens: an entry's key holds the host, a path's token the site it belongs to,
so "/" of one site is never served from, nor purged with, "/" of another.

How a purge works: every stored page keeps the *tokens* of what it was rendered from, read
before rendering: the generation (the whole cache), its site's path (every query string of
it) and,
for a routable page's sub-route (a category, a feed…), the page that served it. A purge
deletes tokens; a stored page whose token is gone or different is stale and rendered again,
and the render makes a new token. So a purge is one `delete_many`, whatever the number of
pages stored, an evicted token only costs a render, and a reader who was rendering while the
content changed cannot store the old page under the new token.

What a change purges (`purge_for_page`): the page with its sub-routes, its ancestors (the
listings that show it and the home page), the pages its model names in
`get_cache_dependents()` (a post: the progress pages' work-area pages) and the sitemap. The
same list goes to a proxy or CDN through Wagtail's `wagtail.contrib.frontend_cache`
(`PurgeBatch`, the page's `get_cached_paths()`) when `WAGTAILFRONTENDCACHE` is set. Changes
whose reach is unknown (menus, site settings, moves, unpublishing, deletion, an import)
empty everything: `invalidate_public_pages()`.

Purges run when the transaction commits (a reader in between gets the old, still committed
content), once per transaction however many objects changed.
"""

import hashlib
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from core import fragments

KEY_PREFIX = "public-pages"
GENERATION_KEY = f"{KEY_PREFIX}:generation"
SITEMAP_PATH = "/sitemap.xml"


# Keys and tokens ---------------------------------------------------------------------------


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def path_key(site_id, path):
    """The token of a site-relative path on one site (Site id)."""
    return f"{KEY_PREFIX}:path:{site_id}:{_digest(path)}"


def page_key(page_id):
    return f"{KEY_PREFIX}:page:{page_id}"


def _entry_key(request):
    # No browser language in the key: a public address has one language, its page's,
    # whatever the browser asks (website/language.py), so one copy serves every reader.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{KEY_PREFIX}:entry:{_digest(url)}"


def _tokens(keys, found):
    """The current token of each key, making one for each that has none (first use, purged
    or evicted). Under a race two renders may make different tokens: one of them is stored
    with a token that does not match, which costs a render, never a stale page."""
    tokens = {}
    for key in keys:
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        tokens[key] = token
    return tokens


# Which site a host name is served by, remembered by each process under the generation it
# was read in: a change of sites empties the generation (connect_signals), so a remembered
# answer is never used after one. Host names are the allowed ones (ALLOWED_HOSTS).
_site_of_host = {}
_SITES_REMEMBERED = 256


def _remembered_site(host, generation):
    known = _site_of_host.get(host)
    return known[1] if known and generation is not None and known[0] == generation else None


def _site_id(request, generation):
    """The id of the request's Site (0 when there is none): remembered, else one query."""
    host = request.get_host()
    site_id = _remembered_site(host, generation)
    if site_id is None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        site_id = site.pk if site else 0
        if generation is not None:
            if len(_site_of_host) >= _SITES_REMEMBERED:
                _site_of_host.clear()
            _site_of_host[host] = (generation, site_id)
    return site_id


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0 or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# Serving ------------------------------------------------------------------------------------


def _is_cacheable_request(request):
    if settings.PAGE_CACHE_SECONDS <= 0:  # switched off (the test settings do)
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # editors, and anyone mid-login
        return False
    path = _without_language_prefix(request.path)
    return not any(path.startswith(p) for p in settings.PAGE_CACHE_EXCLUDED_PATHS)


def _without_language_prefix(path):
    """/en/sok/ is the search as much as /sok/ is."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def _is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a form token or a cookie of this reader's own
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class PublicPageCacheMiddleware:
    """Serves and stores whole responses for anonymous GET and HEAD requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        entry_key = _entry_key(request)
        # The path's token is read with the entry when this process knows the host's site
        # (one round trip for a hit); else it is read after, with a sub-route's page token.
        known = _site_of_host.get(request.get_host())
        asked = {GENERATION_KEY, entry_key}
        if known:
            asked.add(path_key(known[1], request.path))
        found = cache.get_many(list(asked))
        entry = found.pop(entry_key, None)
        if entry is not None:
            content, headers, tokens = entry
            others = [key for key in tokens if key not in asked]
            if others:  # the path's token, and a sub-route's page token
                found.update(cache.get_many(others))
            if all(found.get(key) == token for key, token in tokens.items()):
                response = HttpResponse(content, headers=headers)
                response["X-Page-Cache"] = "hit"
                return response
        own_path = path_key(_site_id(request, found.get(GENERATION_KEY)), request.path)
        if own_path not in asked:
            found.update(cache.get_many([own_path]))
        request.page_cache_tokens = _tokens([GENERATION_KEY, own_path], found)
        response = self.get_response(request)
        if request.method == "GET" and _is_cacheable_response(request, response):
            control = {"public": True, "max_age": 0, "must_revalidate": True}
            if getattr(settings, "WAGTAILFRONTENDCACHE", None):
                # A proxy or CDN keeps the page as long as we do; our purges reach it too.
                control["s_maxage"] = settings.PAGE_CACHE_SECONDS
            patch_cache_control(response, **control)
            cache.set(
                entry_key,
                (response.content, dict(response.items()), request.page_cache_tokens),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response


def note_serving_page(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook: a sub-route of a routable page (a category, an
    archive, a feed) is stored with the page's token too, so purging the page purges them
    all. The page's own address is purged by its path."""
    tokens = getattr(request, "page_cache_tokens", None)
    if tokens is None or request.path == page.get_url(request):
        return None
    key = page_key(page.pk)
    tokens.update(_tokens([key], cache.get_many([key])))
    return None


# Purging ------------------------------------------------------------------------------------


class _Batch:
    """What one transaction purges, sent once when it commits."""

    def __init__(self):
        self.everything = False
        self.pages = {}  # id -> page
        self.paths = set()
        self.resolvers = {}  # key -> a function giving (pages, paths), called at the commit
        self.done = False

    def flush(self):
        if self.done:
            return
        self.done = True
        if self.everything:
            _purge_everything()
            return
        for resolve in self.resolvers.values():
            pages, paths = resolve()
            self.pages.update((page.pk, page) for page in pages)
            self.paths.update(paths)
        _purge(self.pages.values(), self.paths)


_local = threading.local()


def _batch():
    """The purge of the current transaction: a new one unless the last is still waiting for
    this transaction's commit (a rollback discards its flush, and with it what it held)."""
    batch = getattr(_local, "batch", None)
    connection = transaction.get_connection()
    waiting = (
        batch is not None
        and not batch.done
        and connection.in_atomic_block
        and any(hook[1] == batch.flush for hook in connection.run_on_commit)
    )
    if not waiting:
        batch = _local.batch = _Batch()
    # Registered at every call and run once: a savepoint rolled back takes only its own
    # registrations. A failing purge is logged; it does not undo the committed change.
    transaction.on_commit(batch.flush, robust=True)
    return batch


def invalidate_public_pages():
    """Empties the whole page cache (and asks the frontend cache to purge every live page)
    once the transaction commits: for changes whose reach is unknown. Every kept page
    fragment goes too (core/fragments.py), also when the page cache is off."""
    fragments.changed()
    if is_enabled():
        _batch().everything = True


def purge(pages=(), paths=()):
    """Purges `pages` (each with every sub-route and query string) and site-relative `paths`
    once the transaction commits: a path is one site's, (site id, "/sitemap.xml"), or, given
    alone ("/sitemap.xml"), every site's."""
    if is_enabled():
        batch = _batch()
        batch.pages.update((page.pk, page) for page in pages)
        batch.paths.update(paths)


def purge_when_committed(key, resolve):
    """Purges what `resolve()` returns, (pages, paths), once the transaction commits; it is
    called then, once per `key` however many changes asked for it (an import of a thousand
    activities finds the pages that show activities once)."""
    if is_enabled():
        _batch().resolvers.setdefault(key, resolve)


def pages_to_purge(page):
    """What shows `page`: itself, its ancestors (the listings and the home page above it),
    its translations (their language switcher and hreflang links name it) and what its
    model names in `get_cache_dependents()`: pages, or site-relative paths."""
    pages = [page, *page.get_ancestors().filter(depth__gt=1), *page.get_translations()]
    parts = page.get_url_parts()
    site_id = parts[0] if parts else None  # the paths are the page's site's

    def on_site(path):
        return (site_id, path) if site_id is not None else path

    paths = [on_site(SITEMAP_PATH)]
    for item in getattr(page.specific_deferred, "get_cache_dependents", list)():
        if isinstance(item, str):
            paths.append(on_site(item))
        else:
            pages.append(item)
    return pages, paths


def purge_for_page(page):
    """The purge for a page published, or one whose reader comments changed. The home page
    and the pages right under it (what the menus list) appear on every page: for them
    everything is purged."""
    if not is_enabled():
        return
    if page.depth <= 3:
        invalidate_public_pages()
    else:
        purge_when_committed(("page", page.pk), lambda: pages_to_purge(page))


def _site_path(page):
    """(site id, site-relative path) of a page, or None when no site serves it."""
    parts = page.get_url_parts()
    return (parts[0], parts[2]) if parts else None


def _purge(pages, paths):
    from wagtail.models import Site

    pages = list(pages)
    root_urls = {}
    for root in Site.get_site_root_paths():
        root_urls.setdefault(root.site_id, root.root_url)
    page_paths = {found for found in map(_site_path, pages) if found}
    site_paths = set(page_paths)
    for item in paths:
        if isinstance(item, str):  # every site's
            site_paths.update((site_id, item) for site_id in root_urls)
        else:
            site_paths.add(tuple(item))
    cache.delete_many(
        [page_key(page.pk) for page in pages]
        + [path_key(site_id, path) for site_id, path in site_paths]
    )
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        batch = PurgeBatch()
        batch.add_pages(pages)
        batch.add_urls(
            root_urls[site_id] + path
            for site_id, path in site_paths - page_paths
            if site_id in root_urls
        )
        batch.purge()


def _purge_everything():
    cache.delete(GENERATION_KEY)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page, Site

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().public().filter(depth__gt=1).specific())
        roots = {root.root_url for root in Site.get_site_root_paths()}
        batch.add_urls(root + SITEMAP_PATH for root in roots)
        # Every page, one request each for an HTTP purge: the task worker sends them.
        purge_urls_from_cache_task.using(backend="background").enqueue(sorted(batch.urls))


# Wagtail's signals ------------------------------------------------------------------------------


def connect_signals(*setting_models):
    """Purges when Wagtail publishes a page (`purge_for_page`), and empties everything when it
    unpublishes, moves, renames or deletes a page or publishes a snippet, and when sites,
    redirects or the given settings models change. Registers `note_serving_page`."""
    from django.db.models.signals import post_delete, post_save

    from wagtail import hooks
    from wagtail import signals as wagtail_signals
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Site

    def on_publish(instance, **kwargs):
        purge_for_page(instance)

    def on_change(**kwargs):
        invalidate_public_pages()

    def on_snippet(sender, instance, **kwargs):
        from wagtail.models import Page

        if not isinstance(instance, Page):  # pages send page_published too
            invalidate_public_pages()

    wagtail_signals.page_published.connect(
        on_publish, dispatch_uid="public-pages-publish", weak=False
    )
    for signal in (
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
    ):
        signal.connect(on_change, dispatch_uid=f"public-pages-{id(signal)}", weak=False)
    for signal in (wagtail_signals.published, wagtail_signals.unpublished):
        signal.connect(on_snippet, dispatch_uid=f"public-pages-{id(signal)}", weak=False)
    for model in (Site, Redirect, *setting_models):
        post_save.connect(on_change, sender=model, dispatch_uid=f"public-pages-save-{model}")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"public-pages-del-{model}")
    # post_delete names the page's specific class as sender, so listen to every deletion.
    post_delete.connect(_on_any_delete, dispatch_uid="public-pages-page-delete")
    hooks.register("before_serve_page", note_serving_page)


def _on_any_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        invalidate_public_pages()
