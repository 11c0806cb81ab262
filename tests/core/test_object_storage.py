"""Media on S3-compatible object storage (core/object_storage.py), against a real S3-protocol
server: moto's standalone server, started here as its own process on a free port. Images
and their renditions are public in one bucket; documents are in a private bucket that an
anonymous reader cannot read, served only by /dokument/ to those who may read them."""

import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import boto3
import pytest
from PIL import Image as PILImage

from core import object_storage
from governance.decisions import private_documents
from governance.decisions.demo import demo_pdf
from website.settings import base

PUBLIC_BUCKET = "lagesbild-media"
PRIVATE_BUCKET = "lagesbild-documents"
MINUTES = demo_pdf(["Styrgruppens protokoll 2024-05-14", "Justerat av Anna Olofsson."] * 40)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's S3 server as a process of its own, with the two buckets as the README sets
    them up: the public one readable by anyone (a bucket policy), the private one not."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="lagesbild",
            aws_secret_access_key="lagesbild-secret",
            region_name="eu-north-1",
        )
        location = {"LocationConstraint": "eu-north-1"}
        client.create_bucket(Bucket=PUBLIC_BUCKET, CreateBucketConfiguration=location)
        client.create_bucket(Bucket=PRIVATE_BUCKET, CreateBucketConfiguration=location)
        client.put_bucket_policy(
            Bucket=PUBLIC_BUCKET,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
                        }
                    ],
                }
            ),
        )
        yield endpoint, client
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def object_storage_settings(s3_server, settings, monkeypatch):
    """The settings the environment variables of the README give."""
    endpoint, client = s3_server
    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": PUBLIC_BUCKET,
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": PRIVATE_BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-north-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": "lagesbild",
        "AWS_SECRET_ACCESS_KEY": "lagesbild-secret",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": base.media_storage_from_env()}
    assert isinstance(default_storage._wrapped, object_storage.MediaStorage) or isinstance(
        default_storage, object_storage.MediaStorage
    )
    return endpoint, client


def anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, None, b""


def photo_jpeg():
    """A camera-sized photo (1600×1067), as editors upload them."""
    image = PILImage.linear_gradient("L").resize((1600, 1067)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.mark.django_db
def test_an_uploaded_image_and_its_rendition_are_served_from_the_public_bucket(
    object_storage_settings, client, project_leader, settings
):
    endpoint, s3 = object_storage_settings
    client.force_login(project_leader)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Invigningen",
            "file": SimpleUploadedFile("invigning.jpg", photo_jpeg(), "image/jpeg"),
            "collection": 1,
        },
    )
    assert response.status_code == 302

    image = get_image_model().objects.get(title="Invigningen")
    assert (image.width, image.height) == (1600, 1067)
    stored = s3.head_object(Bucket=PUBLIC_BUCKET, Key=image.file.name)
    assert stored["ContentLength"] == image.file_size
    assert stored["CacheControl"] == "public, max-age=86400"

    rendition = image.get_rendition("fill-400x300|format-webp")
    assert rendition.url.startswith(f"{endpoint}/{PUBLIC_BUCKET}/images/")
    # The public pages' Content-Security-Policy lets browsers load it from there.
    public = settings.STORAGES["default"]["OPTIONS"]["public"]
    assert base.media_origins(public) == [endpoint]
    status, content_type, body = anonymous_get(rendition.url)
    assert (status, content_type) == (200, "image/webp")
    assert PILImage.open(io.BytesIO(body)).size == (400, 300)

    # A second upload of the same file name is a file of its own.
    client.post(
        "/admin/images/add/",
        {
            "title": "Invigningen igen",
            "file": SimpleUploadedFile("invigning.jpg", photo_jpeg(), "image/jpeg"),
            "collection": 1,
        },
    )
    again = get_image_model().objects.get(title="Invigningen igen")
    assert again.file.name != image.file.name
    assert anonymous_get(again.file.url)[0] == 200 == anonymous_get(image.file.url)[0]


