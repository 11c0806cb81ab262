import datetime
import itertools
import time

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Site

import pytest

from comments.models import Comment, CommentSiteSettings
from comments.spam import issue_form_token
from tests.blog.factories import (
    BlogIndexPageFactory,
    BlogPostPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)

_addresses = itertools.count(10)


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limits count in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def blog_index(demo_site):
    return BlogIndexPageFactory(parent=demo_site)


@pytest.fixture
def make_post(blog_index):
    def make(slug="pendling", *, days_ago=1, title="Vad hindrar oss från att pendla?"):
        return BlogPostPageFactory(
            parent=blog_index,
            title=title,
            slug=slug,
            intro="Vi har frågat pendlarna.",
            date=timezone.now() - datetime.timedelta(days=days_ago),
        )

    return make


@pytest.fixture
def post(make_post):
    return make_post()


@pytest.fixture
def event(demo_site):
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=demo_site),
        title="Regional konferens",
        slug="konferens",
        hours=6,
        place_name="Rådhuset",
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
