"""Issue 22: a blog of the anchor's shape (posts of ~280 words in seven paragraphs under
two headings, 200 authors, each post signed by 1–2 of them, filed under 1–2 of 4 work areas
and tagged with 2–4 of 50 tags) at 5 000 and at 50 000 posts, and a calendar of 300 events.

Each page is rendered through Django's test client with the page cache off (uncached, what
a reader waits for when the page is not cached); the home page, the index, a post and the
feed are timed again with it on, marked "(cached)". The fragment caches stay on in the
uncached rows, as they do for every reader (core/fragments.py: the header, menu, footer, a
page's language versions, the blog's sidebar, post teasers, a post's article, body and
related posts, each feed item): the rows "fragments rendered anew" empty them and move
their version on before each request, as a publish does. The 50 000 row of each page says
how much slower it is than the 5 000 row, beside the target (at most 1.3 times). The feed
is also timed with its per-post items forgotten before each request, as every request
rendered it before (today's feed was 1.05 times Puput's time; the target is 0.5 times
Puput's, so at most 0.48 times that row).

Each size fills a database of its own, once: bench/run.py keeps var/bench/blog/ between
runs (SQLite files and images), and on PostgreSQL the database named in DATABASE_URL gets
a sibling per size (`<name>_blog5000`). A database whose fill is older than FILL_VERSION
is filled again. Posts are written a hundred per INSERT, what the WordPress import's
page_creation.py writes for one page at a time, and indexed for search in bulk.

One post in a hundred mentions "lärlingsplatser", the word the rare search looks for, while
"arbetsgivare" is in every post. BENCH_BLOG_SIZES=5000 measures one size only. The sizes run
in turn BENCH_BLOG_ROUNDS times (2), and each row keeps its round with the lowest median."""

import datetime
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [int(n) for n in os.environ.get("BENCH_BLOG_SIZES", "5000,50000").split(",")]
AUTHORS = 200
TAGS = 50
EVENTS = 300
IMAGES = 10
FILL_VERSION = 2
WORK = ROOT / "var" / "bench" / "blog"
RATIO_TARGET = 1.3
ROUNDS = int(os.environ.get("BENCH_BLOG_ROUNDS", "2"))
FEED_TARGET = 0.48  # of the feed rendered whole, as before: 0.5 / 1.05 (Puput's time)
INDEX_CHUNK = 500
INSERT_CHUNK = 100  # rows per INSERT: SQLite takes at most 999 parameters


PARAGRAPHS = [
    "Arbetsgivare i båda kommunerna möttes under hösten för att jämföra hur de rekryterar, "
    "vilka yrken som saknas och hur pendlingen mellan orterna har förändrats sedan "
    "vägen byggdes om. Många beskrev samma brist: sökande finns, men inte där jobben finns.",
    "Projektgruppen har samlat statistik över in- och utpendling per månad och delat den med "
    "styrgruppen. Siffrorna visar att resorna ökar, men att kollektivtrafiken inte hänger "
    "med på morgonen, när de flesta skiften börjar.",
    "Nästa steg är en gemensam plattform där arbetsgivare och arbetssökande kan mötas, och "
    "en samordning av kommunernas arbetsmarknadsinsatser så att ingen faller mellan stolarna "
    "när hen flyttar eller byter arbetsort inom regionen.",
    "Under våren prövar vi ett gemensamt mottagande för nyanlända och unga vuxna. Handläggare "
    "från båda kommunerna sitter tillsammans två dagar i veckan och följer upp varje person "
    "i tre månader, med en kontaktperson hela vägen.",
    "Styrgruppen följer arbetet varje kvartal. I lägesrapporten redovisas vilka aktiviteter "
    "som är klara, vilka som är försenade och varför, hur mycket av budgeten som har "
    "använts och vad projektledningen föreslår när något behöver ändras. Beslut som "
    "flyttar pengar mellan arbetsområden fattas av styrgruppen och protokollförs.",
    "Vi har också börjat intervjua personer som har fått arbete genom projektet. De "
    "berättar om vad som hjälpte: en praktikplats nära hemmet, en handledare som tog sig "
    "tid, en buss som gick i rätt tid. Deras erfarenheter formar nästa års plan.",
    "Vill du veta mer eller delta i nästa träff? Hör av dig till projektledningen. Vi "
    "välkomnar synpunkter från företag, föreningar och invånare i hela regionen.",
]
RARE_WORD_EVERY = 100
CACHED_ROWS = {"blog index, page 1", "blog post", "RSS feed (full text)", "home page"}