@pytest.mark.django_db
def test_a_governance_document_is_never_public_and_is_served_only_to_its_readers(
    object_storage_settings, client, project_leader, guest_writer, steering_member
):
    endpoint, s3 = object_storage_settings
    client.force_login(project_leader)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Protokoll 2024-05-14",
            "file": SimpleUploadedFile("protokoll-2024-05-14.pdf", MINUTES),
            "collection": private_documents.private_collection().pk,
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Protokoll 2024-05-14")
    key = document.file.name
    assert key.startswith("documents/")

    # In the private bucket only, and nobody reads it there without the keys.
    assert s3.get_object(Bucket=PRIVATE_BUCKET, Key=key)["Body"].read() == MINUTES
    assert s3.list_objects_v2(Bucket=PUBLIC_BUCKET, Prefix="documents/")["KeyCount"] == 0
    assert anonymous_get(f"{endpoint}/{PRIVATE_BUCKET}/{key}")[0] == 403
    assert anonymous_get(f"{endpoint}/{PUBLIC_BUCKET}/{key}")[0] in (403, 404)
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 (no address to leak into a page)

    # The site serves it: to the governance roles only, and no cache keeps it.
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(guest_writer)
    response = client.get(document.url)
    assert response.status_code == 403 and b"%PDF" not in response.content
    client.force_login(steering_member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINUTES
    assert "no-store" in response["Cache-Control"]

    # The document's admin pages work without a file address.
    client.force_login(project_leader)
    assert client.get(f"/admin/documents/edit/{document.pk}/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


def test_documents_need_a_private_bucket_of_their_own(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", PUBLIC_BUCKET)
    monkeypatch.delenv("AWS_PRIVATE_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured):
        base.media_storage_from_env()

    monkeypatch.setenv("AWS_PRIVATE_STORAGE_BUCKET_NAME", PUBLIC_BUCKET)
    with pytest.raises(ImproperlyConfigured):
        base.media_storage_from_env()


def test_the_content_security_policy_names_the_public_bucket_or_its_cdn():
    public = {"bucket_name": "lagesbild-media", "region_name": "eu-north-1"}
    assert base.media_origins(public) == [
        "https://lagesbild-media.s3.amazonaws.com",
        "https://lagesbild-media.s3.eu-north-1.amazonaws.com",
    ]
    assert base.media_origins({**public, "custom_domain": "media.example.se"}) == [
        "https://media.example.se"
    ]
    assert base.media_origins({**public, "endpoint_url": "https://s3.example.se"}) == [
        "https://s3.example.se",
        "https://lagesbild-media.s3.example.se",
    ]


@pytest.mark.django_db
def test_a_backup_holds_both_buckets_and_its_restore_puts_each_file_back_in_its_bucket(
    object_storage_settings, tmp_path, settings
):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from website import backup

    endpoint, s3 = object_storage_settings
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    image = default_storage.save("original_images/invigning.jpg", ContentFile(photo_jpeg()))
    document = default_storage.save("documents/protokoll.pdf", ContentFile(MINUTES))

    call_command("backup", str(tmp_path / "snapshot"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "snapshot" / "manifest.json").read_text())
    media = tmp_path / "snapshot" / "media"
    assert (media / document).read_bytes() == MINUTES
    assert (media / image).read_bytes() == photo_jpeg()
    assert manifest["media"]["sizes"][document] == len(MINUTES)

    # Lost from the buckets, and back from the snapshot, each in its own bucket.
    s3.delete_object(Bucket=PRIVATE_BUCKET, Key=document)
    s3.delete_object(Bucket=PUBLIC_BUCKET, Key=image)
    backup._copy_media_in(media, None)
    assert s3.get_object(Bucket=PRIVATE_BUCKET, Key=document)["Body"].read() == MINUTES
    assert anonymous_get(f"{endpoint}/{PRIVATE_BUCKET}/{document}")[0] == 403
    assert anonymous_get(f"{endpoint}/{PUBLIC_BUCKET}/{image}")[:2] == (200, "image/jpeg")
    assert backup._media_subset(None, manifest["media"]["sizes"]) == manifest["media"]
