"""The index's Swedish sub-addresses: category, tag, monthly archive, author."""

import re

from django.test import Client

import pytest

from .conftest import at
from .factories import BlogIndexPageFactory, BlogPostPageFactory


def titles(response):
    assert response.status_code == 200
    return re.findall(r'<h2><a href="/blogg/[^"]+/">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def posts(make_post, areas, author, guest_author):
    make_post("Kick-off", date=at(2012, 10, 24), areas=[areas["A"], areas["D"]], tags=["start"])
    make_post("Förlovningsfest", date=at(2012, 10, 31), areas=[areas["C"]], tags=["media"])
    make_post("Konferensen", date=at(2012, 11, 20), areas=[areas["D"]], tags=["media"])
    make_post("Gästinlägg", date=at(2013, 11, 12), areas=[areas["A"]], authors=[guest_author])


@pytest.mark.django_db
def test_category_lists_posts_of_one_work_area(client, posts):
    assert titles(client.get("/blogg/kategori/d-samverkan-over-kommun-och-lansgranser/")) == [
        "Konferensen",
        "Kick-off",
    ]


@pytest.mark.django_db
def test_category_by_code_alone_redirects_to_its_full_address(client, posts):
    response = client.get("/blogg/kategori/c/")
    assert response.status_code == 301
    assert response["Location"] == "/blogg/kategori/c-en-gemensam-regional-identitet/"


@pytest.mark.django_db
def test_unknown_category_tag_author_and_month_are_not_found(client, posts):
    assert client.get("/blogg/kategori/x-okand/").status_code == 404
    assert client.get("/blogg/tagg/finns-inte/").status_code == 404
    assert client.get("/blogg/forfattare/ingen/").status_code == 404
    assert client.get("/blogg/arkiv/2012/13/").status_code == 404


@pytest.mark.django_db
def test_tag_lists_tagged_posts(client, posts):
    assert titles(client.get("/blogg/tagg/media/")) == ["Konferensen", "Förlovningsfest"]


@pytest.mark.django_db
def test_monthly_archive_and_its_counts(client, posts):
    assert titles(client.get("/blogg/arkiv/2012/10/")) == ["Förlovningsfest", "Kick-off"]
    page = client.get("/blogg/").content.decode()
    assert re.search(
        r'href="/blogg/arkiv/2012/10/">Oktober 2012</a> <span class="count">\(2\)', page
    )
    assert re.search(
        r'href="/blogg/arkiv/2013/11/">November 2013</a> <span class="count">\(1\)', page
    )


@pytest.mark.django_db
def test_month_boundaries_follow_swedish_time(client, make_post):
    # 23:30 on 31 October in Stockholm is already November in UTC.
    make_post("Sent på kvällen", date=at(2012, 10, 31, 23))
    assert titles(client.get("/blogg/arkiv/2012/10/")) == ["Sent på kvällen"]
    assert titles(client.get("/blogg/arkiv/2012/11/")) == []


@pytest.mark.django_db
def test_yearly_archive(client, posts):
    assert titles(client.get("/blogg/arkiv/2013/")) == ["Gästinlägg"]


@pytest.mark.django_db
def test_author_page_shows_bio_and_only_their_posts(client, posts, guest_author):
    response = client.get("/blogg/forfattare/per-renstrom/")
    assert titles(response) == ["Gästinlägg"]
    page = response.content.decode()
    assert "<h1>Per Renström</h1>" in page
    assert "Arbetsförmedlingen Örnsköldsvik" in page
    assert "Gästskribent" in page


@pytest.mark.django_db
def test_sidebar_counts_posts_per_work_area(client, posts):
    page = client.get("/blogg/").content.decode()
    sidebar = page.split('id="blog-categories-heading"')[1].split("</nav>")[0]
    assert re.search(
        r"A\. Från två lokala arbetsmarknader till en region</a> "
        r'<span class="count">\(2\)',
        sidebar,
    )
    assert "B. " not in sidebar  # no posts yet


@pytest.mark.django_db
def test_listings_paginate(client, make_post, areas):
    for day in range(1, 13):
        make_post(f"Område B {day}", date=at(2013, 5, day), areas=[areas["B"]], tags=["b"])
    category = "/blogg/kategori/b-synliga-styrkor-for-konkurrenskraft-och-rekrytering/"
    for url in [category, "/blogg/tagg/b/", "/blogg/arkiv/2013/05/"]:
        assert len(titles(client.get(url))) == 10
        assert len(titles(client.get(url + "?sida=2"))) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/blogg/arkiv/0/", "/blogg/arkiv/1/", "/blogg/arkiv/9999/", "/blogg/arkiv/9999/12/"]
    + ["/blogg/arkiv/0000/01/", "/blogg/arkiv/0001/01/", "/blogg/arkiv/2012/0/"]
    + ["/blogg/arkiv/99999999999999999999/"],
)
def test_archive_years_no_calendar_can_hold_are_not_found(client, posts, address):
    assert client.get(address).status_code == 404


@pytest.mark.django_db
def test_archive_of_a_year_without_posts_is_an_empty_listing(client, posts):
    assert titles(client.get("/blogg/arkiv/2002/")) == []
    assert titles(client.get("/blogg/arkiv/2013/")) == ["Gästinlägg"]


@pytest.mark.django_db
def test_a_post_is_found_in_its_own_blog_when_another_blog_has_the_same_address(demo_site):
    news = BlogIndexPageFactory(parent=demo_site, title="Nyheter", slug="nyheter")
    blog = BlogIndexPageFactory(parent=demo_site, title="Blogg två", slug="blogg-tva")
    in_news = BlogPostPageFactory(parent=news, title="Nyheten", slug="arsrapport")
    in_blog = BlogPostPageFactory(parent=blog, title="Blogginlägget", slug="arsrapport")
    client = Client()
    assert "Nyheten" in client.get("/nyheter/arsrapport/").content.decode()
    assert "Blogginlägget" in client.get("/blogg-tva/arsrapport/").content.decode()
    in_news.unpublish()
    assert client.get("/nyheter/arsrapport/").status_code == 404
    assert client.get(in_blog.url).status_code == 200
