"""Backup and restore of the whole site: every row of every model (through Django's
serialisation, so it works on SQLite and PostgreSQL alike and covers models added later),
the uploaded media files, and a manifest to check a restore against.

A snapshot directory holds:
    data.json      every object of every model, primary keys kept
    media/         a copy of MEDIA_ROOT
    manifest.json  counts per model, sums of every money (Decimal) field of the project's
                   own apps (budget totals included once budget models exist), media totals
"""

import datetime
import json
import shutil
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, models, transaction

from wagtail.models import Page

PROJECT_APPS = ("website", "governance", "blog")
FORMAT_VERSION = 1

# Rows that are rebuilt or that must not outlive the running site: the search index
# (rebuilt by update_index after a restore), sessions and login-throttling records.
EXCLUDED_APPS = {"sessions", "axes"}
EXCLUDED_MODELS = {"wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry"}


class SnapshotError(Exception):
    pass


def snapshot_models():
    """Every concrete, managed model whose rows belong in a backup, in a stable order."""
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        if meta.label_lower in EXCLUDED_MODELS:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda model: model._meta.label_lower)


def count_rows():
    return {model._meta.label_lower: model._default_manager.count() for model in snapshot_models()}


def money_totals():
    """The sum of every Decimal field of the project's own models, e.g. budget line amounts,
    as exact strings; a restore must give back the same to the öre."""
    totals = {}
    for model in snapshot_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DecimalField):
                total = model._default_manager.aggregate(total=models.Sum(field.name))["total"]
                places = Decimal(1).scaleb(-field.decimal_places)  # SEK with öre: 0.01
                total = Decimal(total or 0).quantize(places)
                totals[f"{model._meta.label_lower}.{field.name}"] = str(total)
    return totals


def media_summary(root):
    root = Path(root)
    files = sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "sizes": {str(p.relative_to(root)): p.stat().st_size for p in files},
    }


def _begin_consistent_read(outermost):
    """All reads of the backup see one moment of the database (PostgreSQL snapshot); inside
    a caller's transaction (tests) that transaction's view is already one moment."""
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def make_backup(directory):
    """Writes a snapshot into directory, which must not exist or be empty."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise SnapshotError(f"{directory} is not empty; give a new directory for each backup.")
    directory.mkdir(parents=True, exist_ok=True)
    labels = [model._meta.label for model in snapshot_models()]
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        _begin_consistent_read(outermost)
        call_command("dumpdata", *labels, output=str(directory / "data.json"), verbosity=0)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database_vendor": connection.vendor,
            "models": count_rows(),
            "money_totals": money_totals(),
        }
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, directory / "media")
    else:
        (directory / "media").mkdir()
    manifest["media"] = media_summary(directory / "media")
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(directory):
    path = Path(directory) / "manifest.json"
    if not path.exists() or not (Path(directory) / "data.json").exists():
        raise SnapshotError(f"{directory} holds no backup (manifest.json and data.json).")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise SnapshotError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def database_is_empty():
    """True for a freshly migrated database: no accounts, only Wagtail's two initial pages."""
    return not get_user_model().objects.exists() and Page.objects.count() <= 2


def compare(manifest, *, models_now, money_now, media_now):
    """Every difference between a manifest and what is there now, in words."""
    differences = []
    for label in sorted(set(manifest["models"]) | set(models_now)):
        expected, found = manifest["models"].get(label), models_now.get(label)
        if expected != found:
            differences.append(f"{label}: {expected} in the backup, {found} now")
    for key in sorted(set(manifest["money_totals"]) | set(money_now)):
        expected, found = manifest["money_totals"].get(key), money_now.get(key)
        if expected is None or found is None or Decimal(expected) != Decimal(found):
            differences.append(f"{key}: {expected} in the backup, {found} now")
    if manifest["media"]["sizes"] != media_now["sizes"]:
        differences.append(
            f"media: {manifest['media']['files']} files in the backup, {media_now['files']} now"
        )
    return differences


def restore_backup(directory):
    """Loads a snapshot into an empty, migrated database and copies the media back."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if not database_is_empty():
        raise SnapshotError(
            "The database is not empty. Restore only into a new database: create it, "
            "point DATABASE_URL at it and run restore again (it migrates by itself)."
        )
    with transaction.atomic():
        # The rows Wagtail's and our migrations created come back from the backup itself,
        # with the backup's primary keys.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(directory / "data.json"), verbosity=0)
    media_root = Path(settings.MEDIA_ROOT)
    if (directory / "media").exists():
        shutil.copytree(directory / "media", media_root, dirs_exist_ok=True)
    call_command("update_index", verbosity=0)
    differences = compare(
        manifest,
        models_now=count_rows(),
        money_now=money_totals(),
        media_now=_media_subset(media_root, manifest["media"]["sizes"]),
    )
    if differences:
        raise SnapshotError("The restored site differs from the backup:\n" + "\n".join(differences))
    return manifest


def _media_subset(root, expected_sizes):
    """The backed-up files as found under root (other files there are not the backup's)."""
    root = Path(root)
    sizes = {
        name: (root / name).stat().st_size for name in expected_sizes if (root / name).is_file()
    }
    return {"files": len(sizes), "bytes": sum(sizes.values()), "sizes": sizes}
