"""List pages and feeds fetch what they show in a fixed number of queries: the count is
the same with 3 posts (all on one page) as with 25 (a full page and more)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.demo_images import draw_demo_image

from .conftest import at

LISTINGS = [
    "/",
    "/blogg/",
    "/blogg/?sida=2",
    "/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/",
    "/blogg/tagg/media/",
    "/blogg/arkiv/2013/01/",
    "/blogg/arkiv/2013/",
    "/blogg/forfattare/carina-lindberg/",
    "/blogg/rss/",
    "/blogg/atom/",
    "/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/rss/",
    "/sok/?q=sammanfattning",
    "/kalender/",
    "/kalender/ical/",
]


def queries_per_url(client):
    counts = {}
    for url in LISTINGS:
        client.get(url)  # the first visit makes image renditions
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(context)
    return counts


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_number_of_posts(
    client, make_post, make_event, areas, author, guest_author, calendar
):
    images = [draw_demo_image(f"Bild {n}", size=(800, 450)) for n in range(2)]
    made = 0

    def add_posts(number):
        nonlocal made
        for _ in range(number):
            made += 1
            make_post(
                f"Inlägg {made}",
                date=at(2013, 1, 1 + made),
                authors=[author, guest_author],
                areas=[areas["A"], areas["C"]],
                tags=["media", f"tagg-{made}"],
                lead_image=images[made % 2],
                lead_image_alt="Bild",
            )
            make_event(
                f"Evenemang {made}",
                start=at(2030, 1, made, 9),
                categories=[areas["A"]],
                lead_image=images[made % 2],
                lead_image_alt="Bild",
            )

    add_posts(3)
    few = queries_per_url(client)
    add_posts(22)
    many = queries_per_url(client)
    assert many == few
    assert max(few.values()) <= 30, few


@pytest.mark.django_db
def test_post_page_queries_do_not_grow_with_authors_tags_or_related_posts(
    client, make_post, areas, author
):
    from blog.models import Author
    from core.fragments import fragment_cache

    def rendered_anew(url):
        """The queries of the post with its article and related posts rendered, not kept
        (core/fragments.py)."""
        client.get(url)
        fragment_cache().clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return captured

    make_post("Granne", areas=[areas["B"]], date=at(2013, 1, 15))
    first = make_post("Första", areas=[areas["B"]], tags=["a"], date=at(2013, 2, 1))
    few = rendered_anew(first.url)
    photo = draw_demo_image("Porträtt", size=(320, 320))
    authors = [Author.objects.create(name=f"Skribent {n}", photo=photo) for n in range(5)]
    for day in range(2, 8):
        make_post(f"Fler {day}", areas=[areas["B"]], date=at(2013, 2, day))
    second = make_post(
        "Andra", areas=[areas["B"]], tags=list("abcdef"), authors=authors, date=at(2013, 3, 1)
    )
    many = rendered_anew(second.url)
    assert len(many) == len(few) + 1, [q["sql"] for q in many.captured_queries]  # + photos
