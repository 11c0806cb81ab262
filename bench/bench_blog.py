"""Issue 4: a blog of 5 000 posts by 200 authors with 50 tags, and 300 events; the listings,
a post, the RSS feed and a search, rendered through Django's test client with the page
cache off (website/settings/bench.py), and three rows again with it on, marked "cached".

A post's body is about 280 words in seven paragraphs under two headings, as the project's
real posts are; one post in a hundred mentions "lärlingsplatser", the word the rare search
looks for, while "arbetsgivare" is in every post."""

import datetime
import os
import random
import time

from bench.run import measure

POSTS = int(os.environ.get("BENCH_BLOG_POSTS", 5_000))
AUTHORS = 200
TAGS = 50
EVENTS = 300
IMAGES = 10


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
CACHED_ROWS = {"blog index, page 1", "blog post", "RSS feed (full text)"}


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


def fill():
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from wagtail.models import Page

    from taggit.models import Tag

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

    rng = random.Random(4)
    with transaction.atomic():
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
        Page.objects.filter(slug__in=["bench-blogg", "bench-kalender"]).delete()
        home = Page.objects.get(pk=home.pk)
        blog = BlogIndexPage(title="Benchblogg", slug="bench-blogg", project=project)
        home.add_child(instance=blog)
        calendar = EventIndexPage(title="Benchkalender", slug="bench-kalender")
        home.add_child(instance=calendar)

        start = timezone.make_aware(datetime.datetime(2012, 10, 1, 8))
        minutes_apart = (2 * 365 * 24 * 60) // POSTS
        post_ids = []
        for n in range(POSTS):
            date = start + datetime.timedelta(minutes=n * minutes_apart)
            post = BlogPostPage(
                title=f"Inlägg nummer {n}",
                slug=f"inlagg-{n}",
                date=date,
                first_published_at=date,
                last_published_at=date,
                intro=f"Sammanfattning av inlägg {n} om pendling och arbetsgivare.",
                body=body(n),
                lead_image=images[n % IMAGES],
                lead_image_alt="Bild från arbetet",
                kind=BlogPostPage.Kind.NEWS if n % 5 == 0 else BlogPostPage.Kind.BLOG,
            )
            blog.add_child(instance=post)  # treebeard keeps blog.numchild up to date
            post_ids.append(post.pk)
        BlogPostAuthor.objects.bulk_create(
            BlogPostAuthor(post_id=post_id, author=author, sort_order=order)
            for post_id in post_ids
            for order, author in enumerate(rng.sample(authors, 1 + post_id % 2))
        )
        through = BlogPostPage.categories.through
        through.objects.bulk_create(
            through(blogpostpage_id=post_id, workarea_id=area.pk)
            for post_id in post_ids
            for area in rng.sample(areas, 1 + post_id % 2)
        )
        BlogPostTag.objects.bulk_create(
            BlogPostTag(content_object_id=post_id, tag=tag)
            for post_id in post_ids
            for tag in rng.sample(tags, 3)
        )
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
    return blog, calendar, areas[0]


def reuse():
    """BENCH_BLOG_REUSE=1 measures again on the database an earlier run filled (run
    bench/run.py directly: `make bench` starts from an empty database)."""
    from blog.models import BlogIndexPage, EventIndexPage
    from governance.register.models import WorkArea

    blog = BlogIndexPage.objects.filter(slug="bench-blogg").first()
    calendar = EventIndexPage.objects.filter(slug="bench-kalender").first()
    area = WorkArea.objects.filter(project__slug="bloggbench", code="A").first()
    return (blog, calendar, area) if blog and calendar and area else (None, None, None)


def run():
    from django.test import Client
    from django.test.utils import override_settings

    from blog.listings import category_slug

    started = time.perf_counter()
    blog, calendar, area = reuse() if os.environ.get("BENCH_BLOG_REUSE") else (None, None, None)
    if blog is None:
        blog, calendar, area = fill()
        fill_seconds = time.perf_counter() - started
        print(f"  filled {POSTS} posts and {EVENTS} events in {fill_seconds:.0f} s", flush=True)
    client = Client()
    note = f"{POSTS} posts, {AUTHORS} authors, {TAGS} tags, {EVENTS} events"

    def get(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    base = blog.url
    cases = [
        ("blog index, page 1", base),
        ("blog index, page 100", base + "?sida=100"),
        ("blog post", base + f"inlagg-{POSTS // 2}/"),
        ("category page", base + f"kategori/{category_slug(area)}/"),
        ("monthly archive", base + "arkiv/2013/10/"),
        ("author page", base + "forfattare/skribent-7/"),
        ("RSS feed (full text)", base + "rss/"),
        ("search 'arbetsgivare' (in every post)", "/sok/?q=arbetsgivare"),
        (f"search 'lärlingsplatser' (1 post in {RARE_WORD_EVERY})", "/sok/?q=l%C3%A4rlingsplatser"),
        ("event calendar", calendar.url),
        ("calendar feed (.ics)", calendar.url + "ical/"),
    ]
    cached_cases = [case for case in cases if case[0] in CACHED_ROWS]
    with override_settings(ALLOWED_HOSTS=["*"]):
        for _what, url in cases:
            get(url)()  # renditions are made once, on the first visit
        rows = [(what, *measure(get(url), repeat=15), note) for what, url in cases]
        with override_settings(PAGE_CACHE_SECONDS=600):
            for _what, url in cached_cases:
                get(url)()  # the first visit fills the cache; the rows time the hits
            rows += [
                (f"{what} (cached)", *measure(get(url), repeat=15), note)
                for what, url in cached_cases
            ]
    return rows
