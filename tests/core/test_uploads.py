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


def test_uploads_nobody_confirmed_are_removed_a_day_later(private_root):
    uploads = PendingUploads(visitor(), "cost-import")
    abandoned = uploads.keep(SimpleUploadedFile("gammal.csv", LEDGER))
    recent = uploads.keep(SimpleUploadedFile("ny.csv", LEDGER))
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(kept_file(abandoned), (two_days_ago, two_days_ago))

    uploads.keep(SimpleUploadedFile("nästa.csv", LEDGER))

    assert not kept_file(abandoned).exists()
    with pytest.raises(PendingUploadGone):
        uploads.details(abandoned)
    assert uploads.details(recent)["name"] == "ny.csv"
