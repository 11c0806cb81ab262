"""Queries on Wagtail's page tree that an index serves on SQLite too.

Wagtail's `descendant_of()` and `child_of()` match tree paths with LIKE 'prefix%', which
SQLite cannot answer from the index on the path (its LIKE ignores case), so it reads every
page at that depth: every post of a 50 000-post blog to find one calendar's events. The
pages whose path lies between the page's own and its next sibling's are the same pages,
and both SQLite and PostgreSQL find them through an index range. Below a home page that
range is the whole site, so the pages are also held to their own type's table, which is
small beside the posts (calendars, events, blogs, progress pages): the database starts
from it instead of from every page of the site.
"""


def below(pages, page):
    """The pages of `pages` (a page type's queryset) below `page` (its descendants)."""
    # treebeard's path of the next sibling; it overflows only past 36**4 siblings.
    in_range = pages.filter(path__gt=page.path, path__lt=page._inc_path())
    return in_range.filter(pk__in=pages.model._base_manager.values("pk"))


def children(pages, page):
    """The pages of `pages` right below `page`."""
    return below(pages, page).filter(depth=page.depth + 1)
