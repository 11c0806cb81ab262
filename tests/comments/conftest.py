import datetime
import itertools
import time

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Site

import pytest

from blog.models import BlogIndexPage, BlogPostPage, EventIndexPage, EventPage
from comments.models import Comment, CommentSiteSettings
from comments.spam import issue_form_token

_addresses = itertools.count(10)


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limits count in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def blog_index(demo_site):
    return demo_site.add_child(instance=BlogIndexPage(title="Blogg", slug="blogg"))


@pytest.fixture
def make_post(blog_index):
    def make(slug="pendling", *, days_ago=1, title="Vad hindrar oss från att pendla?"):
        post = BlogPostPage(
            title=title,
            slug=slug,
            intro="Vi har frågat pendlarna.",
            date=timezone.now() - datetime.timedelta(days=days_ago),
        )
        blog_index.add_child(instance=post)
        return post

    return make


@pytest.fixture
def post(make_post):
    return make_post()


@pytest.fixture
def event(demo_site):
    calendar = demo_site.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    start = timezone.now() + datetime.timedelta(days=10)
    return calendar.add_child(
        instance=EventPage(
            title="Regional konferens",
            slug="konferens",
            start=start,
            end=start + datetime.timedelta(hours=6),
            place_name="Rådhuset",
        )
    )


@pytest.fixture
def comment_settings(demo_site):
    return CommentSiteSettings.for_site(Site.objects.get(root_page=demo_site))


def form_data(page, *, seconds_ago=60, **overrides):
    """What a person's browser sends after a minute spent writing."""
    data = {
        "name": "Maria Lindgren",
        "email": "maria@example.invalid",
        "website": "",
        "text": "Jag pendlar från Husum tre dagar i veckan.",
        "consent": "on",
        "parent": "",
        "homepage": "",
        "token": issue_form_token(page, now=time.time() - seconds_ago),
    }
    data.update(overrides)
    return data


@pytest.fixture
def submit(client):
    """Posts the comment form as a reader from their own IP address."""

    def post(page, ip=None, **overrides):
        ip = ip or f"192.0.2.{next(_addresses)}"
        return client.post(f"/kommentarer/{page.pk}/", form_data(page, **overrides), REMOTE_ADDR=ip)

    return post


@pytest.fixture
def make_comment():
    def make(page, status=Comment.Status.APPROVED, **fields):
        fields.setdefault("name", "Anders Berg")
        fields.setdefault("email", "anders@example.invalid")
        fields.setdefault("text", "Fler pendlarparkeringar, tack.")
        return Comment.objects.create(page=page, status=status, **fields)

    return make
