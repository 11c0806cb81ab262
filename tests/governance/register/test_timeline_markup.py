"""Numbers written into SVG are the same for every reader: a Swedish browser must not get
a decimal comma ("70,0") that draws no bars."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, get_page_models

import pytest

from governance.register.models import Activity
from tests.governance.register.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db

GEOMETRY = {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "rx", "cx", "cy", "r"}


class SvgGeometry(HTMLParser):
    """Every geometry attribute inside <svg>, as floats (ValueError on "70,0")."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.shapes = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
        if not self.depth:
            return
        attrs = dict(attrs)
        numbers = {name: float(value) for name, value in attrs.items() if name in GEOMETRY}
        if "viewbox" in attrs:
            numbers["viewBox"] = tuple(float(part) for part in attrs["viewbox"].split())
        self.shapes.append((tag, attrs.get("class", ""), numbers))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1


def svg_geometry(html):
    parser = SvgGeometry()
    parser.feed(html)
    return parser.shapes


def public_addresses():
    """One live page of every page type and the sub-addresses it declares."""
    addresses = []
    for model in get_page_models():
        if model is Page:
            continue
        page = (
            Page.objects.live()
            .filter(content_type=ContentType.objects.get_for_model(model))
            .order_by("path")
            .first()
        )
        if page is None:
            continue
        page = page.specific
        addresses.append(page.get_url())
        addresses += getattr(page, "accessibility_check_urls", list)()
    # Site-relative: with two sites (the demo's two projects) a page's url names its host.
    return [urlunsplit(("", "", *urlsplit(address)[2:])) for address in addresses]


@pytest.fixture
def demo_content(load_demo_output):
    load_demo_output()


def geometry_by_language(client, address):
    geometry = {}
    for language in ("sv-SE,sv;q=0.9", "en-GB,en;q=0.9"):
        response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, address
        geometry[language] = svg_geometry(response.content.decode())
    return geometry.values()


@pytest.fixture
def timeline_pages(project, make_activity):
    ProjectPageFactory(project=project)
    make_activity(
        "A.1",
        planned_start=datetime.date(2013, 1, 1),
        planned_end=datetime.date(2013, 6, 30),
        actual_start=datetime.date(2013, 2, 1),
        actual_end=datetime.date(2013, 5, 15),
        status=Activity.Status.DONE,
        progress=100,
    )
    return ["/lagesbild/", "/lagesbild/arbetsomrade/a/"]


def test_timeline_is_drawn_with_the_same_numbers_for_swedish_and_english(client, timeline_pages):
    """The project runs 1 Oct 2012 – 30 Sep 2014: 729 days over the 890 px right of the 70
    px label column. 1 Jan 2013 is day 92: 70 + 890 × 92 / 729 = 182.3; 30 Jun 2013 (day
    272) is at 402.1, 1 Feb (123) at 220.2, 15 May (226) at 345.9. The project page draws
    the work area's planned span only; the work-area page the activity's actual one too."""
    for address, actual_bars in zip(timeline_pages, [[], [(220.2, 125.7)]], strict=True):
        swedish, english = geometry_by_language(client, address)
        assert swedish == english, address
        ticks = [shape[2]["x1"] for shape in swedish if shape[1] == "timeline__tick"]
        assert ticks[:2] == [70.0, 182.3]
        planned = [shape[2] for shape in swedish if shape[1] == "timeline__planned"]
        actual = [shape[2] for shape in swedish if shape[1] == "timeline__actual"]
        assert [(bar["x"], bar["width"]) for bar in planned] == [(182.3, 219.8)]
        assert [(bar["x"], bar["width"]) for bar in actual] == actual_bars


def test_every_page_type_draws_the_same_svg_for_swedish_and_english(client, demo_content):
    addresses = public_addresses()
    assert "/lagesbild/" in addresses and "/lagesbild/arbetsomrade/a/" in addresses
    drawn = 0
    for address in addresses:
        swedish, english = geometry_by_language(client, address)
        assert swedish == english, address
        drawn += len(swedish)
    assert drawn > 20  # the project page and the work-area pages draw their timelines
