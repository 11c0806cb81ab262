import datetime

from django.utils import timezone
from django.utils.text import slugify

import pytest

from blog.models import (
    Author,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    EventIndexPage,
    EventPage,
)
from core.demo_images import draw_demo_image
from governance.demo import load_project


@pytest.fixture
def project(db):
    return load_project()


@pytest.fixture
def areas(project):
    return {area.code: area for area in project.work_areas.all()}


@pytest.fixture
def blog(demo_site, project):
    index = BlogIndexPage(title="Blogg", slug="blogg", project=project, intro="Om arbetet.")
    demo_site.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def calendar(demo_site):
    index = EventIndexPage(title="Kalender", slug="kalender")
    demo_site.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def author(db):
    return Author.objects.create(
        name="Carina Lindberg", organisation="Umeå kommun", role_title="Projektledare"
    )


@pytest.fixture
def guest_author(db):
    return Author.objects.create(
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
        fields.setdefault("intro", f"Sammanfattning av {title}.")
        post = BlogPostPage(
            title=title,
            slug=fields.pop("slug", slugify(title)),
            date=date or at(2013, 1, 1),
            post_authors=[
                BlogPostAuthor(author=a, sort_order=order)
                for order, a in enumerate(authors or [author])
            ],
            categories=list(areas),
            **fields,
        )
        if tags:
            post.tags.add(*tags)
        (parent or blog).add_child(instance=post)
        post.save_revision().publish()
        return post

    return make


@pytest.fixture
def make_event(calendar):
    def make(title, *, start, hours=3, **fields):
        fields.setdefault("place_name", "Rådhuset, Umeå")
        event = EventPage(
            title=title,
            slug=fields.pop("slug", slugify(title)),
            start=start,
            end=start + datetime.timedelta(hours=hours),
            **fields,
        )
        calendar.add_child(instance=event)
        event.save_revision().publish()
        return event

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """The blog caches its sidebars; a test must not see another test's posts."""
    from django.core.cache import cache

    cache.clear()
