"""The blog's fragment caches (core/fragments.py): a post's article and related posts, and
the index's sidebar of work areas and months with their counts, are rendered once and kept;
publishing, unpublishing and moving posts, renaming a work area or an author show on the
very next request, with the page cache off as in these tests; a preview is never kept."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.fragments import fragment_cache
from tests.blog.factories import BlogIndexPageFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def sidebar(page_html):
    return page_html.split('class="blog-layout__aside"')[1].split("</div>")[0]


def related(page_html):
    parts = page_html.split('class="related-posts"')
    return parts[1].split("</section>")[0] if len(parts) > 1 else ""


def count_of(page_html, label):
    found = re.search(
        re.escape(label) + r"</a> <span class=\"count\">\((\d+)\)", sidebar(page_html)
    )
    return int(found.group(1)) if found else 0


def test_the_sidebar_counts_follow_publishing_unpublishing_and_moving(
    client, blog, make_post, areas, demo_site
):
    make_post("Första", areas=[areas["A"]], date=at(2013, 1, 10))
    label = str(areas["A"])
    assert count_of(html(client, blog.url), label) == 1
    assert count_of(html(client, blog.url), "Januari 2013") == 1

    second = make_post("Andra", areas=[areas["A"]], date=at(2013, 1, 20))
    page = html(client, blog.url)
    assert count_of(page, label) == 2 and count_of(page, "Januari 2013") == 2

    second.unpublish()
    assert count_of(html(client, blog.url), label) == 1

    second.save_revision().publish()
    other_blog = BlogIndexPageFactory(parent=demo_site, title="Nyheter", slug="nyheter")
    second.refresh_from_db()
    second.move(other_blog, pos="last-child")
    assert count_of(html(client, blog.url), label) == 1
    assert count_of(html(client, other_blog.url), label) == 1


def test_a_renamed_work_area_shows_at_once_in_the_sidebar_and_the_post(
    client, blog, make_post, areas
):
    post = make_post("Första", areas=[areas["A"]])
    html(client, blog.url), html(client, post.url)
    area = areas["A"]
    area.title = "Ett nytt namn på området"
    area.save()
    assert "Ett nytt namn på området" in sidebar(html(client, blog.url))
    assert "Ett nytt namn på området" in html(client, post.url).split("blog-post__footer")[1]


def test_a_new_revision_and_a_renamed_author_show_at_once_in_the_article(client, make_post, author):
    post = make_post("Första", areas=[])
    assert "<h1>Första</h1>" in html(client, post.url)
    post.title = "Första, rättad"
    post.save_revision().publish()
    assert "<h1>Första, rättad</h1>" in html(client, post.url)
    author.name = "Carina Lindberg-Ek"
    author.save()
    assert "Carina Lindberg-Ek" in html(client, post.url)


def test_related_posts_follow_what_is_published_in_the_work_area(client, make_post, areas):
    post = make_post("Första", areas=[areas["B"]], date=at(2013, 1, 1))
    assert related(html(client, post.url)) == ""
    neighbour = make_post("Granne", areas=[areas["B"]], date=at(2013, 2, 1))
    assert "Granne" in related(html(client, post.url))
    neighbour.title = "Granne, ny rubrik"
    neighbour.save_revision().publish()
    assert "Granne, ny rubrik" in related(html(client, post.url))
    neighbour.unpublish()
    assert "Granne" not in related(html(client, post.url))


def test_a_post_and_its_listing_are_remembered_until_a_publish_or_an_unpublish(
    client, blog, make_post
):
    post = make_post("Första rubriken")
    for url in (post.url, blog.url):
        html(client, url)
        with CaptureQueriesContext(connection) as captured:
            assert "Första rubriken" in html(client, url)
        # Neither the post nor the listing's posts are read again until something is published.
        assert "blog_blogpostpage" not in " ".join(q["sql"] for q in captured), url

    post.title = "Utkastets rubrik"
    post.save_revision()
    assert "Utkastets rubrik" not in html(client, post.url) + html(client, blog.url)

    post.title = "Andra rubriken"
    post.save_revision().publish()
    assert "<h1>Andra rubriken</h1>" in html(client, post.url)
    assert "Andra rubriken" in html(client, blog.url)

    post.unpublish()
    assert client.get(post.url).status_code == 404
    assert "Andra rubriken" not in html(client, blog.url)


def test_a_preview_is_rendered_anew_and_never_kept(client, make_post):
    post = make_post("Publicerad rubrik")
    assert "<h1>Publicerad rubrik</h1>" in html(client, post.url)
    post.title = "Utkastets rubrik"
    post.save_revision()
    preview = post.get_latest_revision_as_object().make_preview_request()
    assert "<h1>Utkastets rubrik</h1>" in preview.content.decode()
    assert "<h1>Publicerad rubrik</h1>" in html(client, post.url)


def queries(client, url, *, kept):
    client.get(url)  # renditions, and the fragments when kept
    if not kept:
        fragment_cache().clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_post_and_index_queries_are_the_same_with_5_and_50_posts(
    client, blog, make_post, areas, author, guest_author
):
    from core.demo_images import draw_demo_image

    image = draw_demo_image("Bild", size=(800, 450))

    def add(number, start):
        return [
            make_post(
                f"Inlägg {n}",
                date=at(2013, 1 + n % 12, 1 + n % 28, n % 24),
                authors=[author, guest_author],
                areas=[areas["A"], areas["B"]] if n % 2 else [areas["A"]],
                tags=["media", f"tagg-{n}"],
                lead_image=image,
                lead_image_alt="Bild",
            )
            for n in range(start, start + number)
        ]

    posts = add(5, 0)
    post_url = posts[2].url

    def counts():
        return {
            (url, kept): queries(client, url, kept=kept)
            for url in (blog.url, post_url)
            for kept in (True, False)
        }

    few = counts()
    add(45, 5)
    many = counts()
    assert many == few
    assert few[(post_url, True)] < few[(post_url, False)]
    assert few[(blog.url, True)] < few[(blog.url, False)]
