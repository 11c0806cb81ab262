"""Attachments of change requests, status reports and meetings: documents of the private
collection, read only by the governance roles, shown on the inspect views and listed in the
PDFs, and frozen (copy and SHA-256) when their record is closed
(governance/decisions/attachments.py)."""

import hashlib
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pypdf
import pytest

from governance.decisions import documents, private_documents, services
from governance.decisions.demo import demo_pdf
from governance.decisions.models import (
    ChangeRequestAttachment,
    Decision,
    LockedRecordError,
    MeetingAttachment,
)
from governance.reports import review
from governance.reports.models import ReportAttachment, StatusReport
from governance.reports.pdf import render_html as report_html
from tests.governance.decisions.test_private_documents import make_document  # noqa: F401
from tests.governance.reports.factories import StatusReportFactory

pytestmark = pytest.mark.django_db

ANALYSIS = demo_pdf(["Konsekvensanalys: förlängd tidplan för A", "Kostnad 120 000 kr."])


@pytest.fixture
def analysis(make_document):  # noqa: F811
    return make_document("Konsekvensanalys", "konsekvensanalys.pdf", ANALYSIS)


@pytest.fixture
def attached_request(make_change_request, analysis):
    request = make_change_request("Förlängd tidplan för A")
    ChangeRequestAttachment.objects.create(change_request=request, document=analysis)
    analysis.refresh_from_db()
    return request


