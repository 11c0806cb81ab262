"""What search engines and sharing previews read: description, Open Graph and Twitter
tags, canonical address, sitemap, robots.txt; share links that load nothing."""

import re

import pytest

from .conftest import at


@pytest.fixture
def post(make_post, areas, lead_image):
    return make_post(
        "Kick-off i Rådhuset",
        date=at(2012, 10, 24),
        areas=[areas["A"]],
        intro="Projektgruppen och styrgruppen startade arbetet i Umeå.",
        lead_image=lead_image,
        lead_image_alt="Deltagare i Rådhuset",
    )


def meta(page, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_post_has_description_open_graph_twitter_card_and_canonical(client, post):
    page = client.get(post.url).content.decode()
    summary = "Projektgruppen och styrgruppen startade arbetet i Umeå."
    assert meta(page, "name", "description") == summary
    assert meta(page, "property", "og:description") == summary
    assert meta(page, "property", "og:type") == "article"
    assert meta(page, "property", "og:title") == "Kick-off i Rådhuset"
    assert meta(page, "property", "og:url") == "http://testserver/blogg/kick-off-i-radhuset/"
    assert '<link rel="canonical" href="http://testserver/blogg/kick-off-i-radhuset/">' in page
    image = meta(page, "property", "og:image")
    # Renditions take their host from WAGTAILADMIN_BASE_URL, the site's public address.
    assert image.startswith("http://testserver/media/images/") and ".fill-1200x630" in image
    assert meta(page, "property", "og:image:width") == "1200"
    assert meta(page, "property", "og:image:alt") == "Deltagare i Rådhuset"
    assert meta(page, "name", "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_listing_canonical_points_at_the_listing_not_the_blog(client, post):
    page = client.get("/blogg/arkiv/2012/10/?sida=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/blogg/arkiv/2012/10/">' in page


@pytest.mark.django_db
def test_share_links_are_plain_links_and_pages_load_nothing_from_elsewhere(client, post):
    page = client.get(post.url).content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fblogg%2Fkick-off-i-radhuset%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in page
    assert f'href="https://www.linkedin.com/sharing/share-offsite/?url={encoded}"' in page
    assert "<script" not in page
    assert not re.search(r' on[a-z]+="', page)  # no inline event handlers
    external_loads = re.findall(
        r'<(?:img|link|iframe)[^>]+(?:src|href)="https?://(?!testserver)', page
    )
    assert [load for load in external_loads if 'rel="alternate"' not in load] == []


@pytest.mark.django_db
def test_sitemap_lists_posts_events_and_category_pages(client, post, make_event):
    make_event("Regional konferens", start=at(2012, 11, 16, 9))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/blogg/kick-off-i-radhuset/</loc>" in sitemap
    assert "<loc>http://testserver/kalender/regional-konferens/</loc>" in sitemap
    assert (
        "<loc>http://testserver/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/"
        "</loc>" in sitemap
    )


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, demo_site):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_each_blog_page_has_one_h1_and_labelled_landmarks(client, post, make_event):
    event = make_event("Regional konferens", start=at(2012, 11, 16, 9))
    for url in [
        post.url,
        "/blogg/",
        "/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/",
        "/blogg/forfattare/carina-lindberg/",
        "/kalender/",
        "/kalender/tidigare/",
        event.url,
        "/sok/?q=arbetet",
    ]:
        page = client.get(url).content.decode()
        assert page.count("<h1") == 1, url
        assert "<main" in page
        assert "<aside" not in page  # complementary landmarks belong outside <main>
        for nav in re.findall(r"<nav[^>]*>", page):
            assert "aria-label" in nav, (url, nav)
        for image in re.findall(r"<img [^>]*>", page):
            assert ' alt="' in image, (url, image)
