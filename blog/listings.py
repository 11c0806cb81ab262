"""The querysets behind the blog's and the calendar's listings.

Every listing fetches what its template shows in a fixed number of queries, whatever the
number of posts: authors, work areas, tags and lead-image renditions are prefetched."""

import datetime
import time

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import capfirst, slugify

from wagtail.models import Locale

from taggit.models import Tag

from governance.register.models import WorkArea

from . import models

POSTS_PER_PAGE = 10
EVENTS_PER_PAGE = 20
RELATED_POSTS = 3


def paginate(queryset, page_number, per_page=POSTS_PER_PAGE):
    return Paginator(queryset, per_page).get_page(page_number)


def paginate_posts(posts, page_number):
    """A page of posts. The page is found by post id first, then its posts are fetched:
    sorting and skipping thousands of whole posts, bodies and all, made deep pages slow."""
    ids = posts.prefetch_related(None).select_related(None).values_list("pk", flat=True)
    page = Paginator(ids, POSTS_PER_PAGE).get_page(page_number)
    page_ids = list(page.object_list)
    by_id = posts.filter(pk__in=page_ids).in_bulk() if page_ids else {}
    page.object_list = [by_id[pk] for pk in page_ids]
    return page


def newest(posts, count):
    """The first posts of an ordered queryset, found by id first (see paginate_posts)."""
    ids = list(
        posts.prefetch_related(None).select_related(None).values_list("pk", flat=True)[:count]
    )
    by_id = posts.filter(pk__in=ids).in_bulk() if ids else {}
    return [by_id[pk] for pk in ids]


def live_posts(index):
    return models.BlogPostPage.objects.live().public().child_of(index)


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


def posts(index):
    return with_listing_data(live_posts(index)).order_by("-date", "-pk")


# A period's bounds are Swedish midnights turned into UTC: year 1 would begin in year 0 and
# year 9999 end in year 10 000, which datetime cannot hold. Archives outside answer 404.
ARCHIVE_YEARS = range(datetime.MINYEAR + 1, datetime.MAXYEAR)


def with_site_name(page, title):
    """A feed's or calendar's title as a subscriber's reader lists it among others':
    "Blogg – Arbetsmarknadsregionen Örnsköldsvik–Umeåregionen", not just "Blogg"."""
    site = page.get_site()
    return f"{title} – {site.site_name}" if site and site.site_name else title


def local_datetime(year, month=1):
    return timezone.make_aware(datetime.datetime(year, month, 1))


def posts_in_period(index, year, month=None):
    """Posts dated in a calendar year or month, Swedish time."""
    if month is None:
        start, end = local_datetime(year), local_datetime(year + 1)
    else:
        start = local_datetime(year, month)
        end = local_datetime(year + 1, 1) if month == 12 else local_datetime(year, month + 1)
    return posts(index).filter(date__gte=start, date__lt=end)


def month_heading(year, month):
    return capfirst(f"{MONTHS[month]} {year}")


SIDEBAR_VERSION_KEY = "blog:sidebar-version"
SIDEBAR_TIMEOUT = 24 * 60 * 60


def forget_sidebars():
    """Called when a post is published, unpublished or deleted."""
    cache.set(SIDEBAR_VERSION_KEY, time.time_ns(), None)


def cached_sidebar(name, index, compute):
    """The sidebar's aggregates over every post are the same for every visitor until a post
    is published or withdrawn, so they are kept in the cache until then."""
    version = cache.get_or_set(SIDEBAR_VERSION_KEY, time.time_ns, None)
    return cache.get_or_set(f"blog:{name}:{index.pk}:{version}", compute, SIDEBAR_TIMEOUT)


def archive_months(index):
    """[{month, count, label, path}], newest first, like WordPress's monthly archive."""
    return cached_sidebar("archive-months", index, lambda: _archive_months(index))


def _archive_months(index):
    rows = (
        live_posts(index)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    return [
        {
            "month": row["month"],
            "count": row["count"],
            "label": month_heading(row["month"].year, row["month"].month),
            "path": f"arkiv/{row['month'].year}/{row['month'].month:02d}/",
        }
        for row in rows
    ]


def category_slug(work_area):
    return slugify(f"{work_area.code} {work_area.title}")[:60].strip("-")


def work_areas_for(index):
    areas = WorkArea.objects.all()
    if index.project_id:
        areas = areas.filter(project_id=index.project_id)
    return areas


def work_area_for_slug(slug, *, project=None):
    code = slug.split("-", 1)[0].upper()
    areas = WorkArea.objects.filter(code=code)
    if project is not None:
        areas = areas.filter(project=project)
    return areas.first()


def categories_with_counts(index):
    """The index's work areas that have posts, with their number of live posts."""
    return cached_sidebar("categories", index, lambda: _categories_with_counts(index))


def _categories_with_counts(index):
    in_index = Q(
        blog_posts__live=True,
        blog_posts__path__startswith=index.path,
        blog_posts__depth=index.depth + 1,
    )
    areas = (
        work_areas_for(index)
        .annotate(post_count=Count("blog_posts", filter=in_index))
        .filter(post_count__gt=0)
    )
    areas = list(areas)
    for area in areas:
        area.slug = category_slug(area)
    return areas


def category_slugs(index):
    return [area.slug for area in categories_with_counts(index)]


def tag_for_slug(slug):
    return get_object_or_404(Tag, slug=slug)


def author_for_slug(slug):
    return get_object_or_404(models.Author, slug=slug)


def related_posts(post):
    """The editor's choice of related posts, topped up with the latest posts that share a
    work area."""
    chosen = [
        link.related for link in post.related_links.select_related("related") if link.related.live
    ]
    missing = RELATED_POSTS - len(chosen)
    if missing > 0:
        category_ids = [area.pk for area in post.categories.all()]
        if category_ids:
            exclude = [post.pk, *(p.pk for p in chosen)]
            sharing_a_work_area = (
                models.BlogPostPage.objects.live()
                .public()
                .filter(categories__in=category_ids, locale_id=post.locale_id)
                .exclude(pk__in=exclude)
                .order_by("-date", "-pk")
            )
            ids = list(sharing_a_work_area.values_list("pk", flat=True).distinct()[:missing])
            by_id = models.BlogPostPage.objects.in_bulk(ids) if ids else {}
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
        events = events.child_of(index)
    return events_with_listing_data(events).order_by("start", "pk")


def past_events(index, *, now=None):
    now = now or timezone.now()
    events = models.EventPage.objects.live().public().child_of(index).filter(end__lt=now)
    return events_with_listing_data(events).order_by("-start", "-pk")


def latest_posts(root_page, limit=3):
    """The newest posts anywhere below a site's home page, for the home page."""
    live = models.BlogPostPage.objects.live().public().descendant_of(root_page)
    return list(with_listing_data(live).order_by("-date", "-pk")[:limit])


def next_events(root_page, limit=3):
    return list(upcoming_events().descendant_of(root_page)[:limit])


def home_page_slots(home):
    """The home page's latest posts and upcoming events, with links to their listings."""
    return {
        "latest_posts": latest_posts(home),
        "upcoming_events": next_events(home),
        "blog_index": models.BlogIndexPage.objects.live().descendant_of(home).first(),
        "event_index": models.EventIndexPage.objects.live().descendant_of(home).first(),
    }


def work_area_posts(work_area, limit=5):
    """The newest posts filed under a work area in the language shown, for its page on the
    progress pages."""
    live = (
        models.BlogPostPage.objects.live()
        .public()
        .filter(categories=work_area, locale=Locale.get_active())
    )
    return list(with_listing_data(live).order_by("-date", "-pk")[:limit])
