"""A work area's page as it stood on a date (?per=, governance/register/as_of.py) lists
only the posts published on or before that day, and says so."""

import pytest

from tests.blog.conftest import at
from tests.governance.register.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_a_past_work_area_page_shows_the_posts_published_by_then(client, areas, make_post):
    ProjectPageFactory(project=areas["A"].project)
    make_post("Vårens nätverksträff", date=at(2013, 3, 14), areas=[areas["A"]])
    make_post("Sent på midsommarafton", date=at(2013, 6, 30, hour=23), areas=[areas["A"]])
    make_post("Höstens nätverksträff", date=at(2013, 9, 12), areas=[areas["A"]])

    past = client.get("/lagesbild/arbetsomrade/a/", {"per": "2013-06-30"}).content.decode()
    assert "Vårens nätverksträff" in past and "Sent på midsommarafton" in past
    assert "Höstens nätverksträff" not in past
    assert "Inlägg publicerade den 30 juni 2013 eller tidigare." in past

    before_any = client.get("/lagesbild/arbetsomrade/a/", {"per": "2013-01-31"}).content
    assert "Från bloggen" not in before_any.decode()

    today = client.get("/lagesbild/arbetsomrade/a/").content.decode()
    assert "Höstens nätverksträff" in today and "Vårens nätverksträff" in today
    assert "eller tidigare" not in today
