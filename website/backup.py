"""Backup and restore of the whole site: every row of every model (through Django's
serialisation, so it works on SQLite and PostgreSQL alike and covers models added later),
the uploaded media files, the private files (frozen copies of approved decisions'
documents), and a signed manifest to check a restore against.

A snapshot directory (0700, every file in it 0600: it holds password hashes and
commenters' email addresses) holds:
    data.json      every object of every model, primary keys kept
    media/         a copy of MEDIA_ROOT, or of both buckets when media is on object storage
    private/       a copy of PRIVATE_UPLOAD_ROOT, without uploads waiting for a confirmation
    manifest.json  counts per model, sums of every money (Decimal) field of the project's
                   own apps, media totals, the search index's entries per model, every
                   decision's number, lock, confidentiality and text hash, the SHA-256 of
                   every file above, and an HMAC-SHA256 over all of it keyed by
                   BACKUP_SIGNING_KEY (SECRET_KEY when that is not set)

`restore` refuses a snapshot whose HMAC or any file's hash does not match before it touches
the database, loads it, rebuilds the search index and then checks what it loaded against
the manifest: counts, money, media, search entries per model, the decisions' locks and
confidentiality, and that every frozen document still has the SHA-256 it was frozen with.
"""

import datetime
import hashlib
import json
import os
import shutil
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import signals
from django.utils.crypto import constant_time_compare, salted_hmac

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from core.cache import invalidate_public_pages
from core.planner_statistics import refresh_after_bulk_load
from governance.decisions.models import Decision, FrozenDocument

PROJECT_APPS = ("website", "governance", "blog")
FORMAT_VERSION = 2
HMAC_SALT = "lagesbild.backup.manifest"
# Uploads waiting for the uploader's confirmation are not kept: they expire within an hour.
PRIVATE_SKIPPED = ("pending",)

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


def search_index_counts():
    """The search index's entries per model ("blog.blogpostpage": 15): a restore must find
    as much as the site it was made from."""
    rows = IndexEntry.objects.values_list("content_type__app_label", "content_type__model")
    return dict(sorted(Counter(f"{app}.{model}" for app, model in rows).items()))


