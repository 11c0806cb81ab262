"""The listing index and counts kept on publish, unpublish, edit, move, delete, view
restrictions and a WordPress import equal what counting the live posts afresh gives, and the
listings and sidebars readers see follow them."""

from collections import Counter

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.html import escape

from wagtail.models import PageViewRestriction

import pytest

from blog import listing_index, listings
from blog.models import BlogPostPage, ListingCount
from tests.wordpress import wxr_files as w
from wordpress_import.importer import WordPressImporter

from .conftest import at
from .factories import BlogIndexPageFactory


def fresh_counts(blog):
    """Every count, recomputed from the live, public posts below the blog."""
    posts = BlogPostPage.objects.live().public().child_of(blog)
    counts = Counter()
    for post in posts.prefetch_related("categories", "tagged_items", "post_authors"):
        counts[(listing_index.ALL, 0)] += 1
        counts.update((listing_index.CATEGORY, area.pk) for area in post.categories.all())
        counts.update((listing_index.TAG, item.tag_id) for item in post.tagged_items.all())
        counts.update((listing_index.AUTHOR, link.author_id) for link in post.post_authors.all())
    months = posts.annotate(month=TruncMonth("date")).order_by().values("month")
    for row in months.annotate(n=Count("pk")):
        counts[(listing_index.MONTH, row["month"].year * 100 + row["month"].month)] += row["n"]
    return dict(counts)


def kept_counts(blog):
    rows = ListingCount.objects.filter(index=blog).values_list("kind", "key", "count")
    return {(kind, key): count for kind, key, count in rows}


def assert_in_step(blog):
    assert kept_counts(blog) == fresh_counts(blog)
    newest_first = BlogPostPage.objects.live().public().child_of(blog).order_by("-date", "-pk")
    assert list(listings.listed_ids(blog)) == list(newest_first.values_list("pk", flat=True))
    for area_id in newest_first.values_list("categories", flat=True).distinct():
        if area_id is not None:
            in_area = newest_first.filter(categories=area_id).values_list("pk", flat=True)
            assert list(listings.listed_ids(blog, listings.CATEGORY, area_id)) == list(in_area)


@pytest.fixture
def posts(make_post, areas, author, guest_author):
    return [
        make_post("Kick-off", date=at(2012, 10, 24), areas=[areas["A"]], tags=["pendling"]),
        make_post(
            "Gästinlägg",
            date=at(2013, 11, 12),
            areas=[areas["A"], areas["C"]],
            tags=["pendling", "media"],
            authors=[guest_author, author],
        ),
        make_post("Konferens", date=at(2013, 11, 30, 23), areas=[areas["B"]]),
    ]


@pytest.mark.django_db
def test_publishing_and_editing_keep_the_counts_a_fresh_count_gives(
    client, blog, posts, areas, author
):
    assert_in_step(blog)
    assert kept_counts(blog)[(listing_index.CATEGORY, areas["A"].pk)] == 2
    # 23:00 on 30 November in Sweden is already December in UTC: the month is Swedish.
    assert kept_counts(blog)[(listing_index.MONTH, 201311)] == 2

    post = BlogPostPage.objects.get(pk=posts[0].pk)
    post.date = at(2014, 2, 3)
    post.categories = [areas["C"]]
    post.tags.clear()
    post.tags.add("vården")
    post.save_revision().publish()
    assert_in_step(blog)
    assert (listing_index.MONTH, 201210) not in kept_counts(blog)

    page = client.get("/blogg/").content.decode()
    assert 'Februari 2014</a> <span class="count">(1)</span>' in page
    assert f'{escape(areas["C"])}</a> <span class="count">(2)</span>' in page


@pytest.mark.django_db
def test_unpublishing_and_deleting_take_posts_out_of_the_counts(client, blog, posts, areas):
    BlogPostPage.objects.get(pk=posts[1].pk).unpublish()
    assert_in_step(blog)
    assert (listing_index.CATEGORY, areas["C"].pk) not in kept_counts(blog)
    assert "Gästinlägg" not in client.get("/blogg/").content.decode()

    BlogPostPage.objects.get(pk=posts[1].pk).save_revision().publish()
    assert_in_step(blog)

    BlogPostPage.objects.get(pk=posts[0].pk).delete()
    assert_in_step(blog)
    assert kept_counts(blog)[(listing_index.ALL, 0)] == 2
    assert (
        client.get("/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/").status_code
        == 200
    )


@pytest.mark.django_db
def test_moving_a_post_moves_its_counts_to_the_other_blog(blog, posts, demo_site, project):
    news = BlogIndexPageFactory(parent=demo_site, title="Nyheter", slug="nyheter", project=project)
    BlogPostPage.objects.get(pk=posts[2].pk).move(news, pos="last-child")
    assert_in_step(blog)
    assert_in_step(news)
    assert kept_counts(news)[(listing_index.ALL, 0)] == 1

    blog.delete()
    assert not ListingCount.objects.filter(index_id=blog.pk).exists()
    assert_in_step(news)


@pytest.mark.django_db
def test_a_view_restriction_takes_posts_out_of_public_listings(blog, posts):
    restriction = PageViewRestriction.objects.create(
        page=posts[1], restriction_type=PageViewRestriction.LOGIN
    )
    assert_in_step(blog)
    assert kept_counts(blog)[(listing_index.ALL, 0)] == 2
    restriction.delete()
    assert_in_step(blog)
    assert kept_counts(blog)[(listing_index.ALL, 0)] == 3


@pytest.mark.django_db
def test_a_wordpress_import_counts_the_posts_it_creates_without_signals(
    tmp_path, blog, posts, client
):
    path = w.write_wxr(
        tmp_path / "export.xml",
        [
            w.item(
                1,
                "Från WordPress",
                "<p>Text.</p>",
                date="2013-11-05 10:00:00",
                tags=[("media", "media")],
            ),
            w.item(
                2,
                "Ett till",
                "<p>Mer.</p>",
                date="2012-10-02 09:00:00",
                categories=[("pendling", "Pendling")],
            ),
            w.item(3, "Utkast", "<p>Inte klart.</p>", status="draft"),
        ],
        authors=[w.author("frida", "Frida Jonsson")],
    )
    WordPressImporter(path, blog).run()
    assert_in_step(blog)
    assert kept_counts(blog)[(listing_index.ALL, 0)] == 5
    assert "Från WordPress" in client.get("/blogg/arkiv/2013/11/").content.decode()


@pytest.mark.django_db
def test_rebuild_starts_over_from_the_pages(blog, posts):
    ListingCount.objects.filter(index=blog).update(count=99)
    listing_index.rebuild()
    assert_in_step(blog)
