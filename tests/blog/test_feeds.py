"""RSS 2.0 and Atom, read back by feedparser as a feed reader would."""

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

import feedparser
import pytest

from blog.models import BlogIndexPage, BlogPostPage

from .conftest import at


@pytest.fixture
def posts(make_post, areas, author, guest_author, lead_image):
    make_post(
        "Kick-off i Rådhuset",
        date=at(2012, 10, 24, 15),
        areas=[areas["A"]],
        tags=["pendling"],
        lead_image=lead_image,
        lead_image_alt="Deltagare i Rådhuset",
        body=[("paragraph", '<p>Se <a href="/kalender/">kalendern</a> för fler träffar.</p>')],
    )
    make_post(
        "Gästinlägg från Arbetsförmedlingen",
        date=at(2013, 11, 12, 10),
        areas=[areas["C"]],
        authors=[guest_author, author],
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.django_db
def test_rss_feed_parses_with_absolute_links_dates_authors_and_enclosure(client, posts):
    response, feed = parse(client, "/blogg/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Blogg – Arbetsmarknadsregionen Örnsköldsvik–Umeåregionen"
    assert feed.feed.link == "http://testserver/blogg/"
    newest, oldest = feed.entries
    assert newest.title == "Gästinlägg från Arbetsförmedlingen"
    assert newest.link == "http://testserver/blogg/gastinlagg-fran-arbetsformedlingen/"
    assert newest.author == "Per Renström, Carina Lindberg"
    assert tuple(newest.published_parsed)[:5] == (2013, 11, 12, 9, 0)  # 10:00 Swedish time
    assert oldest.summary == "Sammanfattning av Kick-off i Rådhuset."
    assert [tag.term for tag in oldest.tags] == [
        "Från två lokala arbetsmarknader till en region",
        "pendling",
    ]
    enclosure = oldest.enclosures[0]
    assert enclosure.href.startswith("http://testserver/media/original_images/")
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert 'href="http://testserver/kalender/"' in oldest.content[0].value


@pytest.mark.django_db
def test_atom_feed_parses_with_authors_and_full_content(client, posts):
    response, feed = parse(client, "/blogg/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    newest, oldest = feed.entries
    assert newest.link == "http://testserver/blogg/gastinlagg-fran-arbetsformedlingen/"
    assert [author.name for author in newest.authors] == ["Per Renström", "Carina Lindberg"]
    assert response.content.decode().count("<author><name>Per Renström</name></author>") == 1
    assert tuple(oldest.updated_parsed)[:3] >= (2012, 10, 24)
    assert "fler träffar" in oldest.content[0].value
    assert any(link.rel == "enclosure" for link in oldest.links)


@pytest.mark.django_db
def test_summary_only_feed_leaves_out_the_body(client, blog, posts):
    blog.feed_content = BlogIndexPage.FeedContent.SUMMARY
    blog.save_revision().publish()
    _response, feed = parse(client, "/blogg/rss/")
    assert "content" not in feed.entries[1]
    assert feed.entries[1].summary == "Sammanfattning av Kick-off i Rådhuset."


@pytest.mark.django_db
def test_category_feeds_hold_only_that_work_area(client, posts):
    for kind in ("rss", "atom"):
        _response, feed = parse(client, f"/blogg/kategori/c-en-gemensam-regional-identitet/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Gästinlägg från Arbetsförmedlingen"]
        assert "En gemensam regional identitet" in feed.feed.title


@pytest.mark.django_db
def test_every_page_head_links_the_blog_feeds(client, posts):
    for url in ["/", "/om-projektet/", "/blogg/", "/blogg/kick-off-i-radhuset/", "/sok/?q=x"]:
        page = client.get(url).content.decode()
        rss = '<link rel="alternate" type="application/rss+xml" title="Blogg (RSS)"'
        assert f'{rss} href="/blogg/rss/">' in page, url
        assert 'type="application/atom+xml"' in page


@pytest.mark.django_db
def test_category_page_also_links_its_own_feed(client, posts):
    page = client.get(
        "/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/"
    ).content.decode()
    assert 'href="/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/rss/"' in page


@pytest.mark.django_db
def test_feed_items_kept_in_the_cache_give_the_same_feed(client, posts):
    with CaptureQueriesContext(connection) as rendering:
        rendered = client.get("/blogg/rss/").content
    with CaptureQueriesContext(connection) as from_cache:
        cached = client.get("/blogg/rss/").content
    assert cached == rendered
    assert len(from_cache) < len(rendering)  # the items' posts were not fetched again
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        without_cache = client.get("/blogg/rss/").content
    assert without_cache == rendered
    assert client.get("/blogg/atom/").content != rendered


@pytest.mark.django_db
def test_feed_shows_an_edited_post_and_a_renamed_author(client, posts, author):
    client.get("/blogg/rss/")
    post = BlogPostPage.objects.get(slug="kick-off-i-radhuset")
    post.body = [("paragraph", "<p>Ny text om pendlingen.</p>")]
    post.save_revision().publish()
    _response, feed = parse(client, "/blogg/rss/")
    assert "Ny text om pendlingen" in feed.entries[1].content[0].value
    assert "fler träffar" not in feed.entries[1].content[0].value

    author.name = "Carina Lindberg Nilsson"
    author.save()
    _response, feed = parse(client, "/blogg/rss/")
    assert feed.entries[0].author == "Per Renström, Carina Lindberg Nilsson"
