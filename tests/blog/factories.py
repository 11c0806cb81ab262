"""Factories for the blog: authors, the blog and its posts, the calendar and its events.
Pages are added under `parent` and published (tests/factories.py)."""

import datetime

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from blog.models import (
    Author,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    EventIndexPage,
    EventPage,
)
from tests.factories import PageFactory


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Skribent {n}")


class BlogIndexPageFactory(PageFactory):
    """The blog, at /blogg/ under the home page."""

    class Meta:
        model = BlogIndexPage

    title = "Blogg"
    slug = "blogg"


class BlogPostPageFactory(PageFactory):
    """A post in the blog `parent` (the site's first blog unless given), signed by
    `authors` in that order, filed under the work areas in `categories`, tagged with `tags`."""

    class Meta:
        model = BlogPostPage

    class Params:
        authors = ()

    parent = factory.LazyFunction(lambda: BlogIndexPage.objects.first() or BlogIndexPageFactory())
    title = factory.Sequence(lambda n: f"Inlägg {n}")
    intro = factory.LazyAttribute(lambda post: f"Sammanfattning av {post.title}.")
    date = factory.LazyFunction(timezone.now)
    post_authors = factory.LazyAttribute(
        lambda post: [
            BlogPostAuthor(author=author, sort_order=order)
            for order, author in enumerate(post.authors)
        ]
    )
    tags = ()

    @classmethod
    def _build(cls, model_class, *args, tags=(), **kwargs):
        post = super()._build(model_class, *args, **kwargs)
        post.tags.add(*tags)
        return post


class EventIndexPageFactory(PageFactory):
    """The calendar, at /kalender/ under the home page."""

    class Meta:
        model = EventIndexPage

    title = "Kalender"
    slug = "kalender"


class EventPageFactory(PageFactory):
    """An event in the calendar `parent` (the site's first calendar unless given), in ten
    days, lasting `hours` (3)."""

    class Meta:
        model = EventPage

    class Params:
        hours = 3

    parent = factory.LazyFunction(lambda: EventIndexPage.objects.first() or EventIndexPageFactory())
    title = factory.Sequence(lambda n: f"Evenemang {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=event.hours))
    place_name = "Rådhuset, Umeå"
