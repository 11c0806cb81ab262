"""Agenda and minutes as print-ready HTML and as PDF, read back with pypdf."""

import io

from django.urls import reverse

import pypdf
import pytest

from governance.decisions import documents
from governance.decisions.models import AgendaItem, MeetingAttendee
from governance.register.models import Person
from tests.governance.common.tagged_pdf import assert_tagged

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_meeting(meeting, person, organisation):
    chair = Person.objects.create(name="Anna Olofsson", organisation=organisation)
    absent = Person.objects.create(name="Jan Bergmark")
    MeetingAttendee.objects.create(meeting=meeting, person=chair, role="ordforande")
    MeetingAttendee.objects.create(meeting=meeting, person=person, role="sekreterare")
    MeetingAttendee.objects.create(meeting=meeting, person=absent, present=False)
    AgendaItem.objects.create(meeting=meeting, title="Budgetläget", presenter=person, sort_order=0)
    AgendaItem.objects.create(meeting=meeting, title="Ändrad tidplan", sort_order=1)
    return meeting


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_minutes_pdf_holds_the_numbered_decisions_attendees_and_page_numbers(
    held_meeting, make_decision
):
    first = make_decision("Budget för 2013", text="Styrgruppen fastställer budgeten.")
    second = make_decision("Ny tidplan för område A", text="Tidplanen förlängs. " * 300)
    content = documents.render_pdf(held_meeting, "minutes")
    assert content.startswith(b"%PDF") and len(content) > 1000
    reader, text = pdf_text(content)
    assert len(reader.pages) >= 2  # the long decision text runs onto a second page
    assert f"Beslut {first.number}" in text and f"Beslut {second.number}" in text
    assert "Anna Olofsson" in text and "ordförande" in text.lower()
    assert "frånvarande" in text
    assert f"Sida 1 av {len(reader.pages)}" in text
    # Tagged for screen readers (PDF/UA-1): headings, the attendees' table, title, language.
    types = assert_tagged(content, title="Protokoll – Styrgrupp 2013-03-14")
    assert {"/H2", "/P", "/Table", "/TH"} <= set(types)


def test_agenda_pdf_lists_the_items_in_order(held_meeting):
    content = documents.render_pdf(held_meeting, "agenda")
    _reader, text = pdf_text(content)
    assert "/L" in assert_tagged(content, title="Dagordning – Styrgrupp 2013-03-14")
    assert "Dagordning" in text
    assert text.index("Budgetläget") < text.index("Ändrad tidplan")
    assert "Carina Lindberg" in text


def test_meeting_documents_in_the_admin_for_governance_roles_only(
    client, held_meeting, make_decision, project_group_member, guest_writer
):
    decision = make_decision("Budget för 2013")
    client.force_login(project_group_member)
    html = client.get(reverse("meeting_documents:minutes", args=[held_meeting.pk]))
    assert html.status_code == 200 and f"Beslut {decision.number}" in html.content.decode()
    pdf = client.get(reverse("meeting_documents:minutes_pdf", args=[held_meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "protokoll-2013-03-14.pdf" in pdf["Content-Disposition"]
    assert decision.number in pdf_text(pdf.content)[1]
    client.force_login(guest_writer)
    response = client.get(reverse("meeting_documents:minutes", args=[held_meeting.pk]))
    assert response.status_code == 403
