"""Running the import again never overwrites an editor's work, and adds no revision when
nothing changed (issue 18, finding 6)."""

from wagtail.models import Revision

from blog.models import BlogPostPage

from . import wxr_files as w

MISSING_IMAGE = (
    "Text före bilden.\n\n"
    f'<img src="{w.BASE_URL}/wp-content/uploads/2013/05/saknas.jpg" alt="Bilden som saknas" />'
)


def export(write, content=MISSING_IMAGE, title="Inlägg med en saknad bild"):
    return write([w.item(1, title, content, slug="saknad-bild")])


def revisions(post):
    return Revision.objects.filter(object_id=str(post.pk)).count()


def test_a_post_with_a_missing_image_is_not_updated_again_when_nothing_changed(write, run_import):
    path = export(write)
    run_import(path)
    post = BlogPostPage.objects.get(slug="saknad-bild")
    assert revisions(post) == 1

    report = run_import(path)

    assert report.count("posts", "updated") == 0
    assert report.count("posts", "skipped") == 1
    assert revisions(post) == 1


def test_a_title_an_editor_changed_is_kept_and_reported(write, run_import, project_leader):
    run_import(export(write))
    post = BlogPostPage.objects.get(slug="saknad-bild")
    post.title = "Redaktörens rubrik"
    post.save_revision(user=project_leader).publish(user=project_leader)

    report = run_import(export(write, content=MISSING_IMAGE + "\n\nNy rad i WordPress."))

    post.refresh_from_db()
    assert post.title == "Redaktörens rubrik"
    assert "Ny rad i WordPress." not in str(post.body)
    assert report.count("posts", "skipped") == 1
    assert any(
        "changed here since the last import" in r["reason"] or "ändrad här" in r["reason"]
        for r in report.as_dict()["reasons"]
    )


def test_a_post_an_editor_unpublished_stays_unpublished(write, run_import, project_leader):
    run_import(export(write))
    post = BlogPostPage.objects.get(slug="saknad-bild")
    post.unpublish(user=project_leader)

    run_import(export(write, content=MISSING_IMAGE + "\n\nNy rad i WordPress."))

    post.refresh_from_db()
    assert not post.live
    assert revisions(post) == 1


def test_a_change_in_wordpress_still_comes_over_when_nobody_edited_the_page(write, run_import):
    run_import(export(write))

    report = run_import(export(write, content=MISSING_IMAGE + "\n\nNy rad i WordPress."))

    post = BlogPostPage.objects.get(slug="saknad-bild")
    assert report.count("posts", "updated") == 1
    assert "Ny rad i WordPress." in str(post.body)
    assert revisions(post) == 2


def test_comments_closed_then_opened_again_in_wordpress_follow_on_the_next_run(
    write, run_import, client
):
    def export_with(status):
        comments = [w.comment(5, "Skriven medan det var öppet.")]
        item = w.item(1, "Mötet", "Text.", comments=comments, comment_status=status)
        return write([item])

    run_import(export_with("closed"))
    post = BlogPostPage.objects.get(slug="inlagg-1")
    html = client.get(post.url).content.decode()
    assert "Skriven medan det var öppet." in html and 'id="kommentera"' not in html

    run_import(export_with("open"))

    html = client.get(post.url).content.decode()
    assert "Skriven medan det var öppet." in html and 'id="kommentera"' in html
    assert revisions(post) == 1, "only the comment setting changed"
