"""The single place where comments empty the public page cache.

Approving (or un-approving) a comment changes what anonymous readers see on the post and
the comment counts in listings, outside Wagtail's publish flow, so the cached pages must go.
"""


def invalidate_cached_pages():
    try:
        from website.cache import invalidate_public_pages
    except ImportError:  # a site without the public page cache: nothing to empty
        return
    invalidate_public_pages()
