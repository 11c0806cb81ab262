"""Posts, pages, authors, categories, tags, images and old links come over from WordPress."""

import datetime

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from taggit.models import Tag

from blog.models import Author, BlogPostPage
from website.models import StandardPage
from wordpress_import.models import ImportedObject

from . import wxr_files as w

CLASSIC = (
    "Idag har våra regionala nyhetssändningar rapporterat om arbetet.\n"
    "Mittnytt och Västerbottensnytt sände reportage.\n\n"
    '[caption id="attachment_20" align="alignnone" width="300"]<img class="wp-image-20" '
    f'src="{w.BASE_URL}/wp-content/uploads/2012/10/hjartat-300x200.jpg" alt="Hjärtat tänds" />'
    " Kulturhuvudstadsårshjärtat i Örnsköldsvik[/caption]\n\n"
    "[embed]https://www.youtube.com/watch?v=abc123[/embed]\n\n"
    f'<img src="{w.BASE_URL}/wp-content/uploads/2012/10/saknas.jpg" alt="Publiken" />'
)
GUTENBERG = """<!-- wp:paragraph -->
<p>Konferensen om <strong>regionalt ledarskap</strong> samlade 120 deltagare.</p>
<!-- /wp:paragraph -->
<!-- wp:heading -->
<h2>Panelen</h2>
<!-- /wp:heading -->"""


def export(write, *extra, comments=()):
    return write(
        [
            w.attachment(20, "Hjärtat", "2012/10/hjartat.jpg", alt="Hjärtat tänds"),
            w.attachment(21, "Publiken", "2012/10/saknas.jpg"),
            w.item(
                1,
                "Uppladdning inför förlovningsfest",
                CLASSIC,
                slug="uppladdning-infor-forlovningsfest",
                date="2012-10-31 10:30:00",
                excerpt="Media uppmärksammar förlovningen mellan Örnsköldsvik och Umeå.",
                categories=[
                    ("identitet", "En gemensam regional identitet"),
                    ("kultur", "Kultur & evenemang"),
                ],
                tags=[("umea", "Umeå"), ("ornskoldsvik", "Örnsköldsvik")],
                meta={"_thumbnail_id": "20"},
                comments=comments,
            ),
            w.item(2, "Regional konferens 16 november", GUTENBERG, slug="regional-konferens"),
            w.item(3, "Halvfärdiga tankar", "Utkast.", status="draft", slug=""),
            w.item(4, "Internt om budgeten", "Bara för oss.", status="private"),
            w.item(
                5,
                "Om projektet",
                "<p>Vi är ett samverkansprojekt.</p>",
                post_type="page",
                slug="om-bloggen",
            ),
            w.item(6, "Kontakt", "Ring oss.", post_type="page", slug="kontakt", parent=5),
            *extra,
        ],
        authors=[w.author("frida", "Frida Jonsson", "frida@example.invalid")],
    )


def test_published_posts_come_over_with_date_author_categories_tags_and_body(
    write, run_import, media_dir, areas_by_title, client
):
    media_dir.add("2012/10/hjartat.jpg")

    run_import(export(write), media_dir=media_dir)

    post = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    assert post.live
    assert post.title == "Uppladdning inför förlovningsfest"
    assert post.date == datetime.datetime(2012, 10, 31, 10, 30, tzinfo=datetime.UTC)
    assert post.first_published_at == post.date
    assert post.intro == "Media uppmärksammar förlovningen mellan Örnsköldsvik och Umeå."
    assert [a.name for a in post.authors] == ["Frida Jonsson"]
    assert list(post.categories.all()) == [areas_by_title["En gemensam regional identitet"]]
    assert sorted(post.tags.names()) == ["Kultur & evenemang", "Umeå", "Örnsköldsvik"]
    assert [block.block_type for block in post.body] == ["paragraph", "image", "embed", "paragraph"]
    image_block = post.body[1].value
    assert image_block["image"].title == "Hjärtat"
    assert image_block["alt_text"] == "Hjärtat tänds"
    assert image_block["caption"] == "Kulturhuvudstadsårshjärtat i Örnsköldsvik"
    assert post.body[2].value["embed"].url == "https://www.youtube.com/watch?v=abc123"
    # The image whose file was not downloaded keeps its link.
    assert f"{w.BASE_URL}/wp-content/uploads/2012/10/saknas.jpg" in post.body[3].value.source
    assert post.lead_image == image_block["image"] and post.lead_image_alt == "Hjärtat tänds"

    page = client.get(post.url)
    assert page.status_code == 200
    assert "Mittnytt och Västerbottensnytt sände reportage." in page.content.decode()


