"""The blog's listing index: which live, public posts each listing holds and how many.

`ListedPost` has one row per listing a post appears in (its blog, each of its work areas,
tags and authors) with the post's date, so every listing is read newest first through one
database index, and a deep page skips index entries, not whole posts. `ListingCount` holds
each listing's number of posts and each month's, for the page numbers and the sidebars.

Both follow the pages: `sync_posts()` compares what the pages say now with what the index
holds and applies the difference (+1/-1 on the counts), so it is right to call it again
for the same post, and cheap when nothing changed. It runs on publish, unpublish, move
and delete (blog/signals.py) and for the pages that bypass those signals (the WordPress
import's bulk page creation, the bench's fill). `rebuild()` starts over from the pages.
"""

from collections import Counter, defaultdict

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import fragments

ALL, CATEGORY, TAG, AUTHOR, MONTH = 0, 1, 2, 3, 4
CHUNK = 500  # ids per query: SQLite allows 999 parameters
STEPLEN = 4  # characters per tree level in Wagtail's page paths (Page.steplen)


def _models(apps):
    get = apps.get_model
    return {
        "restriction": get("wagtailcore", "PageViewRestriction"),
        "index": get("blog", "BlogIndexPage"),
        "post": get("blog", "BlogPostPage"),
        "tag": get("blog", "BlogPostTag"),
        "author": get("blog", "BlogPostAuthor"),
        "listed": get("blog", "ListedPost"),
        "count": get("blog", "ListingCount"),
    }


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def month_key(date):
    """A post's month in Swedish time as YYYYMM, as the monthly archive counts it."""
    local = timezone.localtime(date)
    return local.year * 100 + local.month


def _rows_from_pages(m, post_ids):
    """{post id: set of (index id, kind, key, date)} as the pages say now; a post that is
    not live, not public or not directly below a blog has no rows."""
    posts = []
    for chunk in _chunks(post_ids):
        posts += m["post"].objects.filter(pk__in=chunk, live=True).values_list("pk", "path", "date")
    if not posts:
        return {}
    step = STEPLEN
    restricted = list(m["restriction"].objects.values_list("page__path", flat=True))
    parent_paths = {path[:-step] for _pk, path, _date in posts}
    indexes = dict(m["index"].objects.filter(path__in=parent_paths).values_list("path", "pk"))
    placed = {}
    for pk, path, date in posts:
        index_id = indexes.get(path[:-step])
        if index_id and not any(path.startswith(r) for r in restricted):
            placed[pk] = (index_id, date)
    rows = {pk: {(index_id, ALL, 0, date)} for pk, (index_id, date) in placed.items()}
    categories = m["post"]._meta.get_field("categories").remote_field.through
    for chunk in _chunks(placed):
        related = [
            (
                CATEGORY,
                categories.objects.filter(blogpostpage_id__in=chunk).values_list(
                    "blogpostpage_id", "workarea_id"
                ),
            ),
            (
                TAG,
                m["tag"]
                .objects.filter(content_object_id__in=chunk)
                .values_list("content_object_id", "tag_id"),
            ),
            (
                AUTHOR,
                m["author"].objects.filter(post_id__in=chunk).values_list("post_id", "author_id"),
            ),
        ]
        for kind, pairs in related:
            for pk, key in pairs:
                index_id, date = placed[pk]
                rows[pk].add((index_id, kind, key, date))
    return rows


def _rows_in_index(m, post_ids):
    rows = defaultdict(set)
    for chunk in _chunks(post_ids):
        for pk, index_id, kind, key, date in (
            m["listed"]
            .objects.filter(post_id__in=chunk)
            .values_list("post_id", "index_id", "kind", "key", "date")
        ):
            rows[pk].add((index_id, kind, key, date))
    return rows


def _counted(rows):
    """What a post's rows add to the counts: one per listing, one for its month."""
    counts = Counter()
    for index_id, kind, key, date in rows:
        counts[(index_id, kind, key)] += 1
        if kind == ALL:
            counts[(index_id, MONTH, month_key(date))] += 1
    return counts


def sync_posts(post_ids, *, apps=installed_apps):
    """Brings the listing index and counts in line with these posts' pages."""
    m = _models(apps)
    post_ids = set(post_ids)
    if not post_ids:
        return
    with transaction.atomic():
        now = _rows_from_pages(m, post_ids)
        before = _rows_in_index(m, post_ids)
        changed = [pk for pk in post_ids if now.get(pk, set()) != before.get(pk, set())]
        if not changed:
            return
        deltas = Counter()
        for pk in changed:
            deltas.update(_counted(now.get(pk, ())))
            deltas.subtract(_counted(before.get(pk, ())))
        for chunk in _chunks(changed):
            m["listed"].objects.filter(post_id__in=chunk).delete()
        m["listed"].objects.bulk_create(
            m["listed"](post_id=pk, index_id=index_id, kind=kind, key=key, date=date)
            for pk in changed
            for index_id, kind, key, date in now.get(pk, ())
        )
        _apply(m, deltas)
        fragments.changed()  # the sidebars' counts, the related posts


def _apply(m, deltas):
    """Adds each difference to its count in the database (F(), so two publishes at the
    same moment both count), creating and removing count rows as needed."""
    counts = m["count"].objects
    emptied = set()
    for (index_id, kind, key), delta in deltas.items():
        if delta == 0:
            continue
        row = counts.filter(index_id=index_id, kind=kind, key=key)
        if not row.update(count=F("count") + delta):
            counts.create(index_id=index_id, kind=kind, key=key, count=max(delta, 0))
        if delta < 0:
            emptied.add(index_id)
    if emptied:
        counts.filter(index_id__in=emptied, count__lte=0).delete()


def withdraw(post_ids, *, apps=installed_apps):
    """Takes posts out of every listing (before they are deleted)."""
    m = _models(apps)
    before = _rows_in_index(m, set(post_ids))
    if not before:
        return
    deltas = Counter()
    for rows in before.values():
        deltas.subtract(_counted(rows))
    for chunk in _chunks(before):
        m["listed"].objects.filter(post_id__in=chunk).delete()
    _apply(m, deltas)
    fragments.changed()


def posts_below(path, *, apps=installed_apps):
    """The ids of every post at or below the page at this tree path."""
    posts = _models(apps)["post"].objects.filter(path__startswith=path)
    return list(posts.values_list("pk", flat=True))


def rebuild(*, apps=installed_apps):
    """Starts the whole index over from the pages (a migration, a repair)."""
    m = _models(apps)
    with transaction.atomic():
        m["listed"].objects.all().delete()
        m["count"].objects.all().delete()
        ids = list(m["post"].objects.values_list("pk", flat=True))
        rows = _rows_from_pages(m, ids)
        m["listed"].objects.bulk_create(
            (
                m["listed"](post_id=pk, index_id=index_id, kind=kind, key=key, date=date)
                for pk, post_rows in rows.items()
                for index_id, kind, key, date in post_rows
            ),
            batch_size=CHUNK,
        )
        totals = Counter()
        for post_rows in rows.values():
            totals.update(_counted(post_rows))
        m["count"].objects.bulk_create(
            (
                m["count"](index_id=index_id, kind=kind, key=key, count=count)
                for (index_id, kind, key), count in totals.items()
            ),
            batch_size=CHUNK,
        )
        fragments.changed()
