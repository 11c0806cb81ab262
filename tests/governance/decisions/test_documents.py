"""Agenda and minutes as print-ready HTML and as PDF, read back with pypdf."""

import io

from django.urls import reverse

import pypdf
import pytest

from governance.decisions import documents
from governance.decisions.models import AgendaItem, MeetingAttendee
from governance.register.models import Person
from tests.governance.common.tagged_pdf import assert_tagged
from tests.governance.decisions.fixtures import approve_minutes

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
    assert "Frånvarande (kallade, deltog inte)" in text
    assert f"Sida 1 av {len(reader.pages)}" in text
    # Tagged for screen readers (PDF/UA-1): headings, the attendees' table, title, language.
    types = assert_tagged(content, title="Protokoll – Styrgrupp 2013-03-14")
    assert {"/H2", "/P", "/Table", "/TH"} <= set(types)


def test_minutes_number_the_items_record_attendance_and_sign_in_swedish_order(
    held_meeting, make_decision, organisation
):
    """§ 1, § 2 … in agenda order; present members, others present (the secretary) and the
    absent apart; "Vid protokollet" (the secretary) signs first, then "Justeras" (the chair,
    then the minutes checker). Minutes not approved are marked UTKAST on every page."""
    checker = Person.objects.create(name="Kurt-Allan Egelby", organisation=organisation)
    MeetingAttendee.objects.create(meeting=held_meeting, person=checker, role="justerare")
    AgendaItem.objects.create(meeting=held_meeting, title="Mötets öppnande", sort_order=-1)
    make_decision("Budget för 2013")
    reader, text = pdf_text(documents.render_pdf(held_meeting, "minutes"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines.index("§ 1 Mötets öppnande") < lines.index("§ 2 Budgetläget")
    assert lines.index("§ 2 Budgetläget") < lines.index("§ 3 Ändrad tidplan")
    assert "§ 4" not in text

    def section(start, end):
        return text[text.index(start) : text.index(end)]

    present = section("Närvarande ledamöter", "Övriga närvarande")
    others = section("Övriga närvarande", "Frånvarande")
    absent = section("Frånvarande (kallade, deltog inte)", "Punkter")
    assert "Anna Olofsson" in present and "Kurt-Allan Egelby" in present
    assert "Carina Lindberg" not in present and "Jan Bergmark" not in present
    assert "Carina Lindberg" in others and "Sekreterare" in others
    assert "Jan Bergmark" in absent and "Anna Olofsson" not in absent

    signatures = text[text.index("Vid protokollet") :]
    assert signatures.index("Vid protokollet") < signatures.index("Carina Lindberg")
    assert signatures.index("Carina Lindberg") < signatures.index("Justeras")
    assert signatures.index("Justeras") < signatures.index("Anna Olofsson")
    assert signatures.index("Anna Olofsson") < signatures.index("Kurt-Allan Egelby")
    assert "Jan Bergmark" not in signatures  # absent: does not sign
    assert all("UTKAST" in page.extract_text() for page in reader.pages)

    approve_minutes(held_meeting)
    reader, text = pdf_text(documents.render_pdf(held_meeting, "minutes"))
    assert "UTKAST" not in text and "Protokollet är justerat." in text


def test_agenda_pdf_lists_the_invitees_and_the_items_in_order(held_meeting):
    content = documents.render_pdf(held_meeting, "agenda")
    _reader, text = pdf_text(content)
    assert "/L" in assert_tagged(content, title="Dagordning – Styrgrupp 2013-03-14")
    assert "Dagordning" in text
    assert text.index("Budgetläget") < text.index("Ändrad tidplan")
    # Everyone invited is listed as invited (kallade); attendance is for the minutes.
    assert "Kallade" in text
    assert "Carina Lindberg" in text and "Jan Bergmark" in text
    assert "närvarande" not in text.lower() and "UTKAST" not in text


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


def test_each_decision_is_printed_inside_the_paragraph_of_its_agenda_item(
    held_meeting, make_decision
):
    """§ 2 Ändrad tidplan, then the decision taken under it, before § 3; a decision taken
    under no item follows the items under "Övriga beslut"."""
    budget, timeline = held_meeting.numbered_agenda_items()
    AgendaItem.objects.create(meeting=held_meeting, title="Mötets avslutning", sort_order=2)
    under_timeline = make_decision(
        "Ny tidplan för område A",
        text="Styrgruppen beslutar att område A slutar i augusti.",
        agenda_item=timeline,
    )
    under_budget = make_decision(
        "Budget för 2013", text="Styrgruppen fastställer budgeten.", agenda_item=budget
    )
    loose = make_decision("Nästa möte", text="Styrgruppen möts nästa gång i juni.")
    _reader, text = pdf_text(documents.render_pdf(held_meeting, "minutes"))
    text = " ".join(text.split())

    def at(fragment):
        assert text.count(fragment) == 1, fragment
        return text.index(fragment)

    assert at("§ 1 Budgetläget") < at(f"Beslut {under_budget.number}") < at("fastställer budgeten")
    assert at("fastställer budgeten") < at("§ 2 Ändrad tidplan")
    assert (
        at("§ 2 Ändrad tidplan")
        < at(f"Beslut {under_timeline.number} Ny tidplan för område A")
        < at("område A slutar i augusti")
        < at("§ 3 Mötets avslutning")
        < at("Övriga beslut")
        < at(f"Beslut {loose.number} Nästa möte")
        < at("Vid protokollet")
    )


def test_minutes_without_items_list_the_decisions_under_decisions(meeting, make_decision):
    decision = make_decision("Budget för 2013")
    html = documents.render_html(meeting, "minutes")
    assert "Övriga beslut" not in html and "<h2>Beslut</h2>" in html
    assert f"Beslut {decision.number}" in html