def test_an_attached_document_moves_into_the_private_collection_and_only_governance_reads_it(
    client, attached_request, analysis, guest_writer, steering_member
):
    assert analysis.collection == private_documents.private_collection()
    # Anonymous readers are sent to the login and get nothing of the file.
    anonymous = client.get(analysis.url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert "no-store" in anonymous["Cache-Control"]
    assert client.get(f"/media/{analysis.file.name}").status_code == 404
    # A signed-in user without a governance role is refused.
    client.force_login(guest_writer)
    refused = client.get(analysis.url)
    assert refused.status_code == 403 and b"%PDF" not in refused.content
    assert client.get(reverse("changerequest:inspect", args=[attached_request.pk])).status_code in (
        302,
        403,
    )
    # The steering group reads it from the change request's page.
    client.force_login(steering_member)
    page = client.get(reverse("changerequest:inspect", args=[attached_request.pk]))
    html = page.content.decode()
    assert "Bilagor" in html and f'href="{analysis.url}"' in html
    assert "Inte än: fryses när posten stängs" in html
    response = client.get(analysis.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == ANALYSIS


def test_deciding_the_change_request_freezes_its_attachment(
    client, attached_request, analysis, meeting, project_leader, settings
):
    decision = Decision(
        meeting=meeting,
        title="Förlängd tidplan för A",
        text="Styrgruppen bifaller förslaget.",
        change_request=attached_request,
        change_request_outcome=Decision.Outcome.REJECTED,
    )
    decision.full_clean()
    services.record_decision(decision)

    attachment = ChangeRequestAttachment.objects.get()
    assert attachment.is_frozen
    assert attachment.sha256 == hashlib.sha256(ANALYSIS).hexdigest()
    assert attachment.size == len(ANALYSIS)
    copy = Path(settings.PRIVATE_UPLOAD_ROOT) / attachment.copy.name
    assert copy.read_bytes() == ANALYSIS
    # The frozen attachment is neither removed nor changed, and its document keeps its file.
    with pytest.raises(LockedRecordError):
        attachment.delete()
    with pytest.raises(LockedRecordError):
        attachment.save()
    assert private_documents.is_frozen(analysis)

    client.force_login(project_leader)
    response = client.post(
        reverse("wagtaildocs:edit", args=[analysis.pk]),
        {
            "title": analysis.title,
            "file": SimpleUploadedFile("konsekvensanalys.pdf", demo_pdf(["Annat"])),
            "collection": analysis.collection_id,
            "tags": "",
        },
    )
    assert "är bilaga till Förlängd tidplan för A, som är avslutat" in response.content.decode()
    analysis.refresh_from_db()
    assert Path(analysis.file.path).read_bytes() == ANALYSIS
    refused = client.post(reverse("wagtaildocs:delete", args=[analysis.pk]), follow=True)
    assert "är bilaga till Förlängd tidplan för A" in refused.content.decode()
    assert get_document_model().objects.filter(pk=analysis.pk).exists()
    # The decided request's edit form is closed too, so the list of attachments stays.
    assert client.get(reverse("changerequest:edit", args=[attached_request.pk])).status_code == 403
    inspect = client.get(reverse("changerequest:inspect", args=[attached_request.pk]))
    assert hashlib.sha256(ANALYSIS).hexdigest() in inspect.content.decode()


def test_approving_a_report_freezes_its_attachments_and_the_pdf_names_them(
    project, analysis, project_leader, steering_member
):
    report = StatusReportFactory(project=project, registry_number="KS 2013/45")
    ReportAttachment.objects.create(report=report, document=analysis)
    review.submit(report, project_leader, notify=False)
    assert not ReportAttachment.objects.get().is_frozen  # submitted, not yet approved

    review.approve(report, steering_member, comment="Bra.")

    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    attachment = ReportAttachment.objects.get()
    assert attachment.is_frozen and attachment.sha256 == hashlib.sha256(ANALYSIS).hexdigest()
    html = report_html(report)
    assert "<dt>Bilagor</dt><dd>Konsekvensanalys</dd>" in html  # on the cover
    assert "Dnr KS 2013/45" in html


def test_a_returned_report_keeps_its_attachments_open(
    project, analysis, project_leader, steering_member
):
    report = StatusReportFactory(project=project)
    ReportAttachment.objects.create(report=report, document=analysis)
    review.submit(report, project_leader, notify=False)
    review.return_for_revision(report, steering_member, "Komplettera budgeten.")
    attachment = ReportAttachment.objects.get()
    assert not attachment.is_frozen
    attachment.delete()
    assert not private_documents.is_frozen(analysis)


def test_approved_minutes_freeze_the_meetings_attachments_and_list_them_in_the_pdf(
    client, meeting, analysis, make_decision, steering_member
):
    meeting.registry_number = "KS 2013/12"
    meeting.save()
    make_decision("Budget 2013", registry_number="KS 2013/13")
    MeetingAttachment.objects.create(meeting=meeting, document=analysis)

    services.approve_minutes(meeting, user=steering_member)

    attachment = MeetingAttachment.objects.get()
    assert attachment.is_frozen
    with pytest.raises(LockedRecordError):
        attachment.delete()
    pdf = pypdf.PdfReader(io.BytesIO(documents.render_pdf(meeting, documents.MINUTES)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Bilagor" in text and "Konsekvensanalys" in text
    assert "Dnr KS 2013/12" in text
    assert "Dnr KS 2013/13" in text
    client.force_login(steering_member)
    inspect = client.get(reverse("meeting:inspect", args=[meeting.pk])).content.decode()
    assert "KS 2013/12" in inspect and hashlib.sha256(ANALYSIS).hexdigest() in inspect


def test_the_registry_number_shows_in_the_lists_and_on_the_inspect_views(
    client, steering_member, make_decision, project
):
    decision = make_decision("Budget 2013", registry_number="KS 2013/13")
    report = StatusReportFactory(project=project, registry_number="KS 2013/45")
    client.force_login(steering_member)
    for url in (
        reverse("decision:index"),
        reverse("decision:inspect", args=[decision.pk]),
        reverse("statusreport:index"),
        reverse("meeting:index"),
    ):
        html = client.get(url).content.decode()
        assert "Diarienummer" in html or "diarienummer" in html, url
    assert "KS 2013/13" in client.get(reverse("decision:index")).content.decode()
    assert "KS 2013/45" in client.get(reverse("statusreport:index")).content.decode()
    inspect = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert "Diarienummer:</strong> KS 2013/45" in inspect
