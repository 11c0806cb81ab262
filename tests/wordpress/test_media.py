"""The blog's images come along: as the uploads folder zipped beside the export (in the
admin), or fetched from the old site (--fetch-media), within limits (issue 18, finding 5)."""

import datetime
import http.server
import io
import threading
import zipfile
from functools import partial
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from blog.models import BlogPostPage
from wordpress_import.models import WordPressImport

from . import wxr_files as w

URL = "/admin/wordpress-import/"
EXPORT = Path(__file__).parent / "fixtures" / "wordpress_com_export.xml"


def imported_image_titles():
    """The images the import made (the demo site has a logo of its own)."""
    return sorted(
        get_image_model()
        .objects.exclude(title="Arbetsmarknadsregionen")
        .values_list("title", flat=True)
    )


def jpeg(colour=(30, 90, 160), size=(64, 48)):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def zipped(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def upload(client, blog, uploads=None, fetch_media=False):
    data = {
        "file": SimpleUploadedFile("export.xml", EXPORT.read_bytes(), content_type="text/xml"),
        "blog": blog.pk,
        "unmatched_categories": "tag",
    }
    if uploads is not None:
        data["uploads"] = SimpleUploadedFile("uploads.zip", uploads, "application/zip")
    if fetch_media:
        data["fetch_media"] = "on"
    return client.post(URL, data)


@pytest.fixture
def leader(client, project_leader, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    client.force_login(project_leader)
    return client


def test_the_uploads_folder_as_a_zip_brings_the_images_and_the_files_are_deleted_after(
    leader, blog, settings
):
    archive = zipped(
        {
            "wp-content/uploads/2013/05/bron.jpg": jpeg(),
            "wp-content/uploads/2013/05/kartan.jpg": jpeg((200, 40, 40)),
            "wp-content/uploads/2013/05/bron-150x150.jpg": jpeg(size=(15, 15)),
            "wp-content/uploads/../../../../outside.jpg": jpeg(),
            "wp-content/plugins/evil.php": b"<?php system($_GET['c']);",
        }
    )

    upload(leader, blog, uploads=archive)
    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.CHECKED
    page = leader.get(f"{URL}{job.pk}/").content.decode()
    assert "Vad varje inlägg behöll" in page or "What each post kept" in page
    leader.post(f"{URL}{job.pk}/bekrafta/")

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.DONE, job.error
    assert imported_image_titles() == ["Bron", "Kartan"]
    post = BlogPostPage.objects.get(slug="media")
    gallery = post.body[0].value
    assert [item["image"].title for item in gallery["images"]] == ["Bron", "Kartan"]
    assert post.body[4].value["image"].title == "Kartan"
    assert BlogPostPage.objects.get(slug="klassiskt").lead_image.title == "Bron"
    private = Path(settings.PRIVATE_UPLOAD_ROOT)
    assert not (private.parent / "outside.jpg").exists()
    # The export (with commenters' addresses) and the archive are gone, unpacked files too.
    assert job.file.name == "" and job.uploads.name == ""
    assert [p for p in private.rglob("*") if p.is_file()] == []
    # The result page links each imported post to its editor.
    page = leader.get(f"{URL}{job.pk}/").content.decode()
    assert f"/admin/pages/{post.pk}/edit/" in page


def test_a_zip_bomb_is_refused_with_a_message_and_nothing_is_imported(leader, blog):
    bomb = zipped({"wp-content/uploads/2013/05/bron.jpg": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000

    upload(leader, blog, uploads=bomb)

    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.FAILED
    assert "zip" in job.error and "bron.jpg" in job.error
    assert not BlogPostPage.objects.exists()
    assert job.file.name == ""


def test_a_file_that_is_no_zip_fails_the_check_with_a_message(leader, blog):
    upload(leader, blog, uploads=b"not a zip at all")

    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.FAILED
    assert ".zip" in job.error
    assert not BlogPostPage.objects.exists()


class OldSite(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def old_site(tmp_path):
    """The old blog, still online: its uploads served over HTTP on the loopback address."""
    root = tmp_path / "old-site"
    (root / "wp-content/uploads/2013/05").mkdir(parents=True)
    (root / "wp-content/uploads/2013/05/bron.jpg").write_bytes(jpeg())
    noise = io.BytesIO()
    PILImage.effect_noise((800, 600), 100).save(noise, "JPEG", quality=95)
    assert len(noise.getvalue()) > 200_000
    (root / "wp-content/uploads/2013/05/stor.jpg").write_bytes(noise.getvalue())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(OldSite, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def export_from(write, site):
    def image(wp_id, name):
        return w.item(
            wp_id,
            name,
            post_type="attachment",
            status="inherit",
            slug=name,
            attachment_url=f"{site}/wp-content/uploads/2013/05/{name}.jpg",
            meta={"_wp_attached_file": f"2013/05/{name}.jpg"},
        )

    content = "".join(
        f'<img class="wp-image-{i}" src="{site}/wp-content/uploads/2013/05/{n}.jpg" alt="{n}" />'
        "\n\n"
        for i, n in ((31, "bron"), (32, "stor"), (33, "saknas"))
    )
    return write(
        [image(31, "bron"), image(32, "stor"), image(33, "saknas"), w.item(1, "Bilder", content)]
    )


def test_fetch_media_brings_images_from_the_old_site_within_the_size_cap(
    write, blog, command, old_site, settings
):
    settings.WORDPRESS_FETCH_ALLOW_PRIVATE_HOSTS = True
    settings.WORDPRESS_FETCH_MAX_BYTES = 100_000

    code, out, err = command(
        export_from(write, old_site), "--blog", blog.slug, "--fetch-media", "--no-progress"
    )

    assert code == 0, err
    assert imported_image_titles() == ["bron"]
    post = BlogPostPage.objects.get(slug="inlagg-1")
    assert [block.block_type for block in post.body] == ["image", "paragraph"]
    assert "larger than" in out or "större än" in out, "stor.jpg is over the cap"
    assert "404" in out, "saknas.jpg is not on the old site"


def test_fetch_media_never_fetches_from_a_private_address(write, blog, command, old_site):
    code, out, _err = command(
        export_from(write, old_site), "--blog", blog.slug, "--fetch-media", "--no-progress"
    )

    assert code == 0
    assert imported_image_titles() == []
    assert "public internet" in out or "allmänna internet" in out


def test_an_upload_never_confirmed_is_deleted_after_the_retention_days(leader, blog, settings):
    settings.WORDPRESS_UPLOAD_RETENTION_DAYS = 7
    upload(leader, blog, uploads=zipped({"wp-content/uploads/2013/05/bron.jpg": jpeg()}))
    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.CHECKED
    stored = Path(settings.PRIVATE_UPLOAD_ROOT)
    assert list(stored.rglob("*.xml")), "kept while waiting for the confirmation"
    WordPressImport.objects.filter(pk=job.pk).update(
        created_at=job.created_at - datetime.timedelta(days=8)
    )

    leader.get(URL)

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.FAILED
    assert "7" in job.error
    assert [p for p in stored.rglob("*") if p.is_file()] == []
