"""Fragment caches: the parts of public pages that are the same for every reader of one site
in one language, rendered once and then kept, also when the whole-page cache (core/cache.py)
is off or the reader is logged in.

What is kept: the header's brand and main menu, the footer, the site's name and colour, a
page's versions in other languages, the blog's sidebar (work areas and months with their
counts), and a post's article and related posts. Each is kept in the `template_fragments`
cache (each process's memory; the default cache when it is not configured) under a key
holding the *fragment version*, the site, the language and what the fragment varies on
(the page, the current work area, the post's live revision).

The version is a moment kept in the default cache, which every process and the task worker
share: `changed()` sets a new one, so every fragment of every site is rendered anew on its
next use. It is called at once and again when the transaction commits (a reader rendering in
between stores under a version that the commit replaces) for everything a fragment shows: a
page published, unpublished, moved, renamed or deleted, a view restriction, a site, a
locale, site settings, a work area, project, author, tag or image saved or deleted
(`connect_signals`), the blog's listing counts (blog/listing_index.py), and a reader comment
shown, hidden or changed (comments/apps.py: not one that waits for moderation). The version is
read once per request, before the view, so what a fragment shows is read after it. Under
the same version each process also remembers which Site a host name is with its home page
(`remembered_site`), the page right under a home page that an address names
(website/models.py), whether any view restriction exists (core/view_restrictions.py) and a
page's approved comments and their counts (comments/display.py): the live content of a page
changes only by publishing, which moves the version on. The pages deeper down (a post, an
event) are read afresh.

Never in a fragment: anything that depends on the reader (a form with a token, the search
words, a comment's notice) or that only some readers may see. A preview renders every
fragment anew and stores none.
"""

import copy
import hashlib
import time

from django.core.cache import InvalidCacheBackendError, cache, caches
from django.db import transaction
from django.utils import translation

VERSION_KEY = "fragments:version"
# Kept until the version moves on, or the cache evicts them.
TIMEOUT = 24 * 60 * 60
# The request paths that never show a public page.
SKIPPED_PATHS = ("/admin/", "/static/", "/media/", "/dokument/", "/api/")


def fragment_cache():
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return cache


def _bump():
    # A moment, not a counter: a counter that was evicted would start again at a number
    # whose fragments are still kept.
    cache.set(VERSION_KEY, time.time_ns(), None)


# Saves that change nothing a reader sees: an image learning its file size or hash.
UNSEEN_FIELDS = {"file_size", "file_hash"}


def changed(*args, update_fields=None, **kwargs):
    """Every fragment is stale: now, and again when the transaction commits (registered
    once however many changes the transaction makes). Takes a signal's arguments, so it can
    be connected to one."""
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    _bump()
    connection = transaction.get_connection()
    if not (
        connection.in_atomic_block and any(hook[1] is _bump for hook in connection.run_on_commit)
    ):
        transaction.on_commit(_bump, robust=True)


def current_version():
    return cache.get_or_set(VERSION_KEY, time.time_ns, None)


class FragmentVersionMiddleware:
    """Reads the fragment version before the view, once per request for a public page, and
    gives Wagtail the request's site with its home page from what this process remembers
    under that version (`remembered_site`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path_info.startswith(SKIPPED_PATHS):
            request.fragment_version = current_version()
            site = remembered_site(request, request.fragment_version)
            if site is not None:
                request._wagtail_site = site  # what Site.find_for_request() returns
        return self.get_response(request)


# The Site a host name and port are served by, and its home page, as each process
# read them under a fragment version: a change of sites or pages moves the version on, so a
# remembered site is never used after one. Host names are the allowed ones.
_sites = {}
_SITES_REMEMBERED = 256


def remembered_site(request, version):
    """The request's Site and its home page as its specific model, copies of what this
    process read under this version (Wagtail reads the site, then the specific page, on
    every request), and the sites' root paths given to Wagtail with the request. The home
    page's live content changes only by publishing, which moves the version on."""
    from wagtail.models import Site

    place = (request._get_raw_host(), request.get_port(), version)
    known = _sites.get(place)
    if known is None:
        site = Site._find_for_request(request)
        root_model = site.root_page.specific_class if site is not None else None
        if root_model is None:
            return None
        root_page = root_model._default_manager.filter(pk=site.root_page_id).first()
        if root_page is None:  # deleted behind Wagtail's back: let Wagtail look
            return None
        if len(_sites) >= _SITES_REMEMBERED:
            _sites.clear()
        # Wagtail routes from the root's translation in the active language, which it finds
        # by asking the database for the active locale: the home page skips that question
        # when the active language is its own (website/models.py, HomePage.localized_draft).
        root_page.remembered_language = site.root_page.locale.language_code
        # What Wagtail asks the default cache for on every page that shows a link.
        root_paths = Site.get_site_root_paths()
        _sites[place] = known = (site, root_page, root_paths)
    site, root_page, request._wagtail_cached_site_root_paths = known
    site = copy.copy(site)
    site.root_page = copy.copy(root_page)
    return site


def forget():
    """Nothing kept: no fragment, no remembered site, a new version (tests start so)."""
    fragment_cache().clear()
    _sites.clear()
    _bump()


def key(request, name, *parts):
    """The key of a fragment for this request, or None when it must be rendered anew (a
    preview, a request the middleware did not see)."""
    from wagtail.models import Site

    if request is None or getattr(request, "is_preview", False):
        return None
    version = getattr(request, "fragment_version", None)
    if version is None:
        return None
    site = Site.find_for_request(request)  # remembered on the request
    scope = [version, site.pk if site else 0, translation.get_language(), *parts]
    digest = hashlib.sha256("|".join(map(str, scope)).encode()).hexdigest()
    return f"fragment:{name}:{digest}"


def cached(request, name, parts, make):
    """What `make()` returns (plain data or HTML), kept under the fragment's key."""
    fragment_key = key(request, name, *parts)
    if fragment_key is None:
        return make()
    store = fragment_cache()
    value = store.get(fragment_key)
    if value is None:
        value = make()
        store.set(fragment_key, value, TIMEOUT)
    return value


def connect_signals(*models):
    """`changed()` when Wagtail publishes, unpublishes, moves, renames or deletes a page, and
    when a view restriction, site, locale or one of `models` is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from wagtail import signals as wagtail_signals
    from wagtail.models import Locale, PageViewRestriction, Site

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
    ):
        signal.connect(changed, dispatch_uid=f"fragments-{id(signal)}", weak=False)
    for model in (PageViewRestriction, Site, Locale, *models):
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, dispatch_uid=f"fragments-{model}-{id(signal)}", weak=False
            )
    # post_delete names the page's specific class as sender, so listen to every deletion.
    post_delete.connect(_on_any_delete, dispatch_uid="fragments-page-delete")


def _on_any_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        changed()
