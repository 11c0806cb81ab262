"""The smaller losses of issue 18 (findings 5 and 7): the right image when ids or size
suffixes mislead, tags that differ only in case, items without ids, future posts, and
non-Latin slugs."""

import datetime

from taggit.models import Tag

from blog.models import BlogPostPage

from . import wxr_files as w

UPLOADS = f"{w.BASE_URL}/wp-content/uploads/2014/06"


def test_each_image_is_the_file_its_address_names_whatever_its_wp_image_class_says(
    write, run_import, media_dir
):
    for name, colour in (
        ("hamn", (10, 10, 200)),
        ("hamn-580x300", (200, 10, 10)),
        ("bro", (0, 0, 0)),
    ):
        media_dir.add(f"2014/06/{name}.jpg", colour=colour)
    content = (
        # A thumbnail of hamn.jpg, a different photo whose own name ends in -580x300, and an
        # image whose wp-image class is another attachment's id (the site was moved once).
        f'<img class="wp-image-40" src="{UPLOADS}/hamn-1024x768.jpg" alt="Hamnen" />\n\n'
        f'<img class="wp-image-41" src="{UPLOADS}/hamn-580x300.jpg" alt="Hamnen på natten" />\n\n'
        f'<img class="wp-image-40" src="{UPLOADS}/bro.jpg" alt="Bron" />'
    )
    path = write(
        [
            w.attachment(40, "hamn", "2014/06/hamn.jpg"),
            w.attachment(41, "hamn natt", "2014/06/hamn-580x300.jpg"),
            w.attachment(42, "bro", "2014/06/bro.jpg"),
            w.item(1, "Tre bilder", content),
        ]
    )

    run_import(path, media_dir=media_dir)

    post = BlogPostPage.objects.get(slug="inlagg-1")
    assert [(b.value["image"].title, b.value["alt_text"]) for b in post.body] == [
        ("hamn", "Hamnen"),
        ("hamn natt", "Hamnen på natten"),
        ("bro", "Bron"),
    ]


def test_tags_that_differ_only_in_case_are_one_tag(write, run_import):
    path = write(
        [
            w.item(1, "Ett", "Text.", tags=[("markup", "markup")]),
            w.item(2, "Två", "Text.", tags=[("markup-2", "Markup")]),
        ]
    )

    run_import(path)

    assert list(Tag.objects.filter(name__iexact="markup").values_list("name", flat=True)) == [
        "markup"
    ]
    assert BlogPostPage.objects.filter(tags__name="markup").count() == 2


def test_items_without_a_post_id_are_told_apart_by_their_guid(write, run_import):
    items = [
        w.item(7, "Första utan id", "Ett."),
        w.item(8, "Andra utan id", "Två."),
    ]
    items = [
        item.replace("<wp:post_id>7</wp:post_id>", "").replace("<wp:post_id>8</wp:post_id>", "")
        for item in items
    ]
    path = write(items)

    report = run_import(path)
    again = run_import(path)

    assert sorted(BlogPostPage.objects.values_list("title", flat=True)) == [
        "Andra utan id",
        "Första utan id",
    ]
    assert report.count("posts", "created") == 2 and report.failed == 0
    assert again.count("posts", "skipped") == 2 and again.count("posts", "created") == 0


def test_a_post_twice_in_one_file_comes_in_once_and_is_reported_in_swedish(write, run_import):
    """Two exports joined by hand: the second copy is skipped, not a failure with a raw
    IntegrityError."""
    twice = w.item(7, "Två gånger", "Text.")
    path = write([twice, w.item(8, "En gång", "Text."), twice])

    report = run_import(path)

    assert BlogPostPage.objects.filter(title="Två gånger").count() == 1
    assert report.count("posts", "created") == 2 and report.failed == 0
    reasons = [entry["reason"] for entry in report.as_dict()["reasons"]]
    assert "finns två gånger i exporten" in reasons


def test_a_future_post_is_scheduled_for_its_date(write, run_import):
    path = write([w.item(1, "Kommer snart", "Text.", status="future", date="2031-03-01 09:00:00")])

    run_import(path)

    post = BlogPostPage.objects.get(slug="inlagg-1")
    assert not post.live
    assert post.go_live_at == datetime.datetime(2031, 3, 1, 8, 0, tzinfo=datetime.UTC)
    assert post.get_latest_revision().approved_go_live_at == post.go_live_at


def test_greek_slugs_are_kept(write, run_import):
    path = write(
        [w.item(1, "Καλημέρα", "Κείμενο.", slug="%ce%ba%ce%b1%ce%bb%ce%b7%ce%bc%ce%ad%cf%81%ce%b1")]
    )

    run_import(path)

    assert BlogPostPage.objects.get().slug == "καλημέρα"
