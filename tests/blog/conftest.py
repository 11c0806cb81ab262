import datetime

from django.utils import timezone

import pytest

from core.demo_images import draw_demo_image
from tests.blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)
from tests.governance.register.factories import DemoProjectFactory


@pytest.fixture
def project(db):
    return DemoProjectFactory()


@pytest.fixture
def areas(project):
    return {area.code: area for area in project.work_areas.all()}


@pytest.fixture
def blog(demo_site, project):
    return BlogIndexPageFactory(parent=demo_site, project=project, intro="Om arbetet.")


@pytest.fixture
def calendar(demo_site):
    return EventIndexPageFactory(parent=demo_site)


@pytest.fixture
def author(db):
    return AuthorFactory(
        name="Carina Lindberg", organisation="Umeå kommun", role_title="Projektledare"
    )


@pytest.fixture
def guest_author(db):
    return AuthorFactory(
        name="Per Renström", organisation="Arbetsförmedlingen Örnsköldsvik", is_guest=True
    )


@pytest.fixture
def lead_image(db):
    return draw_demo_image("Testbild", size=(1200, 675))


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def make_post(blog, author):
    def make(title, *, date=None, authors=None, areas=(), tags=(), parent=None, **fields):
        return BlogPostPageFactory(
            parent=parent or blog,
            title=title,
            date=date or at(2013, 1, 1),
            authors=authors or [author],
            categories=list(areas),
            tags=tags,
            **fields,
        )

    return make


@pytest.fixture
def make_event(calendar):
    def make(title, *, start, hours=3, **fields):
        return EventPageFactory(parent=calendar, title=title, start=start, hours=hours, **fields)

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """The blog caches its sidebars; a test must not see another test's posts."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def own_guest_author(guest_author, guest_writer):
    """Per Renström's author, linked to the guest writer's account: what they sign as."""
    guest_author.user = guest_writer
    guest_author.save()
    return guest_author
