"""An import run by the task worker, a process of its own, reaches the site's readers at
once: both use the default cache of the embedded set-up (files under CACHE_DIR), so the
worker's purge empties the pages the site keeps (core/cache.py)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connections

import pytest

from blog.models import BlogPostPage
from wordpress_import.models import WordPressImport

from . import wxr_files as w
from .test_admin_import import URL, upload

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_cache(settings, tmp_path, monkeypatch):
    """The site's default cache when neither CACHE_URL nor REDIS_URL is set, in a folder of
    this test's own, with the page cache on."""
    from website.settings.base import _cache_config

    folder = tmp_path / "cache"
    with monkeypatch.context() as environment:
        environment.delenv("CACHE_URL", raising=False)
        environment.delenv("REDIS_URL", raising=False)
        environment.setenv("CACHE_DIR", str(folder))
        settings.CACHES = {"default": _cache_config()}
    assert settings.CACHES["default"]["BACKEND"] == "core.file_cache.FileCache"
    settings.PAGE_CACHE_SECONDS = 600
    return folder


def database_url_for_another_process(tmp_path):
    """The test database as another process reaches it. PostgreSQL's is named; SQLite's
    lives in this process's memory, so it is copied to a file that this process then uses
    too until the test ends (`restore_database`)."""
    connection = connections["default"]
    config = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
        host = f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        return f"postgres://{config['USER']}{password}@{host}/{config['NAME']}", None
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    in_memory = (connection.connection, config["NAME"])
    connection.connection = None
    config["NAME"] = str(path)
    return f"sqlite:///{path}", in_memory


def restore_database(in_memory):
    if in_memory is not None:
        connection = connections["default"]
        connection.close()
        connection.connection, connection.settings_dict["NAME"] = in_memory


def run_worker_process(database_url, cache_dir, uploads):
    """`manage.py db_worker` as `make run` starts it, in a process of its own with the
    development settings, until the queue is empty."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=database_url,
        CACHE_DIR=str(cache_dir),
        PRIVATE_UPLOAD_ROOT=str(uploads),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "background", "--batch"]
        + ["--no-startup-delay"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readers_see_the_posts_the_worker_process_imported_at_once(
    migrated_db, client, project_leader, blog, write, settings, tmp_path, shared_cache
):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    path = write([w.item(n, f"Nyhet nummer {n} från Umeå", "Text.") for n in (1, 2, 3)])
    editor = type(client)()
    editor.force_login(project_leader)
    upload(editor, blog, path)  # checked at once here; the import goes to the worker
    job = WordPressImport.objects.get()
    assert job.status == WordPressImport.Status.CHECKED
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    database_url, in_memory = database_url_for_another_process(tmp_path)
    try:
        reader = client.get(blog.url)
        assert "Nyhet nummer 1" not in reader.content.decode()
        assert client.get(blog.url)["X-Page-Cache"] == "hit"

        editor.post(f"{URL}{job.pk}/bekrafta/")
        run_worker_process(database_url, shared_cache, settings.PRIVATE_UPLOAD_ROOT)

        job.refresh_from_db()
        assert job.status == WordPressImport.Status.DONE
        assert BlogPostPage.objects.live().count() == 3
        reader = client.get(blog.url)
        assert reader["X-Page-Cache"] == "miss"
        for n in (1, 2, 3):
            assert f"Nyhet nummer {n} från Umeå" in reader.content.decode()
    finally:
        restore_database(in_memory)
