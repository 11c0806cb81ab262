"""A background worker killed in the middle of an import (SIGKILL: out of memory, a
reboot) leaves no task RUNNING forever: the next worker finds it lost, the import says
how far it came, and "Retry" imports the rest without doubling what came before."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from blog.models import BlogPostPage
from tests.processes import SharedDatabase, kill, wait_for
from wordpress_import.models import WordPressImport

from . import wxr_files as w
from .test_admin_import import URL, run_worker, upload

POSTS = 60


@pytest.fixture
def database_queue(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }


def test_a_killed_worker_leaves_a_failed_import_that_can_be_retried(
    migrated_db, database_queue, client, project_leader, blog, write, tmp_path
):
    client.force_login(project_leader)
    path = write([w.item(n, f"Inlägg {n}", "Text. " * 200) for n in range(1, POSTS + 1)])
    upload(client, blog, path)
    run_worker()  # the check
    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.CHECKED
    client.post(f"{URL}{job.pk}/bekrafta/")

    with SharedDatabase(tmp_path) as shared:
        worker = shared.worker("--interval", "0.1", TASK_HEARTBEAT_SECONDS="1")
        progress = f"SELECT processed FROM wordpress_import_wordpressimport WHERE id = {job.pk}"
        try:
            assert wait_for(lambda: shared.value(progress) >= 20), worker.stdout.read()
        finally:
            kill(worker)
        stopped_at = shared.value(progress)
        assert stopped_at < POSTS, "the worker was killed in the middle of the import"
        running = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        assert shared.value(running) == 1

        restarted = shared.worker("--batch")
        output, _ = restarted.communicate(timeout=120)
        assert restarted.returncode == 0, output

    job.refresh_from_db()
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == TaskResultStatus.FAILED, "no task is left RUNNING"
    assert job.status == WordPressImport.Status.FAILED
    imported = BlogPostPage.objects.count()
    assert stopped_at <= imported < POSTS
    # The page says what happened and how far the import came, in Swedish, and offers a retry.
    page = client.get(f"{URL}{job.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Bakgrundsprocessen stannade" in page
    assert f"{job.processed} av {POSTS}" in page
    assert "Försök igen" in page

    client.post(f"{URL}{job.pk}/forsok-igen/")
    run_worker()

    job.refresh_from_db()
    assert job.status == WordPressImport.Status.DONE
    assert BlogPostPage.objects.count() == POSTS, "the retry imports the rest, nothing twice"
    assert BlogPostPage.objects.values("slug").distinct().count() == POSTS
