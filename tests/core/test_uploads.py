import os
import time
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from core.uploads import PendingUploadGone, PendingUploads, PrivateStorage

LEDGER = b"Konto;Belopp;Text\r\n5010;1 250,00-;L\xc3\xb6n mars\r\n"


def visitor():
    return SimpleNamespace(session=SessionStore())


def kept_file(token, kind="cost-import"):
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "pending" / kind / token


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_UPLOAD_ROOT


def test_a_pending_upload_is_kept_privately_for_the_uploader_only(private_root):
    uploader = visitor()
    uploads = PendingUploads(uploader, "cost-import")
    token = uploads.keep(SimpleUploadedFile("huvudbok 2013.csv", LEDGER), project=7)

    assert uploads.details(token) == {"name": "huvudbok 2013.csv", "project": 7}
    with uploads.open(token) as file_obj:
        assert file_obj.read() == LEDGER
    assert kept_file(token).is_file()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*")), "nothing under public media"
    with pytest.raises(ValueError):
        PrivateStorage().url(f"pending/cost-import/{token}")

    someone_else = PendingUploads(visitor(), "cost-import")
    with pytest.raises(PendingUploadGone), someone_else.open(token):
        pass
    with pytest.raises(PendingUploadGone):
        PendingUploads(uploader, "activity-plan").details(token)


def test_a_confirmed_upload_is_forgotten_and_its_file_removed(private_root):
    uploads = PendingUploads(visitor(), "cost-import")
    token = uploads.keep(SimpleUploadedFile("k.csv", LEDGER))
    uploads.forget(token)
    assert not kept_file(token).exists()
    with pytest.raises(PendingUploadGone):
        uploads.details(token)


def test_a_token_that_is_not_ours_never_reaches_the_file_system(private_root):
    uploads = PendingUploads(visitor(), "cost-import")
    uploads.session[uploads.session_key] = {"../../settings": {"name": "x"}}
    with pytest.raises(PendingUploadGone):
        uploads.details("../../settings")


def age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_uploads_nobody_confirmed_are_removed_after_an_hour_whatever_their_kind(private_root):
    ledgers = PendingUploads(visitor(), "cost-import")
    abandoned = ledgers.keep(SimpleUploadedFile("gammal.csv", LEDGER))
    recent = ledgers.keep(SimpleUploadedFile("ny.csv", LEDGER))
    age(kept_file(abandoned), 61 * 60)
    age(kept_file(recent), 59 * 60)

    # The next upload, of another kind, clears the expired ledger.
    PendingUploads(visitor(), "activity-plan").keep(SimpleUploadedFile("plan.xlsx", b"PK"))

    assert not kept_file(abandoned).exists()
    with pytest.raises(PendingUploadGone):
        ledgers.details(abandoned)
    assert ledgers.details(recent)["name"] == "ny.csv"


def test_an_expired_upload_cannot_be_confirmed_and_its_file_goes(private_root):
    uploads = PendingUploads(visitor(), "cost-import")
    token = uploads.keep(SimpleUploadedFile("huvudbok.csv", LEDGER))
    age(kept_file(token), 61 * 60)

    with pytest.raises(PendingUploadGone):
        uploads.details(token)
    assert not kept_file(token).exists()
    assert token not in uploads.session[uploads.session_key]
