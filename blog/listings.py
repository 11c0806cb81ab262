"""The querysets behind the blog's and the calendar's listings.

Every listing fetches what its template shows in a fixed number of queries, whatever the
number of posts: a page's post ids come newest first from the listing index and its page
count from the kept counts (blog/listing_index.py), then only those posts are fetched, with
their authors, work areas, tags and lead-image renditions prefetched."""

import datetime
import heapq

from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import capfirst, slugify

from wagtail.models import Locale

from taggit.models import Tag

from core import fragments, tree
from governance.register import as_of, public_project
from governance.register.models import WorkArea

from . import listing_index, models
from .listing_index import ALL, AUTHOR, CATEGORY, TAG  # noqa: F401 (the listings' kinds)

POSTS_PER_PAGE = 10
EVENTS_PER_PAGE = 20
RELATED_POSTS = 3


def paginate(queryset, page_number, per_page=POSTS_PER_PAGE):
    return Paginator(queryset, per_page).get_page(page_number)


class CountedPaginator(Paginator):
    """A paginator told the number of items (from ListingCount) instead of counting them."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self):
        return self.known_count


def listed_ids(index, kind=ALL, key=0):
    """The ids of a listing's posts, newest first, read from the listing index alone."""
    return (
        models.ListedPost.objects.filter(index=index, kind=kind, key=key)
        .order_by("-date", "-post_id")
        .values_list("post_id", flat=True)
    )


def listing_count(index, kind=ALL, key=0):
    row = models.ListingCount.objects.filter(index=index, kind=kind, key=key)
    return row.values_list("count", flat=True).first() or 0


def with_listing_data(posts):
    """What a post teaser shows: authors, work areas, tags and lead image renditions."""
    return posts.select_related("lead_image").prefetch_related(
        Prefetch(
            "post_authors",
            queryset=models.BlogPostAuthor.objects.select_related("author").order_by(
                "sort_order", "pk"
            ),
        ),
        "categories",
        "tags",
        "lead_image__renditions",
    )


def posts_with_ids(ids, *, for_teasers=False):
    """The live posts with these ids, in this order, with what a teaser shows; `for_teasers`:
    fetched only when a teaser is rendered rather than kept (TeaserData)."""
    if not for_teasers:
        return _live_posts_in_order(with_listing_data(models.BlogPostPage.objects.all()), ids)
    return with_teaser_data(_teaser_posts(ids))


def _teaser_posts(ids):
    """What a teaser needs of the posts up front: their own rows without the body."""
    return _live_posts_in_order(models.BlogPostPage.objects.defer_streamfields(), ids)


def _live_posts_in_order(posts, ids):
    if not ids:
        return []
    by_id = posts.live().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def with_teaser_data(posts):
    """The posts, each with the batch of teaser data they share (TeaserData)."""
    batch = TeaserData(posts)
    for post in posts:
        post.teaser_data = batch
    return posts


class TeaserData:
    """What the teasers of a listing's posts show (authors, lead images and their
    renditions), fetched for all of them at once when the first teaser is rendered: not at
    all while every teaser is kept (core/fragments.py). The teaser template asks
    `{{ post.teaser_data.load }}` inside its fragment."""

    def __init__(self, posts):
        self.posts = posts
        self.loaded = False

    def load(self):
        if not self.loaded:
            self.loaded = True
            prefetch_related_objects(
                self.posts,
                "lead_image",
                Prefetch(
                    "post_authors",
                    queryset=models.BlogPostAuthor.objects.select_related("author").order_by(
                        "sort_order", "pk"
                    ),
                ),
                "lead_image__renditions",
            )
        return ""


