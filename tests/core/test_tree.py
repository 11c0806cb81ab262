"""core/tree.py: the pages below a page, found through a range of tree paths, are the pages
Wagtail's descendant_of() and child_of() find."""

from wagtail.models import Page

import pytest

from blog.models import EventIndexPage, EventPage
from core import tree
from tests.blog.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def section(parent, title):
    return add_page(parent, StandardPage(title=title, slug=title.lower()))


def test_below_and_children_find_what_wagtail_finds(demo_site):
    first = EventIndexPageFactory(parent=demo_site, title="Kalender A", slug="a")
    # A calendar under a page of its own, and one beside it: its next sibling's pages, whose
    # paths come right after its own, are not below it.
    middle = section(demo_site, "Avdelning")
    nested = EventIndexPageFactory(parent=middle, title="Kalender B", slug="b")
    after = EventIndexPageFactory(parent=demo_site, title="Kalender C", slug="c")
    for calendar in (first, nested, after):
        for n in range(3):
            EventPageFactory(parent=calendar, title=f"{calendar.title} {n}")

    events = EventPage.objects.all()
    for page in (demo_site, first, middle, nested, after):
        assert set(tree.below(events, page)) == set(events.descendant_of(page))
        assert set(tree.children(events, page)) == set(events.child_of(page))
    calendars = EventIndexPage.objects.all()
    assert set(tree.below(calendars, demo_site)) == {first, nested, after}
    assert set(tree.children(calendars, demo_site)) == {first, after}


def test_the_last_letter_of_the_path_alphabet(demo_site):
    # treebeard numbers siblings 0-9 then A-Z: the child whose path ends in "Z" is followed
    # by one ending in "10", whose pages are not below it.
    while not demo_site.get_children().filter(path__endswith="Z").exists():
        section(demo_site, f"Sida{demo_site.get_children().count()}")
    last_letter = demo_site.get_children().get(path__endswith="Z")
    following = section(demo_site, "Efter")
    assert following.path.endswith("10")
    inside = section(last_letter, "Inne")
    section(following, "Utanfor")
    assert list(tree.below(Page.objects.all(), last_letter)) == [inside.page_ptr]
    assert list(tree.below(StandardPage.objects.all(), last_letter)) == [inside]
