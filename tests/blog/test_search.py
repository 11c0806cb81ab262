"""Site search over posts, news, events and pages, on SQLite and on PostgreSQL."""

import re

from django.db import connection

import pytest

from blog.models import BlogPostPage
from tests.hostile import HOSTILE_STRINGS

from .conftest import at


def result_titles(response):
    assert response.status_code == 200
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def content(make_post, make_event, areas):
    make_post(
        "Gemensam arbetsmarknad",
        date=at(2012, 10, 8),
        areas=[areas["A"]],
        intro="Två kommuner blir en arbetsmarknad.",
    )
    make_post(
        "Inbjudan till konferens",
        date=at(2012, 10, 18),
        areas=[areas["D"]],
        kind=BlogPostPage.Kind.NEWS,
        intro="Välkommen till en konferens om regionalt ledarskap.",
    )
    make_event(
        "Regional konferens",
        start=at(2012, 11, 16, 9),
        categories=[areas["D"]],
        intro="Konferensdag om ledarskap i Örnsköldsvik.",
    )


@pytest.mark.django_db
def test_swedish_inflection_finds_the_base_form(client, content):
    """ "arbetsmarknaden" (the labour market) finds a post that says "arbetsmarknad"."""
    titles = result_titles(client.get("/sok/", {"q": "arbetsmarknaden"}))
    assert "Gemensam arbetsmarknad" in titles


@pytest.mark.django_db
def test_the_base_form_finds_inflected_forms(client, make_post):
    make_post("Om pendling", intro="Arbetsmarknaderna i regionerna växer ihop.")
    assert "Om pendling" in result_titles(client.get("/sok/", {"q": "arbetsmarknad region"}))


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_postgresql_stems_with_the_swedish_configuration(client, make_post):
    # Only a Swedish stemmer knows that "växa" and "växer" are the same verb.
    make_post("Om regionen", intro="Regionen växer ihop.")
    assert "Om regionen" in result_titles(client.get("/sok/", {"q": "växa"}))


@pytest.mark.django_db
def test_search_covers_posts_news_events_and_pages(client, content):
    titles = result_titles(client.get("/sok/", {"q": "konferens"}))
    assert sorted(titles) == ["Inbjudan till konferens", "Regional konferens"]
    assert "Om projektet" in result_titles(client.get("/sok/", {"q": "projektet"}))


@pytest.mark.django_db
def test_filter_by_kind(client, content):
    assert result_titles(client.get("/sok/", {"q": "konferens", "typ": "nyheter"})) == [
        "Inbjudan till konferens"
    ]
    assert result_titles(client.get("/sok/", {"q": "konferens", "typ": "evenemang"})) == [
        "Regional konferens"
    ]
    assert result_titles(client.get("/sok/", {"q": "konferens", "typ": "inlagg"})) == []


@pytest.mark.django_db
def test_filter_by_work_area(client, content, areas):
    in_d = result_titles(client.get("/sok/", {"q": "konferens", "omrade": areas["D"].pk}))
    assert sorted(in_d) == ["Inbjudan till konferens", "Regional konferens"]
    assert result_titles(client.get("/sok/", {"q": "konferens", "omrade": areas["A"].pk})) == []


@pytest.mark.django_db
def test_results_show_kind_and_highlighted_summary(client, content):
    page = client.get("/sok/", {"q": "ledarskap", "typ": "nyheter"}).content.decode()
    assert "Nyhet" in page
    assert "om regionalt <mark>ledarskap</mark>." in page


@pytest.mark.django_db
def test_results_are_paginated_and_keep_the_filters(client, make_post):
    for number in range(12):
        make_post(f"Pendling {number}", date=at(2013, 1, number + 1), intro="Om pendling.")
    first = client.get("/sok/", {"q": "pendling", "typ": "inlagg"})
    assert len(result_titles(first)) == 10
    assert "q=pendling&amp;typ=inlagg&amp;omrade=&amp;sida=2" in first.content.decode()
    second = client.get("/sok/", {"q": "pendling", "typ": "inlagg", "sida": 2})
    assert len(result_titles(second)) == 2


@pytest.mark.django_db
def test_highlighting_escapes_html(content):
    from website.search import highlight

    assert str(highlight("<b>Konferensen</b> i maj", ["konferens"])) == (
        "&lt;b&gt;<mark>Konferensen</mark>&lt;/b&gt; i maj"
    )


@pytest.mark.django_db
def test_the_word_as_typed_finds_its_inflections(client, content):
    """ "konferens" loses "ns" to the stemmer ("konfere"); the forms built on the word as
    typed still reach "konferensen"."""
    from website.search import word_forms

    assert "konferensen" in word_forms("konferens")
    titles = result_titles(client.get("/sok/", {"q": "konferens"}))
    assert "Inbjudan till konferens" in titles and "Regional konferens" in titles


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_STRINGS)
def test_any_search_string_gives_results_or_a_swedish_message(client, content, query):
    response = client.get("/sok/", {"q": query, "typ": query, "omrade": query, "sida": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert re.search(r'<p role="status">(\d+ träff|Sök efter ett ord)', html), html[-2000:]


@pytest.mark.django_db
def test_only_the_first_words_are_searched(client, content):
    html = client.get("/sok/", {"q": "konferens " + "och " * 20}).content.decode()
    assert "Bara de första 8 orden söktes." in html
    assert "Regional konferens" in result_titles(client.get("/sok/", {"q": "konferens " * 20}))


@pytest.mark.django_db
def test_nul_and_control_characters_are_dropped_not_searched(client, content):
    titles = result_titles(client.get("/sok/", {"q": "konferens\x00\x07"}))
    assert "Regional konferens" in titles