def page_of_posts(index, page_number, *, kind=ALL, key=0, year=None, month=None, request=None):
    """One page of a listing (a blog, a work area, a tag, an author, a year or a month):
    the page's post ids come from the listing index, its page count from ListingCount, and
    then only its ten posts are fetched. Count and ids are remembered per fragment version
    (core/fragments.py), which the listing index moves on whenever it changes."""
    place = [index.pk, kind, key, year, month]
    count = fragments.cached(
        request, "listing-count", place, lambda: _count(index, kind, key, year, month)
    )
    ids = listed_ids(index, kind, key)
    if year is not None:
        start, end = period_bounds(year, month)
        ids = ids.filter(date__gte=start, date__lt=end)
    page = CountedPaginator(ids, POSTS_PER_PAGE, count=count).get_page(page_number)
    shown = fragments.cached(
        request,
        "listing-posts",
        [*place, page.number],
        lambda: _teaser_posts(list(page.object_list)),
    )
    page.object_list = with_teaser_data(shown)
    return page


def _count(index, kind, key, year, month):
    if year is None:
        return listing_count(index, kind, key)
    first, last = (year * 100 + month,) * 2 if month else (year * 100 + 1, year * 100 + 12)
    total = models.ListingCount.objects.filter(
        index=index, kind=listing_index.MONTH, key__gte=first, key__lte=last
    ).aggregate(total=Sum("count"))["total"]
    return total or 0


def newest_posts(index, count, *, kind=ALL, key=0):
    return posts_with_ids(list(listed_ids(index, kind, key)[:count]))


# A period's bounds are Swedish midnights turned into UTC: year 1 would begin in year 0 and
# year 9999 end in year 10 000, which datetime cannot hold. Archives outside answer 404.
ARCHIVE_YEARS = range(datetime.MINYEAR + 1, datetime.MAXYEAR)


def with_site_name(page, title, *, site=None):
    """A feed's or calendar's title as a subscriber's reader lists it among others':
    "Blogg – Arbetsmarknadsregionen Örnsköldsvik–Umeåregionen", not just "Blogg". `site`:
    the page's, when the caller has read it already."""
    site = site or page.get_site()
    return f"{title} – {site.site_name}" if site and site.site_name else title


def local_datetime(year, month=1):
    return timezone.make_aware(datetime.datetime(year, month, 1))


def period_bounds(year, month=None):
    """A calendar year's or month's bounds, Swedish time."""
    if month is None:
        return local_datetime(year), local_datetime(year + 1)
    start = local_datetime(year, month)
    end = local_datetime(year + 1, 1) if month == 12 else local_datetime(year, month + 1)
    return start, end


def month_heading(year, month):
    return capfirst(f"{MONTHS[month]} {year}")


def archive_months(index):
    """[{month, count, label, path}], newest first, like WordPress's monthly archive."""
    rows = models.ListingCount.objects.filter(index=index, kind=listing_index.MONTH)
    months = []
    for key, count in rows.order_by("-key").values_list("key", "count"):
        year, month = divmod(key, 100)
        months.append(
            {
                "month": datetime.date(year, month, 1),
                "count": count,
                "label": month_heading(year, month),
                "path": f"arkiv/{year}/{month:02d}/",
            }
        )
    return months


def category_slug(work_area):
    return slugify(f"{work_area.code} {work_area.title}")[:60].strip("-")


def index_project_id(index):
    """The project whose work areas are the blog's categories: the blog's own, else the
    project whose site the blog is on (governance/register/public_project.py); None, every
    work area, in an installation without project sites. Read once per page object."""
    if index.project_id:
        return index.project_id
    if not hasattr(index, "_site_project_id"):
        project = public_project.project_for_page(index, fallback=False)
        index._site_project_id = project.pk if project else None
    return index._site_project_id


def work_areas_for(index):
    areas = WorkArea.objects.all()
    project_id = index_project_id(index)
    if project_id:
        areas = areas.filter(project_id=project_id)
    return areas


def work_area_for_slug(slug, *, index=None):
    code = slug.split("-", 1)[0].upper()
    areas = WorkArea.objects.filter(code=code)
    project_id = index_project_id(index) if index is not None else None
    if project_id:
        areas = areas.filter(project_id=project_id)
    return areas.first()