def test_a_post_without_an_excerpt_says_its_opening_once_and_keeps_it_as_summary(
    write, run_import, client
):
    run_import(export(write))

    without = BlogPostPage.objects.get(slug="regional-konferens")
    page = client.get(without.url).content.decode()
    assert page.count("Konferensen om <b>regionalt ledarskap</b> samlade 120 deltagare.") == 1
    assert 'class="lead"' not in page
    assert without.intro.startswith("Konferensen om regionalt ledarskap")
    listing = client.get(without.get_parent().url).content.decode()
    assert "Konferensen om regionalt ledarskap samlade 120 deltagare." in listing

    with_excerpt = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    lead = '<p class="lead">Media uppmärksammar förlovningen mellan Örnsköldsvik och Umeå.</p>'
    assert lead in client.get(with_excerpt.url).content.decode()


def test_block_editor_posts_are_converted(write, run_import):
    run_import(export(write))

    post = BlogPostPage.objects.get(slug="regional-konferens")
    assert [(b.block_type) for b in post.body] == ["paragraph", "heading"]
    assert "<b>regionalt ledarskap</b>" in post.body[0].value.source
    assert post.intro.startswith("Konferensen om regionalt ledarskap")


def test_drafts_and_private_posts_become_unpublished_drafts(write, run_import, client):
    report = run_import(export(write))

    draft = BlogPostPage.objects.get(title="Halvfärdiga tankar")
    private = BlogPostPage.objects.get(title="Internt om budgeten")
    assert not draft.live and not private.live
    assert draft.get_latest_revision() is not None
    assert client.get("/blogg/internt-om-budgeten/").status_code == 404
    assert report.count("posts", "created") == 4


def test_pages_become_standard_pages_keeping_their_hierarchy(write, run_import, blog):
    run_import(export(write))

    about = StandardPage.objects.get(slug="om-bloggen")
    contact = StandardPage.objects.get(slug="kontakt")
    assert about.get_parent().specific == blog.get_parent().specific
    assert contact.get_parent().pk == about.pk
    assert about.body[0].value.source == "<p>Vi är ett samverkansprojekt.</p>"


def test_a_page_whose_parent_comes_later_in_the_file_still_goes_under_it(write, run_import):
    path = write(
        [
            w.item(11, "Styrgruppen", "Ledamöter.", post_type="page", slug="styrgrupp", parent=10),
            w.item(10, "Organisation", "Så styrs vi.", post_type="page", slug="organisation"),
        ]
    )

    run_import(path)

    assert StandardPage.objects.get(slug="styrgrupp").get_parent().slug == "organisation"


def test_old_permalinks_redirect_to_the_new_pages(write, run_import, client):
    run_import(export(write))

    post = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    response = client.get("/2012/10/31/uppladdning-infor-forlovningsfest/")
    assert response.status_code == 301
    assert response["Location"].endswith(post.url)
    assert client.get("/om-bloggen/").status_code == 200
    assert not Redirect.objects.filter(redirect_page__title="Halvfärdiga tankar").exists()


def test_authors_map_links_a_login_to_an_existing_author(
    write, run_import, tmp_path, command, blog
):
    existing = Author.objects.create(name="Frida Jonsson Berg", organisation="Örnsköldsviks kommun")
    authors_map = tmp_path / "authors.txt"
    authors_map.write_text(f"# login = author\nfrida = {existing.slug}\n")

    code, out, _err = command(
        export(write), "--blog", blog.slug, "--authors-map", authors_map, "--no-progress"
    )

    assert code == 0
    assert Author.objects.count() == 1
    assert BlogPostPage.objects.get(slug="regional-konferens").authors == [existing]


def test_unknown_author_in_the_map_is_a_clear_error(write, tmp_path, command, blog):
    authors_map = tmp_path / "authors.txt"
    authors_map.write_text("frida = ingen-sadan\n")

    code, _out, err = command(export(write), "--blog", blog.slug, "--authors-map", authors_map)

    assert code == 2
    assert "ingen-sadan" in err


def test_categories_without_a_work_area_can_be_skipped_instead_of_kept_as_tags(write, run_import):
    run_import(export(write), unmatched_categories="skip")

    post = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    assert "Kultur & evenemang" not in post.tags.names()


