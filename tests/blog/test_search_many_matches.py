"""A search with more matches than are counted (issue 22): the page says "more than N
results", shows the newest first and pages through them, with the filters applied, and a
rarer word still finds every match; on SQLite and on PostgreSQL.

MAX_COUNTED is lowered so that a few posts stand for a word in thousands of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from blog.models import BlogPostPage
from website import search

from .conftest import at
from .test_search import result_titles

CAP = 12


@pytest.fixture
def capped(monkeypatch):
    monkeypatch.setattr(search, "MAX_COUNTED", CAP)
    monkeypatch.setattr(search, "FIRST_ROUND", 4)  # several rounds of the walk


@pytest.fixture
def dated_post(make_post):
    """A post first published on its date, as an imported post is."""

    def make(title, day, **fields):
        post = make_post(title, date=at(2013, 1, 1), **fields)
        BlogPostPage.objects.filter(pk=post.pk).update(first_published_at=at(2013, 1, day))
        return post

    return make


@pytest.fixture
def many(dated_post, areas):
    """20 posts about commuting (every fourth a news item in work area B), with a post on
    something else between each, and three about apprenticeships."""
    for day in range(1, 21):
        news = day % 4 == 0
        dated_post(
            f"Pendling {day}",
            day,
            intro="Om pendling i regionen.",
            kind=BlogPostPage.Kind.NEWS if news else BlogPostPage.Kind.BLOG,
            areas=[areas["B"] if news else areas["A"]],
        )
        dated_post(f"Annat {day}", day, intro="Om vägarbeten.")
    for day in (3, 9, 15):
        dated_post(f"Lärlingar {day}", day, intro="Fler lärlingsplatser behövs.")


def status(response):
    return response.content.decode().split('<p role="status">')[1].split("</p>")[0]


@pytest.mark.django_db
def test_more_matches_than_counted_show_the_newest_ten_in_order(client, capped, many):
    response = client.get("/sok/", {"q": "pendling"})
    assert status(response) == f"Fler än {CAP} träffar för ”pendling”, nyaste först"
    assert result_titles(response) == [f"Pendling {day}" for day in range(20, 10, -1)]


@pytest.mark.django_db
def test_the_reader_pages_through_matches_up_to_the_count(client, capped, many):
    first = client.get("/sok/", {"q": "pendling"})
    assert "Sida 1 av 2" in first.content.decode()
    assert "q=pendling&amp;typ=&amp;omrade=&amp;sida=2" in first.content.decode()
    second = client.get("/sok/", {"q": "pendling", "sida": 2})
    assert result_titles(second) == ["Pendling 10", "Pendling 9"]  # 12 counted, 12 shown
    assert client.get("/sok/", {"q": "pendling", "sida": 3}).status_code == 200


@pytest.mark.django_db
def test_filters_apply_to_a_common_word(client, capped, many, areas, monkeypatch):
    monkeypatch.setattr(search, "MAX_COUNTED", 4)  # 5 news items match: the newest 4 shown
    news = [f"Pendling {day}" for day in (20, 16, 12, 8)]
    assert result_titles(client.get("/sok/", {"q": "pendling", "typ": "nyheter"})) == news
    by_area = client.get("/sok/", {"q": "pendling", "omrade": areas["B"].pk})
    assert result_titles(by_area) == news
    assert status(by_area) == "Fler än 4 träffar för ”pendling”, nyaste först"


@pytest.mark.django_db
def test_a_rare_word_finds_every_match(client, capped, many):
    response = client.get("/sok/", {"q": "lärlingsplatser"})
    assert status(response) == "3 träffar för ”lärlingsplatser”"
    assert result_titles(response) == ["Lärlingar 15", "Lärlingar 9", "Lärlingar 3"]


def queries(client, params):
    client.get("/sok/", params)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/sok/", params).status_code == 200
    return len(context)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_matches(client, dated_post, monkeypatch):
    """A word counted in full and one past the count each take as many queries with few
    matches as with many."""
    monkeypatch.setattr(search, "MAX_COUNTED", 5)
    for day in range(1, 4):
        dated_post(f"Pendling {day}", day, intro="Om pendling.")
        dated_post(f"Resor {day}", day, intro="Om resor.")
    few = {word: queries(client, {"q": word}) for word in ("pendling", "resor")}
    for day in range(4, 26):
        dated_post(f"Pendling {day}", day, intro="Om pendling.")
    monkeypatch.setattr(search, "MAX_COUNTED", 30)
    assert queries(client, {"q": "pendling"}) == few["pendling"]  # 25 matches, counted
    monkeypatch.setattr(search, "MAX_COUNTED", 2)
    many_capped = queries(client, {"q": "pendling"})  # 25 matches, past the count
    assert many_capped == queries(client, {"q": "resor"})  # 3 matches, past the count


@pytest.mark.django_db
def test_a_page_deleted_after_its_match_was_counted_is_left_out(dated_post):
    kept, gone = dated_post("Pendling kvar", 2), dated_post("Pendling borta", 1)
    found = search.PagesWithIds([kept.pk, gone.pk])
    gone.delete()
    assert [page.title for page in found[0:10]] == ["Pendling kvar"]
