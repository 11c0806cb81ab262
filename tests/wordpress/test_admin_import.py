"""A project leader uploads an export, reads the check, confirms, and follows the import."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

import pytest

from blog.models import BlogPostPage
from comments.models import Comment
from core.planner_statistics import refresh_after_bulk_load
from wordpress_import.models import WordPressImport

from . import wxr_files as w

URL = "/admin/wordpress-import/"


def upload(client, blog, path, name="export.xml"):
    return client.post(
        URL,
        {
            "file": SimpleUploadedFile(name, path.read_bytes(), content_type="text/xml"),
            "blog": blog.pk,
            "unmatched_categories": "tag",
        },
    )


def test_upload_check_confirm_import(client, project_leader, blog, write, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    client.force_login(project_leader)
    path = write(
        [
            w.item(
                1,
                "Kick-off för det gemensamma arbetet!",
                "Välkommen, Umeå och Örnsköldsvik!",
                comments=[w.comment(5, "Äntligen!")],
            ),
            w.item(2, "Utkast", "Inte klart.", status="draft"),
        ]
    )

    response = upload(client, blog, path)

    job = WordPressImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{job.pk}/"
    assert job.status == WordPressImport.Status.CHECKED
    assert not BlogPostPage.objects.exists(), "the check writes nothing"
    page = client.get(f"{URL}{job.pk}/").content.decode()
    assert "Bekräfta och importera" in page or "Confirm and import" in page
    assert "<td>2</td>" in page  # two posts would be created
    assert "raderas efter 7 dagar om importen inte bekräftas" in page

    response = client.post(f"{URL}{job.pk}/bekrafta/")

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.DONE
    assert (job.processed, job.total) == (2, 2)
    assert BlogPostPage.objects.count() == 2
    assert Comment.objects.get().text == "Äntligen!"
    assert BlogPostPage.objects.get(slug="inlagg-1").owner == project_leader
    # The export (commenters' e-mail addresses) is gone, and the page says so.
    assert not job.file
    assert (
        "Den uppladdade exporten och bilderna har raderats"
        in client.get(f"{URL}{job.pk}/").content.decode()
    )
    # Confirming twice does not import twice.
    client.post(f"{URL}{job.pk}/bekrafta/")
    assert BlogPostPage.objects.count() == 2


def test_the_import_waits_for_the_background_worker_and_shows_its_progress(
    migrated_db, client, project_leader, blog, write, settings, tmp_path
):
    """With the queue in the database (as in production), the upload returns at once and
    `manage.py db_worker` does the work."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    client.force_login(project_leader)
    path = write([w.item(n, f"Inlägg {n}", "Text.") for n in range(1, 4)])

    upload(client, blog, path)

    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.CHECKING
    page = client.get(f"{URL}{job.pk}/").content.decode()
    assert "db_worker" in page and 'http-equiv="refresh"' in page

    run_worker()

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.CHECKED
    assert not BlogPostPage.objects.exists()
    client.post(f"{URL}{job.pk}/bekrafta/")
    assert not BlogPostPage.objects.exists(), "the import waits for the worker"
    assert "db_worker" in client.get(f"{URL}{job.pk}/").content.decode()

    run_worker()

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.DONE
    assert (job.processed, job.total) == (3, 3)
    assert BlogPostPage.objects.count() == 3
    page = client.get(f"{URL}{job.pk}/").content.decode()
    assert "db_worker" not in page and 'http-equiv="refresh"' not in page


LOADED_TABLES = ("wagtailcore_page", "blog_blogpostpage", "wagtailsearch_indexentry")


def analyses():
    """How many times PostgreSQL has gathered planner statistics for the loaded tables."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT relname, analyze_count FROM pg_stat_user_tables WHERE relname = ANY(%s)",
            [list(LOADED_TABLES)],
        )
        return dict(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_on_postgresql_the_import_leaves_the_search_index_merged_and_counted_for_the_planner(
    client, project_leader, blog, write, settings, tmp_path
):
    """Without statistics, a search straight after importing 5 000 posts was planned as if
    the tables were empty and took 53 s; with the search index's new entries left pending,
    a rare word at 50 000 posts took 70 ms instead of 25 (core/planner_statistics.py)."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    client.force_login(project_leader)
    upload(client, blog, write([w.item(n, f"Inlägg {n}", "Arbetsgivare.") for n in range(1, 4)]))
    job = WordPressImport.objects.get()
    before = analyses()

    client.post(f"{URL}{job.pk}/bekrafta/")

    after = analyses()
    assert BlogPostPage.objects.count() == 3
    assert all(after[table] > before.get(table, 0) for table in LOADED_TABLES), (before, after)
    left_pending = refresh_after_bulk_load()
    assert left_pending and not any(left_pending.values()), left_pending


def run_worker():
    """One run of the worker: every queued task, then it stops."""
    call_command(
        "db_worker",
        "--backend",
        "background",
        "--batch",
        "--no-startup-delay",
        stdout=io.StringIO(),
    )


def test_a_file_that_is_not_wordpress_shows_the_reason(
    client, project_leader, blog, tmp_path, settings
):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    client.force_login(project_leader)
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><item/></channel></rss>')

    upload(client, blog, path)

    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.FAILED
    page = client.get(f"{URL}{job.pk}/").content.decode()
    assert "Det här är ingen export från WordPress" in page
    assert "Den uppladdade exporten och bilderna har raderats" in page
    assert not job.file


def test_uploads_are_kept_outside_public_media(
    client, project_leader, blog, write, settings, tmp_path
):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    client.force_login(project_leader)

    upload(client, blog, write([w.item(1, "Hej", "Text")]))

    stored = WordPressImport.objects.get().file.path
    assert stored.startswith(str(tmp_path / "private"))


def test_only_project_leaders_may_import(client, guest_writer, blog, write):
    client.force_login(guest_writer)

    # A forbidden admin page answers 403, as everywhere in the project's own admin views.
    assert client.get(URL).status_code == 403
    assert upload(client, blog, write([w.item(1, "Hej", "Text")])).status_code == 403
    assert not WordPressImport.objects.exists()
    assert "Importera från WordPress" not in client.get("/admin/").content.decode()


def test_a_non_xml_upload_is_refused_in_swedish(client, project_leader, blog, tmp_path):
    client.force_login(project_leader)
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK")

    response = upload(client, blog, path, name="export.zip")

    assert response.status_code == 200
    assert "Välj .xml-filen" in response.content.decode()