def test_second_run_creates_no_duplicates_and_applies_edits(write, run_import, media_dir):
    media_dir.add("2012/10/hjartat.jpg")
    run_import(export(write), media_dir=media_dir)
    counts = (
        Page.objects.count(),
        get_image_model().objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
    )

    edited = w.item(
        2,
        "Regional konferens 16 november – program klart",
        "<p>Programmet är klart.</p>",
        slug="regional-konferens",
    )
    path = write(
        [
            w.attachment(20, "Hjärtat", "2012/10/hjartat.jpg", alt="Hjärtat tänds"),
            w.item(
                1,
                "Uppladdning inför förlovningsfest",
                CLASSIC,
                slug="uppladdning-infor-forlovningsfest",
                date="2012-10-31 10:30:00",
                meta={"_thumbnail_id": "20"},
            ),
            edited,
        ],
    )
    report = run_import(path, media_dir=media_dir)

    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
        Redirect.objects.count(),
    ) == counts
    post = BlogPostPage.objects.get(slug="regional-konferens")
    assert post.title == "Regional konferens 16 november – program klart"
    assert post.body[0].value.source == "<p>Programmet är klart.</p>"
    assert post.live
    assert report.count("posts", "updated") == 2
    # A third run skips the unchanged post; the one with a missing image is converted
    # again, in case its file has been added to the media folder since, and as it comes
    # out the same, it is skipped too: no new revision.
    third = run_import(path, media_dir=media_dir)
    assert third.count("posts", "skipped") == 2 and third.count("posts", "updated") == 0
    assert Page.objects.count() == counts[0]


def test_images_with_files_are_imported_once_and_missing_ones_reported(
    write, run_import, media_dir
):
    media_dir.add("2012/10/hjartat.jpg", size=(800, 600))

    report = run_import(export(write), media_dir=media_dir)

    images = get_image_model().objects.exclude(title="Arbetsmarknadsregionen")
    assert [(i.title, i.width, i.height) for i in images] == [("Hjärtat", 800, 600)]
    assert report.count("images", "created") == 1
    assert report.count("images", "failed") == 1
    assert any(
        "saknas.jpg" in ex or "not found" in r["reason"] or "hittades" in r["reason"]
        for r in report.as_dict()["reasons"]
        for ex in r["examples"]
    )


def test_without_a_media_folder_every_image_stays_a_link(write, run_import):
    report = run_import(export(write))

    assert not get_image_model().objects.filter(title="Hjärtat").exists()
    post = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    paragraphs = [b.value.source for b in post.body if b.block_type == "paragraph"]
    assert "hjartat-300x200.jpg" in "".join(paragraphs)
    assert post.lead_image is None
    assert report.count("posts", "failed") == 0


def test_dry_run_writes_nothing(write, run_import, media_dir):
    media_dir.add("2012/10/hjartat.jpg")
    tables = (Page, Author, Tag, Redirect, ImportedObject, get_image_model())
    before = [model.objects.count() for model in tables]

    report = run_import(export(write), media_dir=media_dir, dry_run=True)

    assert [model.objects.count() for model in tables] == before
    assert report.count("posts", "created") == 4
    assert report.count("pages", "created") == 2
    assert report.count("images", "created") == 1
    assert report.count("authors", "created") == 1


def test_one_broken_post_is_reported_and_the_rest_imported(write, run_import, monkeypatch):
    from wordpress_import import importer

    original = importer.WordPressImporter._fill_post

    def break_one(self, page, item):
        original(self, page, item)
        if item.wp_id == 2:
            raise ValueError("trasig")

    monkeypatch.setattr(importer.WordPressImporter, "_fill_post", break_one)
    report = run_import(export(write))

    assert report.count("posts", "failed") == 1
    assert not BlogPostPage.objects.filter(slug="regional-konferens").exists()
    assert not ImportedObject.objects.filter(wp_id="2").exists()
    assert BlogPostPage.objects.filter(slug="uppladdning-infor-forlovningsfest").exists()


def test_imported_posts_are_whole_wagtail_pages(write, run_import, admin_client, client, blog):
    """The import writes pages without Wagtail's slow per-page steps: the tree, the history,
    the reference index and the search must still be as if an editor had made them."""
    existing = BlogPostPage(title="Skrivet i Wagtail", slug="skrivet-i-wagtail", intro="Före.")
    blog.add_child(instance=existing)

    run_import(export(write))

    assert all(not problems for problems in Page.find_problems())
    blog.refresh_from_db()
    assert blog.numchild == blog.get_children().count() == 5
    post = BlogPostPage.objects.get(slug="uppladdning-infor-forlovningsfest")
    assert post.url_path == f"{blog.url_path}uppladdning-infor-forlovningsfest/"
    assert post.live_revision == post.latest_revision
    assert post.live_revision.as_object().tags.names()
    history = admin_client.get(f"/admin/pages/{post.pk}/history/")
    assert history.status_code == 200
    actions = list(
        PageLogEntry.objects.filter(page=post).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "wagtail.publish"]
    assert admin_client.get(f"/admin/pages/{post.pk}/edit/").status_code == 200
    author = post.authors[0]
    assert ReferenceIndex.get_references_to(author).filter(object_id=str(post.pk)).exists()
    found = client.get("/sok/", {"q": "förlovningen"})
    assert "Uppladdning inför förlovningsfest" in found.content.decode()
