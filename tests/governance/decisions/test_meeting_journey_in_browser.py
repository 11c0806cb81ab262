"""A meeting from invitation to approved minutes, in Chromium: the project leader records a
steering-group meeting (the end follows the start), publishes its agenda with the button;
the reminder command mails the invitation with the real end; the steering group decides a
change request with the button, and once the meeting is held approves the minutes with the
button, after which its decision is locked."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from core.roles import PROJECT_LEADER, STEERING_GROUP
from governance.decisions.models import AgendaItem, ChangeRequest, Decision, Meeting
from governance.register.models import Membership
from tests.governance.decisions.factories import ChangeRequestFactory
from tests.governance.register.factories import MembershipFactory, PersonFactory, ProjectFactory
from tests.quality.browser import admin_account as user
from tests.quality.browser import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_a_meeting_remind_decide_and_approve_the_minutes(
    migrated_db,
    live_server,
    browser_page,
    settings,
):
    settings.REMINDER_DAYS_BEFORE_MEETING = 7
    page = browser_page
    today = timezone.localdate()
    project = ProjectFactory(
        slug="pagaende",
        start_date=today.replace(day=1) - datetime.timedelta(days=365),
        end_date=today.replace(day=1) + datetime.timedelta(days=365),
    )
    anna = PersonFactory(name="Anna Olofsson", email="anna.olofsson@example.se")
    MembershipFactory(project=project, person=anna, body=Membership.Body.STEERING_GROUP)
    user("ledaren", PROJECT_LEADER)
    user("ledamoten", STEERING_GROUP)
    change = ChangeRequestFactory(project=project, title="Förlängd tidplan för A")
    day = today + datetime.timedelta(days=3)

    # The project leader records the meeting; the end follows the start by two hours.
    log_in(page, live_server.url, "ledaren")
    page.goto(live_server.url + reverse("meeting:add"))
    page.fill("#id_starts_at", f"{day:%Y-%m-%d} 13:00")
    assert page.input_value("#id_ends_at") == f"{day:%Y-%m-%d} 15:00"
    page.fill("#id_ends_at", f"{day:%Y-%m-%d} 15:30")
    page.fill("#id_place", "Stadshuset, Umeå")
    page.locator("main button.button-longrunning[type=submit]").first.click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get()
    assert meeting.project == project
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "15:30"

    # … and publishes the agenda with the button on the meeting's page.
    page.goto(live_server.url + reverse("meeting:inspect", args=[meeting.pk]))
    page.locator("header").get_by_role("link", name="Publicera dagordningen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vad som kommer att hända").is_visible()
    page.get_by_role("button", name="Publicera dagordningen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Dagordningen är publicerad").is_visible()
    assert [message.to for message in mail.outbox] == [["anna.olofsson@example.se"]]

    # Cron sends the reminder, with an invitation that ends when the meeting ends.
    call_command("send_reminders")
    assert len(mail.outbox) == 2
    reminder = mail.outbox[1]
    assert reminder.to == ["anna.olofsson@example.se"]
    ((name, content, mimetype),) = reminder.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert event["sequence"] == 0

    # The steering group decides the change request with the button.
    log_in(page, live_server.url, "ledamoten")
    page.goto(live_server.url + reverse("changerequest:inspect", args=[change.pk]))
    page.locator("header").get_by_role("link", name="Besluta").click()
    page.wait_for_load_state()
    page.get_by_label("Bifall").check()
    page.fill("textarea[name=text]", "Styrgruppen bifaller förslaget.")
    page.get_by_role("button", name="För in beslutet").click()
    page.wait_for_load_state()
    decision = Decision.objects.get()
    assert page.get_by_text(f"Beslut {decision.number} bifaller ändringsförslaget.").is_visible()
    change.refresh_from_db()
    assert change.state == ChangeRequest.State.IMPLEMENTED
    assert decision.meeting == meeting

    # The meeting has been held (time passes); the steering group approves the minutes.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page.goto(live_server.url + reverse("meeting:inspect", args=[meeting.pk]))
    page.locator("header").get_by_role("link", name="Justera protokollet").click()
    page.wait_for_load_state()
    assert page.get_by_text(decision.number).first.is_visible()
    assert page.get_by_text("fryses").first.is_visible()
    page.get_by_role("button", name="Justera protokollet").click()
    page.wait_for_load_state()
    assert page.get_by_text("Protokollet är justerat och besluten låsta.").is_visible()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.MINUTES_APPROVED

    # The decision shows as locked: no edit button, and its edit page says why.
    page.goto(live_server.url + reverse("decision:inspect", args=[decision.pk]))
    edit_url = reverse("decision:edit", args=[decision.pk])
    assert page.locator(f'a[href="{edit_url}"]').count() == 0
    page.goto(live_server.url + edit_url)
    assert page.get_by_text("står i ett justerat protokoll").first.is_visible()
    page.goto(live_server.url + reverse("meeting:inspect", args=[meeting.pk]))
    assert page.locator("header").get_by_role("link", name="Justera protokollet").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_decision_form_offers_the_items_of_the_meeting_chosen(
    migrated_db, live_server, browser_page
):
    """A new decision's agenda items follow the meeting chosen: only that meeting's items,
    numbered § 1, § 2 … as in the minutes; the decision is saved under the item chosen."""
    page = browser_page
    project = ProjectFactory(slug="pagaende")
    spring, autumn = (
        Meeting.objects.create(
            project=project, starts_at=timezone.make_aware(datetime.datetime(2013, month, 14, 13))
        )
        for month in (3, 9)
    )
    for meeting, titles in ((spring, ["Budgetläget", "Lokalfrågan"]), (autumn, ["Slutrapport"])):
        for order, title in enumerate(titles):
            AgendaItem.objects.create(meeting=meeting, title=title, sort_order=order)
    user("ledamoten", STEERING_GROUP)
    log_in(page, live_server.url, "ledamoten")
    page.goto(live_server.url + reverse("decision:add"))

    def offered():
        return page.eval_on_selector_all(
            "#id_agenda_item option", "options => options.filter(o => !o.hidden).map(o => o.text)"
        )

    page.select_option("#id_meeting", str(spring.pk))
    assert offered() == ["Ingen punkt (övriga beslut)", "Styrgrupp 2013-03-14: § 1 Budgetläget",
                         "Styrgrupp 2013-03-14: § 2 Lokalfrågan"]  # fmt: skip
    page.select_option("#id_agenda_item", label="Styrgrupp 2013-03-14: § 2 Lokalfrågan")
    page.select_option("#id_meeting", str(autumn.pk))
    assert offered() == ["Ingen punkt (övriga beslut)", "Styrgrupp 2013-09-14: § 1 Slutrapport"]
    assert page.input_value("#id_agenda_item") == ""  # the other meeting's item let go
    page.select_option("#id_agenda_item", label="Styrgrupp 2013-09-14: § 1 Slutrapport")
    page.fill("#id_title", "Projektet avslutas")
    page.fill("#id_text", "Styrgruppen godkänner slutrapporten.")
    page.locator("main button.button-longrunning[type=submit]").first.click()
    page.wait_for_load_state()
    decision = Decision.objects.get()
    assert decision.meeting == autumn and decision.agenda_item.title == "Slutrapport"
