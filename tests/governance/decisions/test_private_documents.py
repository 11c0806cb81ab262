"""Governance documents: private to the governance roles, never cached, and frozen with
their decisions when the minutes are approved (governance/decisions/private_documents.py,
governance/decisions/services.py freeze_approved_minutes)."""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from governance.decisions import private_documents, services
from governance.decisions.demo import demo_pdf
from governance.decisions.models import FrozenDocument, LockedRecordError, Meeting
from tests.core.test_object_storage import (  # noqa: F401 (fixtures)
    PRIVATE_BUCKET,
    PUBLIC_BUCKET,
    object_storage_settings,
    s3_server,
)
from tests.governance.decisions.fixtures import approve_minutes
from tests.governance.decisions.test_admin import meeting_form_data

pytestmark = pytest.mark.django_db

MINUTES = demo_pdf(["Styrgruppens protokoll 2013-03-14", "Justerat av Anna Olofsson."] * 40)
BASIS = demo_pdf(["Beslutsunderlag: budget 2013", "Personal 1 250 000 kr, resor 80 000 kr."])


@pytest.fixture
def make_document(settings, tmp_path):
    """Documents stored where the site keeps them (MEDIA_ROOT/documents/), removed after
    the test; frozen copies go to a private folder of the test's own."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    made = []

    def make(title, file_name, content, collection=None):
        document = get_document_model()(
            title=title, collection=collection or Collection.get_first_root_node()
        )
        document.file.save(file_name, ContentFile(content), save=False)
        document._set_document_file_metadata()  # size and hash, as the admin's upload sets
        document.save()
        made.append(document)
        return document

    yield make
    for document in made:
        document.file.storage.delete(document.file.name)


@pytest.fixture
def minutes_document(make_document, meeting):
    document = make_document("Protokoll 2013-03-14", "protokoll-2013-03-14.pdf", MINUTES)
    Meeting.objects.filter(pk=meeting.pk).update(signed_minutes=document)
    meeting.refresh_from_db()
    # What the admin's meeting form does: the save moves the document into the collection.
    meeting.save()
    document.refresh_from_db()
    return document


def test_attached_documents_move_into_the_restricted_collection(
    minutes_document, make_document, make_decision
):
    basis = make_document("Budgetunderlag", "budgetunderlag-2013.pdf", BASIS)
    make_decision("Budget 2013").bases.add(basis)
    basis.refresh_from_db()

    collection = private_documents.private_collection()
    assert collection.name == "Styrdokument"
    assert minutes_document.collection == collection and basis.collection == collection
    # Signed-in users only; which of them read a document the serve hook decides per project.
    (restriction,) = collection.get_view_restrictions()
    assert restriction.restriction_type == restriction.LOGIN


def test_anonymous_readers_get_neither_the_document_nor_its_media_file(client, minutes_document):
    url = minutes_document.url
    assert url == f"/dokument/{minutes_document.pk}/protokoll-2013-03-14.pdf"

    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "no-store" in response["Cache-Control"]

    media = client.get(f"/media/{minutes_document.file.name}")
    assert media.status_code == 404
    assert Path(minutes_document.file.path).read_bytes() == MINUTES  # the file is there


def test_signed_in_users_without_governance_roles_are_refused(
    client, guest_writer, minutes_document
):
    client.force_login(guest_writer)
    response = client.get(minutes_document.url)
    assert response.status_code == 403
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("role", ["steering_member", "project_group_member", "project_leader"])
def test_governance_roles_read_it_and_no_cache_keeps_it(client, request, role, minutes_document):
    client.force_login(request.getfixturevalue(role))
    response = client.get(minutes_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINUTES
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_a_public_document_stays_public_and_cacheable(client, make_document):
    leaflet = make_document("Inbjudan", "inbjudan.pdf", BASIS)
    response = client.get(leaflet.url)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# Freezing at approval


@pytest.fixture
def decided(meeting, minutes_document, make_document, make_decision):
    """Decision 2013:01 with a basis, in minutes the steering group approves in the admin."""
    basis = make_document("Budgetunderlag", "budgetunderlag-2013.pdf", BASIS)
    decision = make_decision("Budget 2013")
    decision.bases.add(basis)
    basis.refresh_from_db()
    return decision, basis


@pytest.fixture
def approve_in_the_admin(client, steering_member, django_capture_on_commit_callbacks):
    def approve(meeting, minutes_document):
        client.force_login(steering_member)
        data = meeting_form_data(
            meeting.project, agenda_published="", signed_minutes=minutes_document.pk
        )
        response = client.post(reverse("meeting:edit", args=[meeting.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        # At the commit Wagtail's reference index learns of the frozen copies.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("meeting:approve_minutes", args=[meeting.pk]))
        assert response.status_code == 302, response.content.decode()[:2000]

    return approve


def test_approving_the_minutes_freezes_each_decisions_documents_with_copy_and_sha256(
    client, approve_in_the_admin, meeting, minutes_document, decided, settings
):
    decision, basis = decided
    approve_in_the_admin(meeting, minutes_document)

    frozen = {f.role: f for f in FrozenDocument.objects.filter(decision=decision)}
    assert set(frozen) == {FrozenDocument.Role.BASIS, FrozenDocument.Role.MINUTES}
    assert frozen["underlag"].document == basis
    assert frozen["underlag"].sha256 == hashlib.sha256(BASIS).hexdigest()
    assert frozen["protokoll"].sha256 == hashlib.sha256(MINUTES).hexdigest()
    assert frozen["protokoll"].size == len(MINUTES)
    copy = Path(settings.PRIVATE_UPLOAD_ROOT) / frozen["underlag"].copy.name
    assert copy.read_bytes() == BASIS
    assert not str(copy).startswith(str(settings.MEDIA_ROOT))

    page = client.get(reverse("decision:inspect", args=[decision.pk])).content.decode()
    assert hashlib.sha256(BASIS).hexdigest() in page
    assert hashlib.sha256(MINUTES).hexdigest() in page
    assert "Frysta dokument" in page


def test_a_frozen_document_cannot_be_replaced_in_the_admin(
    client,
    approve_in_the_admin,
    steering_member,
    project_leader,
    meeting,
    minutes_document,
    decided,
):
    decision, basis = decided
    approve_in_the_admin(meeting, minutes_document)
    client.force_login(project_leader)
    response = client.post(
        reverse("wagtaildocs:edit", args=[basis.pk]),
        {
            "title": basis.title,
            "file": SimpleUploadedFile("budgetunderlag-2013.pdf", demo_pdf(["Annat innehall"])),
            "collection": basis.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "hör till beslut 2013:01, vars protokoll är justerat" in html
    basis.refresh_from_db()
    assert Path(basis.file.path).read_bytes() == BASIS
    client.force_login(steering_member)
    assert b"".join(client.get(basis.url).streaming_content) == BASIS


def test_a_frozen_document_cannot_be_deleted_in_the_admin(
    client,
    approve_in_the_admin,
    steering_member,
    project_leader,
    meeting,
    minutes_document,
    decided,
):
    decision, basis = decided
    approve_in_the_admin(meeting, minutes_document)
    client.force_login(project_leader)
    delete_url = reverse("wagtaildocs:delete", args=[basis.pk])

    page = client.get(delete_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "hör till beslut 2013:01, vars protokoll är justerat" in html
    assert "Ja, radera" not in html
    usage = client.get(reverse("wagtaildocs:document_usage", args=[basis.pk])).content.decode()
    assert "Budgetunderlag, fryst med beslut 2013:01" in usage
    assert reverse("decision:inspect", args=[decision.pk]) in usage

    refused = client.post(delete_url, follow=True)
    assert refused.status_code == 200
    assert "hör till beslut 2013:01" in refused.content.decode()
    assert get_document_model().objects.filter(pk=basis.pk).exists()
    assert decision.bases.get() == basis


def test_a_frozen_file_is_not_replaced_from_code_either(meeting, minutes_document, decided):
    decision, basis = decided
    approve_minutes(meeting)
    services.freeze_approved_minutes(meeting)
    basis.file.save("annat.pdf", ContentFile(b"%PDF-1.4\nannat"), save=False)
    with pytest.raises(LockedRecordError):
        basis.save()
    basis.file.storage.delete("documents/annat.pdf")


def test_freezing_twice_keeps_one_copy_per_document(meeting, minutes_document, decided):
    decision, _basis = decided
    approve_minutes(meeting)
    services.freeze_approved_minutes(meeting)
    services.freeze_approved_minutes(meeting)
    assert FrozenDocument.objects.filter(decision=decision).count() == 2


def test_with_media_on_object_storage_approval_freezes_the_private_buckets_documents(
    object_storage_settings,  # noqa: F811 (the fixture imported above)
    approve_in_the_admin,
    meeting,
    make_document,
    make_decision,
    settings,
):
    """Documents in the private bucket (core/object_storage.py) are frozen like files on
    disk: the copy goes to PRIVATE_UPLOAD_ROOT, never to a bucket."""
    _endpoint, s3 = object_storage_settings
    minutes = make_document("Protokoll 2013-03-14", "protokoll-2013-03-14.pdf", MINUTES)
    basis = make_document("Budgetunderlag", "budgetunderlag-2013.pdf", BASIS)
    decision = make_decision("Budget 2013")
    decision.bases.add(basis)
    assert s3.get_object(Bucket=PRIVATE_BUCKET, Key=basis.file.name)["Body"].read() == BASIS

    approve_in_the_admin(meeting, minutes)

    frozen = {f.role: f for f in FrozenDocument.objects.filter(decision=decision)}
    assert frozen["underlag"].sha256 == hashlib.sha256(BASIS).hexdigest()
    assert frozen["protokoll"].sha256 == hashlib.sha256(MINUTES).hexdigest()
    copy = Path(settings.PRIVATE_UPLOAD_ROOT) / frozen["underlag"].copy.name
    assert copy.read_bytes() == BASIS
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        assert not any(key.startswith("frozen") for key in keys), keys