def decision_facts():
    """What the steering group's decisions are, as a restore must give them back: number,
    lock (in approved minutes), confidentiality, state and a hash of title and text."""
    facts = {}
    for decision in Decision.objects.select_related("meeting").order_by("pk"):
        text = f"{decision.title}\n{decision.text}".encode()
        facts[str(decision.pk)] = {
            "number": decision.number,
            "locked": decision.meeting.minutes_approved,
            "confidential": decision.is_confidential,
            "state": decision.state,
            "text_sha256": hashlib.sha256(text).hexdigest(),
        }
    return facts


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(directory):
    """{path relative to the snapshot: SHA-256} of every file but the manifest."""
    directory = Path(directory)
    manifest = directory / "manifest.json"
    return {
        str(path.relative_to(directory)): file_sha256(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path != manifest
    }


def signing_key():
    return getattr(settings, "BACKUP_SIGNING_KEY", "") or settings.SECRET_KEY


def manifest_hmac(manifest):
    """HMAC-SHA256 over the manifest without its own HMAC, in one canonical form."""
    body = {key: value for key, value in manifest.items() if key != "hmac"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return salted_hmac(HMAC_SALT, canonical, secret=signing_key(), algorithm="sha256").hexdigest()


@contextmanager
def _owner_only():
    """Files and folders made meanwhile are readable by the owner only (0600 and 0700)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _restrict(directory):
    """0700 for every folder and 0600 for every file of the snapshot, whatever copytree
    kept of the originals' modes."""
    directory = Path(directory)
    directory.chmod(0o700)
    for path in directory.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _media_on_disk():
    return isinstance(default_storage, FileSystemStorage)


def _copy_media_out(target):
    """The uploaded media into target: MEDIA_ROOT, or every object of both buckets when
    media is on object storage (core/object_storage.py)."""
    media_root = Path(settings.MEDIA_ROOT)
    if _media_on_disk():
        if media_root.exists():
            shutil.copytree(media_root, target)
        else:
            target.mkdir()
        return
    target.mkdir()

    def copy_folder(folder):
        directories, files = default_storage.listdir(folder)
        for name in files:
            path = target / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(f"{folder}{name}", "rb") as source, path.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        for name in directories:
            copy_folder(f"{folder}{name}/")

    copy_folder("")


def _copy_media_in(source, media_root):
    """The snapshot's media back: into MEDIA_ROOT, or into the buckets under the same names
    (documents into the private one)."""
    if _media_on_disk():
        shutil.copytree(source, media_root, dirs_exist_ok=True)
        return
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as file_obj:
            saved = default_storage.save(name, File(file_obj))
        if saved != name:
            raise SnapshotError(f"{name} was stored as {saved}.")


def _copy_private_files(target):
    root = Path(settings.PRIVATE_UPLOAD_ROOT)
    target.mkdir()
    if not root.exists():
        return
    for child in root.iterdir():
        if child.name in PRIVATE_SKIPPED:
            continue
        if child.is_dir():
            shutil.copytree(child, target / child.name)
        else:
            shutil.copy2(child, target / child.name)


@contextmanager
def _model_signals_muted():
    """A restore puts rows back as they were: what the site's signal handlers did when
    the rows were first saved (moving documents into the private collection, refusing to
    change a locked decision's bases, indexing) is already in the data, and running them
    again half-way through loading fails or changes it. What must hold is checked after."""
    muted = [
        signals.pre_save,
        signals.post_save,
        signals.pre_delete,
        signals.post_delete,
        signals.m2m_changed,
    ]
    kept = []
    for signal in muted:
        with signal.lock:
            kept.append(signal.receivers)
            signal.receivers = []
            signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in zip(muted, kept, strict=True):
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()


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
    with _owner_only():
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
                "search_index": search_index_counts(),
                "decisions": decision_facts(),
            }
        _copy_media_out(directory / "media")
        _copy_private_files(directory / "private")
        _restrict(directory)
        manifest["media"] = media_summary(directory / "media")
        manifest["files"] = file_hashes(directory)
        manifest["hmac"] = manifest_hmac(manifest)
        path = directory / "manifest.json"
        path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        path.chmod(0o600)
    return manifest


def read_manifest(directory):
    path = Path(directory) / "manifest.json"
    if not path.exists() or not (Path(directory) / "data.json").exists():
        raise SnapshotError(f"{directory} holds no backup (manifest.json and data.json).")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as error:
        raise SnapshotError("manifest.json is not valid JSON.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise SnapshotError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify_snapshot(directory):
    """The manifest read and checked: its HMAC, then every file's SHA-256 (and no file that
    the manifest does not name). Raises SnapshotError before anything is restored."""
    manifest = read_manifest(directory)
    if not constant_time_compare(str(manifest.get("hmac", "")), manifest_hmac(manifest)):
        raise SnapshotError(
            "The manifest's signature does not match: the backup was changed after it was "
            "made, or it was made with another BACKUP_SIGNING_KEY (or SECRET_KEY)."
        )
    expected, found = manifest["files"], file_hashes(directory)
    problems = [
        f"{name}: its SHA-256 does not match the manifest (changed since the backup)"
        for name in sorted(set(expected) & set(found))
        if expected[name] != found[name]
    ]
    problems += [f"{name}: missing" for name in sorted(set(expected) - set(found))]
    problems += [f"{name}: not in the manifest" for name in sorted(set(found) - set(expected))]
    if problems:
        raise SnapshotError("The backup is not as it was made:\n" + "\n".join(problems))
    return manifest


def database_is_empty():
    """True for a new database (no tables yet) or a freshly migrated one: no accounts, only
    Wagtail's two initial pages."""
    tables = set(connection.introspection.table_names())
    if not {get_user_model()._meta.db_table, Page._meta.db_table} <= tables:
        return True
    return not get_user_model().objects.exists() and Page.objects.count() <= 2


NOT_EMPTY = (
    "The database is not empty. Restore only into a new database: create it, point "
    "DATABASE_URL at it and run restore again (it migrates by itself)."
)


def compare(manifest, *, models_now, money_now, media_now, search_now, decisions_now):
    """Every difference between a manifest and what is there now, in words."""
    differences = []
    # A rebuilt index may hold more than the old one (Wagtail's root page, which the old
    # site never indexed), never less.
    for label in sorted(manifest["search_index"]):
        expected, found = manifest["search_index"][label], search_now.get(label, 0)
        if found < expected:
            differences.append(
                f"search index, {label}: {expected} entries in the backup, {found} now"
            )
    for pk in sorted(set(manifest["decisions"]) | set(decisions_now), key=int):
        expected, found = manifest["decisions"].get(pk), decisions_now.get(pk)
        if expected != found:
            number = (expected or found)["number"]
            differences.append(f"decision {number}: {expected} in the backup, {found} now")
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


def frozen_document_problems():
    """Every frozen document whose copy or whose document's file no longer has the SHA-256
    it was frozen with: a decision in approved minutes keeps its documents as they were."""
    problems = []
    for frozen in FrozenDocument.objects.select_related("decision", "document"):
        for label, stored in (("frozen copy", frozen.copy), ("document", frozen.document.file)):
            try:
                with stored.open("rb") as file:
                    digest = hashlib.file_digest(file.file, "sha256").hexdigest()
            except (FileNotFoundError, ValueError):
                digest = None
            if digest != frozen.sha256:
                problems.append(
                    f"decision {frozen.decision.number}: the {label} of “{frozen.title}” is "
                    "not the file frozen with it (SHA-256 differs or the file is missing)"
                )
    return problems


def restore_backup(directory):
    """Loads a snapshot into an empty, migrated database and copies the files back."""
    directory = Path(directory)
    manifest = verify_snapshot(directory)
    if not database_is_empty():
        raise SnapshotError(NOT_EMPTY)
    media_root = Path(settings.MEDIA_ROOT)
    private_root = Path(settings.PRIVATE_UPLOAD_ROOT)
    with transaction.atomic():
        # The rows Wagtail's and our migrations created come back from the backup itself,
        # with the backup's primary keys.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        with _model_signals_muted():
            call_command("loaddata", str(directory / "data.json"), verbosity=0)
        # The content types now have the backup's ids; the ones cached while migrating are
        # stale, and the search index rebuilt with them skipped every page of another type
        # than Wagtail's own (27 entries instead of 451 on the full demo).
        ContentType.objects.clear_cache()
        if (directory / "media").exists():
            _copy_media_in(directory / "media", media_root)
        if (directory / "private").exists():
            shutil.copytree(directory / "private", private_root, dirs_exist_ok=True)
        differences = frozen_document_problems()
        if differences:
            raise SnapshotError(
                "The restored decisions break their locks:\n" + "\n".join(differences)
            )
    call_command("update_index", verbosity=0)
    refresh_after_bulk_load()
    invalidate_public_pages()  # the signals were muted; whatever was cached is of another site
    differences = compare(
        manifest,
        models_now=count_rows(),
        money_now=money_totals(),
        media_now=_media_subset(media_root, manifest["media"]["sizes"]),
        search_now=search_index_counts(),
        decisions_now=decision_facts(),
    )
    if differences:
        raise SnapshotError("The restored site differs from the backup:\n" + "\n".join(differences))
    return manifest


def _media_subset(root, expected_sizes):
    """The backed-up files as found under root (other files there are not the backup's)."""
    if not _media_on_disk():
        sizes = {
            name: default_storage.size(name)
            for name in expected_sizes
            if default_storage.exists(name)
        }
        return {"files": len(sizes), "bytes": sum(sizes.values()), "sizes": sizes}
    root = Path(root)
    sizes = {
        name: (root / name).stat().st_size for name in expected_sizes if (root / name).is_file()
    }
    return {"files": len(sizes), "bytes": sum(sizes.values()), "sizes": sizes}
