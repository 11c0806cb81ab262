"""Publishing purges what shows the change, not the whole cache (core/cache.py): the post,
its blog with every listing and feed, the home page, the progress pages and the sitemap,
in the built-in page cache and, through Wagtail's frontend_cache, in a proxy or CDN."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone

import pytest

from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from tests.governance.register.factories import DemoProjectFactory, ProjectPageFactory
from tests.quality.purge_recorder import RecordingBackend

pytestmark = pytest.mark.django_db


def on(day):
    return timezone.make_aware(datetime.datetime(2013, *day, 12))


@pytest.fixture
def blog(demo_site, commit):
    """A blog with two posts in different work areas, tags and authors, and the progress
    page whose work-area pages list them; committed, as if made before."""
    with commit():
        return make_blog(demo_site)


def make_blog(demo_site):
    project = DemoProjectFactory()
    area_a, area_b = project.work_areas.order_by("sort_order")[:2]
    ProjectPageFactory(parent=demo_site, project=project)
    blog = BlogIndexPageFactory(parent=demo_site, project=project)
    kickoff = BlogPostPageFactory(
        parent=blog,
        title="Uppstart med arbetsgivarna",
        date=on((3, 14)),
        authors=[AuthorFactory(name="Carina Lindberg")],
        categories=[area_a],
        tags=["arbetsgivare"],
    )
    survey = BlogPostPageFactory(
        parent=blog,
        title="Pendlingsstudien klar",
        date=on((1, 20)),
        authors=[AuthorFactory(name="Per Renström")],
        categories=[area_b],
        tags=["pendling"],
    )
    return blog, kickoff, survey, area_a


def cached(client, path):
    """Reads `path` twice: the second read must come from the cache."""
    assert client.get(path).status_code == 200, path
    assert client.get(path)["X-Page-Cache"] == "hit", path


def test_publishing_a_post_purges_its_listings_and_feeds_but_not_an_unrelated_page(
    client, page_cache, commit, blog
):
    blog, kickoff, survey, area_a = blog
    shows_the_post = [
        kickoff.url,
        blog.url,
        blog.url + "rss/",
        blog.url + "tagg/arbetsgivare/",
        blog.url + "arkiv/2013/03/",
        blog.category_url(area_a),
        blog.url + "tagg/pendling/",  # every listing of the blog: their sidebars count posts
        "/",  # the home page's latest posts
        f"/lagesbild/arbetsomrade/{area_a.code.lower()}/",  # the work area's newest posts
    ]
    unrelated = [survey.url, "/om-projektet/", "/tillganglighet/"]
    for path in shows_the_post + unrelated + ["/sitemap.xml"]:
        cached(client, path)

    kickoff.title = "Uppstart med arbetsgivarna i Umeå"
    with commit():
        kickoff.save_revision().publish()

    for path in shows_the_post:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        if "pendling" not in path:
            assert "Uppstart med arbetsgivarna i Umeå" in response.content.decode(), path
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"
    for path in unrelated:
        assert client.get(path)["X-Page-Cache"] == "hit", path


def test_a_second_page_of_a_listing_is_purged_with_it(client, page_cache, commit, blog):
    blog, kickoff, survey, _area = blog
    cached(client, blog.url + "?sida=2")

    kickoff.title = "Uppstart, andra veckan"
    with commit():
        kickoff.save_revision().publish()

    assert client.get(blog.url + "?sida=2")["X-Page-Cache"] == "miss"


def test_a_proxy_or_cdn_is_sent_the_same_addresses(settings, commit, blog):
    """Wagtail's frontend_cache with a backend that records what it is asked to purge, the
    extension point its documentation names for other caches."""
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.quality.purge_recorder.RecordingBackend"}
    }
    blog, kickoff, survey, area_a = blog
    RecordingBackend.purged.clear()

    kickoff.title = "Uppstart med arbetsgivarna i Umeå"
    with commit():
        kickoff.save_revision().publish()

    paths = {urlsplit(url).path for url in RecordingBackend.purged}
    category = blog.category_url(area_a)
    assert {
        kickoff.url,
        blog.url,
        blog.url + "rss/",
        blog.url + "atom/",
        category,
        category + "rss/",
        blog.url + "tagg/arbetsgivare/",
        blog.url + "forfattare/carina-lindberg/",
        blog.url + "arkiv/2013/",
        blog.url + "arkiv/2013/03/",
        "/",
        "/lagesbild/",
        "/sitemap.xml",
    } <= paths
    assert survey.url not in paths and "/om-projektet/" not in paths
    assert len(RecordingBackend.purged) == len(set(RecordingBackend.purged)), "each URL once"


def test_a_change_whose_reach_is_unknown_purges_every_page_from_the_proxy_too(
    settings, commit, blog
):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.quality.purge_recorder.RecordingBackend"}
    }
    blog, kickoff, survey, _area = blog
    RecordingBackend.purged.clear()

    with commit():
        survey.unpublish()

    paths = {urlsplit(url).path for url in RecordingBackend.purged}
    assert {kickoff.url, blog.url, "/om-projektet/", "/", "/sitemap.xml"} <= paths