def categories_with_counts(index):
    """The index's work areas that have posts, with their number of live posts."""
    counts = dict(
        models.ListingCount.objects.filter(index=index, kind=listing_index.CATEGORY).values_list(
            "key", "count"
        )
    )
    areas = list(work_areas_for(index).filter(pk__in=counts)) if counts else []
    for area in areas:
        area.post_count = counts[area.pk]
        area.slug = category_slug(area)
    return areas


def category_slugs(index):
    return [area.slug for area in categories_with_counts(index)]


def tag_for_slug(slug):
    return get_object_or_404(Tag, slug=slug)


def author_for_slug(slug):
    return get_object_or_404(models.Author, slug=slug)


def related_posts(post, blog, categories=None):
    """The editor's choice of related posts, topped up with the latest posts in its blog
    (so in its language) that share a work area: newest first from the listing index, one
    query a work area."""
    chosen = [
        link.related for link in post.related_links.select_related("related") if link.related.live
    ]
    missing = RELATED_POSTS - len(chosen)
    if missing > 0:
        exclude = [post.pk, *(p.pk for p in chosen)]
        candidates = []
        for area in post.categories.all() if categories is None else categories:
            candidates.append(
                models.ListedPost.objects.filter(index=blog, kind=CATEGORY, key=area.pk)
                .exclude(post_id__in=exclude)
                .order_by("-date", "-post_id")
                .values_list("date", "post_id")[:missing]
            )
        ids = []
        for _date, pk in heapq.merge(*candidates, reverse=True):
            if pk not in ids:
                ids.append(pk)
        ids = ids[:missing]
        by_id = models.BlogPostPage.objects.defer_streamfields().in_bulk(ids) if ids else {}
        chosen += [by_id[pk] for pk in ids]
    return chosen[:RELATED_POSTS]


def events_with_listing_data(events):
    return events.select_related("lead_image").prefetch_related(
        "categories", "lead_image__renditions"
    )


def upcoming_events(index=None, *, now=None):
    now = now or timezone.now()
    events = models.EventPage.objects.live().public().filter(end__gte=now)
    if index is not None:
        events = tree.children(events, index)
    return events_with_listing_data(events).order_by("start", "pk")


def past_events(index, *, now=None):
    now = now or timezone.now()
    events = tree.children(models.EventPage.objects.live().public(), index).filter(end__lt=now)
    return events_with_listing_data(events).order_by("-start", "-pk")


def home_page_slots(home):
    """The home page's latest posts and upcoming events, with links to their listings."""
    blogs = list(tree.below(models.BlogIndexPage.objects.live(), home).order_by("path"))
    latest = (
        models.ListedPost.objects.filter(kind=ALL, key=0, index__in=blogs)
        .order_by("-date", "-post_id")
        .values_list("post_id", flat=True)[:3]
    )
    return {
        "latest_posts": posts_with_ids(list(latest), for_teasers=True) if blogs else [],
        "upcoming_events": list(tree.below(upcoming_events(), home)[:3]),
        "blog_index": blogs[0] if blogs else None,
        "event_index": tree.below(models.EventIndexPage.objects.live(), home).first(),
    }


def work_area_posts(work_area, limit=5, on=None):
    """The newest posts filed under a work area in the language shown, for its page on the
    progress pages; with `on` (an as-of page), those published on or before that day."""
    blogs = models.BlogIndexPage.objects.filter(locale=Locale.get_active())
    listed = models.ListedPost.objects.filter(kind=CATEGORY, key=work_area.pk, index__in=blogs)
    if on is not None:
        listed = as_of.published_by(listed, on)
    ids = listed.order_by("-date", "-post_id").values_list("post_id", flat=True)[:limit]
    return posts_with_ids(list(ids), for_teasers=True)
