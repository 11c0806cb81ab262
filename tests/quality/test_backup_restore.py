"""A backup restored into a fresh database gives back every row of every model, the money
totals and the media files: proven by restoring in a second process into a new database
and backing that up again."""

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from wagtail.documents.models import Document
from wagtail.models import Page

import environ
import pytest

from website.backup import count_rows

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    Document.objects.create(
        title="Lägesrapport", file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="lagesrapport.pdf")
    )


@pytest.fixture
def fresh_database_url():
    """An empty database next to the test database: a new SQLite file, or on PostgreSQL
    the database named like DATABASE_URL's with `_restore` added, dropped and created."""
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        yield None  # the test makes a SQLite file in its temporary directory
        return
    import psycopg

    config = environ.Env.db_url_config(source)
    name = f"{config['NAME']}_restore"
    admin_url = source.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield source.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def manage(*args, database_url, media_root):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.quality.restore_settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_restored_into_a_fresh_database_gives_back_everything(
    demo, tmp_path, fresh_database_url
):
    call_command("backup", str(tmp_path / "snapshot"), stdout=io.StringIO())
    original = json.loads((tmp_path / "snapshot" / "manifest.json").read_text())
    assert original["models"]["wagtailcore.page"] == Page.objects.count() >= 4
    assert original["models"]["wagtaildocs.document"] == 1
    assert "documents/lagesrapport.pdf" in original["media"]["sizes"]
    budget_total = original["money_totals"].get("governance.budgetline.amount")
    if budget_total is not None:  # the demo budget, once budget models exist
        assert Decimal(budget_total) > 0

    database_url = fresh_database_url or f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    restored_media = tmp_path / "restored-media"
    output = manage(
        "restore", str(tmp_path / "snapshot"), database_url=database_url, media_root=restored_media
    )
    assert "match the manifest" in output

    # An independent look at the restored site: back it up again and compare.
    manage("backup", str(tmp_path / "again"), database_url=database_url, media_root=restored_media)
    again = json.loads((tmp_path / "again" / "manifest.json").read_text())
    assert again["models"] == original["models"]
    assert again["money_totals"] == original["money_totals"]
    assert again["media"]["sizes"] == original["media"]["sizes"]
    assert (restored_media / "documents" / "lagesrapport.pdf").read_bytes().startswith(b"%PDF")


def test_manifest_counts_every_model_of_every_app(demo, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    assert manifest["models"] == count_rows()
    for app in ("website", "governance", "wagtailcore", "wagtailimages", "auth"):
        assert any(label.startswith(f"{app}.") for label in manifest["models"]), app
    from django.apps import apps

    for label, field in [
        ("governance.BudgetLine", "amount"),
        ("governance.CostEntry", "amount"),
    ]:
        try:
            apps.get_model(label)
        except LookupError:
            continue
        assert f"{label.lower()}.{field}" in manifest["money_totals"]


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "s"), stdout=io.StringIO())
    assert Page.objects.filter(slug="om-projektet").exists()


def test_backup_refuses_to_write_over_an_earlier_backup(demo, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())


def test_restore_refuses_a_directory_without_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())