def body(number):
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    paragraphs[0] = f"<p>Inlägg {number}. {PARAGRAPHS[0]}</p>"
    if number % RARE_WORD_EVERY == 0:
        paragraphs[2] = f"<p>{PARAGRAPHS[2]} Fler lärlingsplatser behövs i vården.</p>"
    return [
        {"type": "paragraph", "value": paragraphs[0]},
        {"type": "paragraph", "value": paragraphs[1]},
        {"type": "heading", "value": {"text": "Vad händer nu?", "level": "h2"}},
        {"type": "paragraph", "value": paragraphs[2]},
        {"type": "paragraph", "value": paragraphs[3]},
        {"type": "paragraph", "value": paragraphs[4]},
        {"type": "paragraph", "value": paragraphs[5]},
        {"type": "heading", "value": {"text": "Kontakt", "level": "h2"}},
        {"type": "paragraph", "value": paragraphs[6]},
    ]


def fill(posts):
    """The blog, its authors, work areas, tags and images, and the calendar, in one
    transaction; the posts a hundred at a time (insert_posts), not page by page through
    Wagtail's save and publish; then the listing index and the search index in bulk."""
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backends
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from taggit.models import Tag

    from blog import listing_index
    from blog.models import (
        Author,
        BlogIndexPage,
        BlogPostAuthor,
        BlogPostPage,
        BlogPostTag,
        EventIndexPage,
        EventPage,
    )
    from core.demo_images import draw_demo_image
    from governance.register.models import Project, WorkArea
    from website.demo import ensure_home_page
    from wordpress_import.importer import deferred_search_indexing
    from wordpress_import.page_creation import load_parental_many_to_many

    rng = random.Random(4)
    with (
        disable_reference_index_auto_update(),
        deferred_search_indexing([Page, BlogPostPage]),
        transaction.atomic(),
    ):
        project = Project.objects.create(
            name="Bloggbench",
            short_name="Bloggbench",
            slug="bloggbench",
            start_date=datetime.date(2012, 10, 1),
            end_date=datetime.date(2014, 9, 30),
        )
        areas = WorkArea.objects.bulk_create(
            WorkArea(project=project, code=code, title=f"Arbetsområde {code}", sort_order=n)
            for n, code in enumerate("ABCD")
        )
        authors = Author.objects.bulk_create(
            Author(name=f"Skribent {n}", slug=f"skribent-{n}", is_guest=n % 10 == 0)
            for n in range(AUTHORS)
        )
        tags = Tag.objects.bulk_create(Tag(name=f"tagg {n}", slug=f"tagg-{n}") for n in range(TAGS))
        images = [draw_demo_image(f"Bench {n}", size=(800, 450)) for n in range(IMAGES)]

        home = ensure_home_page()
        blog = BlogIndexPage(
            title="Benchblogg", slug="bench-blogg", project=project, intro=marker(posts)
        )
        home.add_child(instance=blog)
        blog.save_revision().publish()
        calendar = EventIndexPage(title="Benchkalender", slug="bench-kalender")
        home.add_child(instance=calendar)

        start = timezone.make_aware(datetime.datetime(2012, 10, 1, 8))
        seconds_apart = (2 * 365 * 24 * 60 * 60) // posts
        for first in range(0, posts, INSERT_CHUNK):
            chunk = []
            for n in range(first, min(first + INSERT_CHUNK, posts)):
                date = start + datetime.timedelta(seconds=n * seconds_apart)
                post = BlogPostPage(
                    title=f"Inlägg nummer {n}",
                    slug=f"inlagg-{n}",
                    date=date,
                    intro=f"Sammanfattning av inlägg {n} om pendling och arbetsgivare.",
                    body=body(n),
                    lead_image=images[n % IMAGES],
                    lead_image_alt="Bild från arbetet",
                    kind=BlogPostPage.Kind.NEWS if n % 5 == 0 else BlogPostPage.Kind.BLOG,
                )
                post.post_authors = [
                    BlogPostAuthor(author=author, sort_order=order)
                    for order, author in enumerate(rng.sample(authors, 1 + n % 2))
                ]
                post.categories = rng.sample(areas, 1 + n % 2)
                post.tagged_items = [BlogPostTag(tag=tag) for tag in rng.sample(tags, 2 + n % 3)]
                chunk.append(post)
            insert_posts(blog, first, chunk)
        Page.objects.filter(pk=blog.pk).update(numchild=posts)
        listing_index.rebuild()
        now = timezone.now()
        for n in range(EVENTS):
            begins = now + datetime.timedelta(days=n - EVENTS // 2, hours=1)
            calendar.add_child(
                instance=EventPage(
                    title=f"Evenemang {n}",
                    slug=slugify(f"evenemang-{n}"),
                    start=begins,
                    end=begins + datetime.timedelta(hours=3),
                    place_name="Umeå",
                    intro="Träff för arbetsgivare i regionen.",
                )
            )
        ids = list(BlogPostPage.objects.values_list("pk", flat=True))
        for start_at in range(0, len(ids), INDEX_CHUNK):
            pages = list(
                BlogPostPage.get_indexed_objects().filter(
                    pk__in=ids[start_at : start_at + INDEX_CHUNK]
                )
            )
            load_parental_many_to_many(BlogPostPage, pages)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(BlogPostPage, pages)


def insert_posts(blog, offset, posts):
    """Writes live posts below the blog with a few INSERTs a hundred posts, as
    page_creation.py would write them one by one: the tree rows, the posts, their authors,
    work areas and tags, and one live revision each."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page, Revision

    from blog.models import BlogPostAuthor, BlogPostPage, BlogPostTag

    content_type = ContentType.objects.get_for_model(BlogPostPage)
    for number, post in enumerate(posts, start=offset + 1):
        post.path = Page._get_path(blog.path, blog.depth + 1, number)
        post.depth, post.numchild = blog.depth + 1, 0
        post.url_path = f"{blog.url_path}{post.slug}/"
        post.content_type, post.locale_id = content_type, blog.locale_id
        post.live, post.has_unpublished_changes, post.draft_title = True, False, post.title
        post.first_published_at = post.last_published_at = post.date
        post.latest_revision_created_at = post.date
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(post, name) for name in page_fields}) for post in posts]
    )
    for row, post in zip(rows, posts, strict=True):
        post.pk = post.id = row.pk
    BlogPostPage._base_manager._insert(posts, fields=BlogPostPage._meta.local_concrete_fields)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(post.pk),
            content=post.serializable_data(),
            object_str=post.title,
            created_at=post.date,
        )
        for post in posts
    )
    for row, revision in zip(rows, revisions, strict=True):
        row.live_revision = row.latest_revision = revision
    Page.objects.bulk_update(rows, ["live_revision", "latest_revision"])
    BlogPostAuthor.objects.bulk_create(
        BlogPostAuthor(post_id=post.pk, author_id=link.author_id, sort_order=link.sort_order)
        for post in posts
        for link in post.post_authors.all()
    )
    through = BlogPostPage.categories.through
    through.objects.bulk_create(
        through(blogpostpage_id=post.pk, workarea_id=area.pk)
        for post in posts
        for area in post.categories.all()
    )
    BlogPostTag.objects.bulk_create(
        BlogPostTag(content_object_id=post.pk, tag_id=item.tag_id)
        for post in posts
        for item in post.tagged_items.all()
    )


def marker(posts):
    return f"Bench fill {FILL_VERSION}: {posts} posts."


def filled(posts):
    """The blog, calendar and first work area of an earlier fill of this version and size."""
    from blog.models import BlogIndexPage, EventIndexPage
    from governance.register.models import WorkArea

    blog = BlogIndexPage.objects.filter(slug="bench-blogg", intro=marker(posts)).first()
    calendar = EventIndexPage.objects.filter(slug="bench-kalender").first()
    area = WorkArea.objects.filter(project__slug="bloggbench", code="A").first()
    return (blog, calendar, area) if blog and calendar and area else None


def start_over():
    """An empty database: an earlier fill of another version or size goes."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        connection.close()
        path = Path(connection.settings_dict["NAME"])
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()


def prepare(posts):
    """The blog, calendar and a work area of a database of this size, filled if needed."""
    from django.core.management import call_command

    from core.planner_statistics import refresh_after_bulk_load

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    found = filled(posts)
    if found is None:
        start_over()
        call_command("migrate", verbosity=0, interactive=False)
        fill(posts)
        refresh_after_bulk_load()
        found = filled(posts)
        seconds = time.perf_counter() - started
        print(f"  filled {posts} posts and {EVENTS} events in {seconds:.0f} s", flush=True)
    return found


def measure_size(posts):
    """Runs inside the database of one size: fills it if needed, returns the rows."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    from bench.run import measure
    from blog import feeds
    from blog.listings import category_slug
    from core import fragments

    blog, calendar, area = prepare(posts)
    cache.clear()  # what an earlier fill of this database left
    client = Client()

    def get(url, before=None):
        def fetch():
            if before:
                before()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    base = blog.url
    post = base + f"inlagg-{posts // 2}/"
    forget_fragments = fragments.forget  # as a publish does: a new version
    cases = [
        ("home page", "/", None),
        ("blog index, page 1", base, None),
        ("blog index, page 1, fragments rendered anew", base, forget_fragments),
        ("blog index, page 100", base + "?sida=100", None),
        ("blog post", post, None),
        ("blog post, fragments rendered anew", post, forget_fragments),
        ("category page", base + f"kategori/{category_slug(area)}/", None),
        ("tag page", base + "tagg/tagg-7/", None),
        ("monthly archive", base + "arkiv/2013/10/", None),
        ("author page", base + "forfattare/skribent-7/", None),
        ("RSS feed (full text)", base + "rss/", None),
        ("RSS feed, items rendered anew", base + "rss/", feeds.forget_feed_items),
        ("search 'arbetsgivare' (in every post)", "/sok/?q=arbetsgivare", None),
        (
            f"search 'lärlingsplatser' (1 post in {RARE_WORD_EVERY})",
            "/sok/?q=l%C3%A4rlingsplatser",
            None,
        ),
        ("event calendar", calendar.url, None),
        ("calendar feed (.ics)", calendar.url + "ical/", None),
    ]
    rows = []
    with override_settings(ALLOWED_HOSTS=["*"]):
        for _what, url, _before in cases:
            get(url)()  # renditions are made once, on the first visit
        for what, url, before in cases:
            # Its fragments kept (a row before may have emptied them), so that its query
            # count, read on the first call, is that of the calls it times.
            get(url, before)()
            rows.append((what, *measure(get(url, before), repeat=15, cpu=True)))
        with override_settings(PAGE_CACHE_SECONDS=600):
            for what, url, _before in cases:
                if what in CACHED_ROWS:
                    get(url)()  # the first visit fills the cache; the row times the hits
                    rows.append((f"{what} (cached)", *measure(get(url), repeat=15, cpu=True)))
    return rows


def database_url(posts):
    """The database of one size: a SQLite file under var/bench/blog/, or a sibling of the
    PostgreSQL database DATABASE_URL names (created when missing)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{WORK / f'blog-{posts}.sqlite3'}"
    from bench.run import ensure_database

    base, _, name = url.rpartition("/")
    return ensure_database(f"{base}/{name.split('?')[0]}_blog{posts}")


def environment(posts):
    return {
        **os.environ,
        "DATABASE_URL": database_url(posts),
        "BENCH_MEDIA_ROOT": str(WORK / "media"),
        "DJANGO_SETTINGS_MODULE": "website.settings.bench",
    }


def run():
    """One process per size (each its own database), the sizes in turn ROUNDS times, then
    the rows side by side: each row keeps its least disturbed round (the lowest median),
    so that a shared machine slowing down while one size runs does not pass for growth."""
    WORK.mkdir(parents=True, exist_ok=True)
    results = {}
    for _round in range(ROUNDS):
        for posts in SIZES:
            env = environment(posts)
            output = subprocess.run(
                [sys.executable, __file__, str(posts)],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            *log, last = output.strip().splitlines()
            for line in log:
                print(line, flush=True)
            rows = json.loads(last)
            kept = results.setdefault(posts, rows)
            results[posts] = [
                min(a, b, key=lambda row: row[1]) for a, b in zip(kept, rows, strict=True)
            ]
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    rows = []
    smallest = SIZES[0]
    for number, (what, *_rest) in enumerate(results[smallest]):
        for posts in SIZES:
            what, median, p95, queries, cpu = results[posts][number]
            note = f"{posts} posts, {engine}, cpu {cpu:.1f} ms"
            if posts != smallest and "(cached)" not in what:
                ratio = median / results[smallest][number][1]
                verdict = "met" if ratio <= RATIO_TARGET else "MISSED"
                note += f"; {ratio:.2f}× of {smallest} (target ≤ {RATIO_TARGET}×: {verdict})"
            if what == "RSS feed (full text)":
                anew = next(r for r in results[posts] if r[0] == "RSS feed, items rendered anew")
                ratio = median / anew[1]
                verdict = "met" if ratio <= FEED_TARGET else "MISSED"
                note += (
                    f"; {ratio:.2f}× of rendering every item (target ≤ {FEED_TARGET}×: {verdict})"
                )
            rows.append((f"{what} @{posts}", median, p95, queries, note))
    return rows


if __name__ == "__main__":
    if sys.argv[1] == "--fill-only":  # bench/loadtest.py: the SQLite database of one size
        posts = int(sys.argv[2])
        WORK.mkdir(parents=True, exist_ok=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ.update(environment(posts))
        import django

        django.setup()
        prepare(posts)
    else:
        print(json.dumps(measure_size(int(sys.argv[1]))))
