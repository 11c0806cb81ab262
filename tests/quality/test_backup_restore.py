"""A backup restored into a fresh database gives back every row of every model, the money
totals, the media and private files and a search index that finds what the site found:
proven by restoring in a second process into a new database and backing that up again. A
snapshot is readable by its owner only, and one that was changed after it was made, or whose
decisions no longer hold their frozen documents, is refused."""

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from wagtail.documents.models import Document
from wagtail.models import Page

import environ
import pytest

from governance.decisions.models import FrozenDocument
from website.backup import count_rows

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def own_folders(settings, tmp_path):
    """Media and private files of these tests' own, so that changing one harms no other."""
    settings.MEDIA_ROOT = tmp_path / "site-media"
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "site-private"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    add_document()


@pytest.fixture
def small_site(demo_site):
    """Enough for the refusals, which do not look at what the backup holds: the site's own
    pages and a document (the whole demo takes ~12 s to load)."""
    add_document()


def add_document():
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


def manage(*args, database_url, media_root, check=True):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.quality.restore_settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_UPLOAD_ROOT": str(media_root.parent / f"{media_root.name}-private"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,  # a loaded CI machine takes minutes to migrate and load the demo
    )
    if not check:
        return result
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_restored_into_a_fresh_database_gives_back_everything(
    demo, tmp_path, fresh_database_url
):
    call_command("backup", str(tmp_path / "snapshot"), stdout=io.StringIO())
    original = json.loads((tmp_path / "snapshot" / "manifest.json").read_text())
    assert original["models"]["wagtailcore.page"] == Page.objects.count() >= 4
    assert original["models"]["wagtaildocs.document"] == Document.objects.count() >= 1
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
    assert again["decisions"] == original["decisions"]
    assert original["models"]["governance.frozendocument"] > 0
    # Search finds what it found: posts, events and index pages too, not only Wagtail's own
    # page type (a rebuild with stale content types found 27 of 451 entries).
    assert (
        original["search_index"]["blog.blogpostpage"]
        == Page.objects.type(apps.get_model("blog", "BlogPostPage")).count()
    )
    for label, entries in original["search_index"].items():
        assert again["search_index"].get(label, 0) >= entries, label
    assert (restored_media / "documents" / "lagesrapport.pdf").read_bytes().startswith(b"%PDF")


def test_manifest_counts_every_model_of_every_app(demo, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    assert manifest["models"] == count_rows()
    for app in ("website", "governance", "wagtailcore", "wagtailimages", "auth"):
        assert any(label.startswith(f"{app}.") for label in manifest["models"]), app
    for label, field in [
        ("governance.BudgetLine", "amount"),
        ("governance.CostEntry", "amount"),
    ]:
        try:
            apps.get_model(label)
        except LookupError:
            continue
        assert f"{label.lower()}.{field}" in manifest["money_totals"]


def test_restore_refuses_a_database_that_is_not_empty(small_site, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "s"), stdout=io.StringIO())
    assert Page.objects.filter(slug="om-projektet").exists()


def test_backup_refuses_to_write_over_an_earlier_backup(small_site, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())


def test_restore_refuses_a_directory_without_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())


def test_a_backup_is_readable_by_its_owner_only(small_site, tmp_path):
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())
    snapshot = tmp_path / "s"
    modes = {
        str(path.relative_to(tmp_path)): stat.S_IMODE(path.stat().st_mode)
        for path in [snapshot, *snapshot.rglob("*")]
    }
    assert modes["s"] == 0o700 and modes["s/data.json"] == modes["s/manifest.json"] == 0o600
    assert {mode for name, mode in modes.items() if (tmp_path / name).is_dir()} == {0o700}
    assert {mode for name, mode in modes.items() if (tmp_path / name).is_file()} == {0o600}
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert set(manifest["files"]) == {
        name[2:] for name in modes if (tmp_path / name).is_file() and name != "s/manifest.json"
    }
    assert "documents/lagesrapport.pdf" in {name.split("/", 1)[1] for name in manifest["files"]
                                            if name.startswith("media/")}  # fmt: skip


def forge(snapshot):
    """What issue 17 did to data.json: an approved decision's text, a confidential flag and
    two cost amounts changed so that their sum (what the old check compared) stays the same."""
    data_file = snapshot / "data.json"
    rows = json.loads(data_file.read_text())
    approved_meetings = {
        row["pk"] for row in rows
        if row["model"] == "governance.meeting" and row["fields"]["state"] == "justerat"
    }  # fmt: skip
    decisions = [row for row in rows if row["model"] == "governance.decision"]
    locked = next(row for row in decisions if row["fields"]["meeting"] in approved_meetings)
    locked["fields"]["text"] = "Styrgruppen beslutar att anslå hela budgeten till resor."
    confidential = next(row for row in decisions if row["fields"]["is_confidential"])
    confidential["fields"]["is_confidential"] = False
    costs = [row for row in rows if row["model"] == "governance.costentry"][:2]
    costs[0]["fields"]["amount"] = str(Decimal(costs[0]["fields"]["amount"]) + 5000)
    costs[1]["fields"]["amount"] = str(Decimal(costs[1]["fields"]["amount"]) - 5000)
    data_file.write_text(json.dumps(rows))
    return data_file


def test_a_tampered_backup_is_refused_before_anything_is_restored(demo, tmp_path):
    snapshot = tmp_path / "s"
    call_command("backup", str(snapshot), stdout=io.StringIO())
    data_file = forge(snapshot)
    with pytest.raises(CommandError) as raised:
        call_command("restore", str(snapshot), stdout=io.StringIO())
    assert "data.json: its SHA-256 does not match the manifest" in str(raised.value)

    # The forger also writes the new hash into the manifest: its HMAC gives them away.
    manifest_file = snapshot / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["files"]["data.json"] = hashlib.sha256(data_file.read_bytes()).hexdigest()
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("restore", str(snapshot), stdout=io.StringIO())

    # A file slipped into the snapshot is not the backup's either.
    call_command("backup", str(tmp_path / "t"), stdout=io.StringIO())
    (tmp_path / "t" / "media" / "documents" / "extra.pdf").write_bytes(b"%PDF-1.7 extra")
    with pytest.raises(CommandError, match="extra.pdf: not in the manifest"):
        call_command("restore", str(tmp_path / "t"), stdout=io.StringIO())
    assert Page.objects.filter(slug="om-projektet").exists()  # the database untouched


def test_restore_refuses_decisions_whose_frozen_documents_changed(demo, tmp_path):
    # Someone swaps the signed minutes on the server's disk, behind the site's back: the
    # backup made afterwards is signed, but the decisions' locks still hold the old hash.
    frozen = FrozenDocument.objects.select_related("document", "decision").first()
    Path(frozen.document.file.path).write_bytes(b"%PDF-1.7\n% a different protocol\n%%EOF\n")
    call_command("backup", str(tmp_path / "s"), stdout=io.StringIO())

    result = manage(
        "restore",
        str(tmp_path / "s"),
        database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        media_root=tmp_path / "restored-media",
        check=False,
    )
    assert result.returncode != 0
    assert (
        f"decision {frozen.decision.number}: the document of “{frozen.title}” is not the file "
        "frozen with it"
    ) in result.stderr
