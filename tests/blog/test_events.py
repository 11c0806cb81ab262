"""The calendar: upcoming and past events, sign-up, and iCalendar files."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

import icalendar
import pytest

from blog.models import EventPage

from .conftest import at


def in_days(days, hour=9):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def titles(response):
    assert response.status_code == 200
    return re.findall(r'<h2><a href="/kalender/[^"]+/">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def events(make_event):
    return {
        "past": make_event("Kick-off 2012", start=at(2012, 10, 22, 9), hours=7),
        "soon": make_event(
            "Regional konferens",
            start=in_days(20),
            signup_deadline=(timezone.localdate() + datetime.timedelta(days=10)),
            signup_email="tillvaxt@ornskoldsvik.se",
            organiser="Örnsköldsviks kommun",
        ),
        "later": make_event("Återträff", start=in_days(60)),
    }


@pytest.mark.django_db
def test_upcoming_and_past_listings(client, events):
    assert titles(client.get("/kalender/")) == ["Regional konferens", "Återträff"]
    assert titles(client.get("/kalender/tidigare/")) == ["Kick-off 2012"]


@pytest.mark.django_db
def test_an_event_that_has_started_but_not_ended_is_still_upcoming(client, make_event):
    make_event("Pågår nu", start=timezone.now() - datetime.timedelta(hours=1), hours=3)
    assert titles(client.get("/kalender/")) == ["Pågår nu"]


@pytest.mark.django_db
def test_event_page_shows_time_place_and_open_sign_up(client, events):
    page = client.get(events["soon"].url).content.decode()
    assert "Rådhuset, Umeå" in page
    assert "Örnsköldsviks kommun" in page
    assert 'href="mailto:tillvaxt@ornskoldsvik.se' in page
    assert "Anmäl dig senast" in page
    assert "Anmälan är stängd." not in page


@pytest.mark.django_db
def test_after_the_deadline_sign_up_is_closed(client, make_event):
    event = make_event(
        "Konferens med passerad anmälan",
        start=in_days(5),
        signup_deadline=timezone.localdate() - datetime.timedelta(days=1),
        signup_email="tillvaxt@ornskoldsvik.se",
    )
    page = client.get(event.url).content.decode()
    signup = page.split('id="signup-heading"')[1].split("</section>")[0]
    assert "Anmälan är stängd." in signup
    assert "mailto:" not in signup


@pytest.mark.django_db
def test_sign_up_is_open_through_the_deadline_day_swedish_time(make_event):
    event = make_event(
        "Konferens 16 november",
        start=at(2012, 11, 16, 9),
        signup_deadline=datetime.date(2012, 11, 5),
        signup_email="tillvaxt@ornskoldsvik.se",
    )
    # 23:30 on 5 November in Stockholm is 22:30 UTC.
    late_on_deadline = datetime.datetime(2012, 11, 5, 22, 30, tzinfo=datetime.UTC)
    assert event.signup_is_open(late_on_deadline)
    assert not event.signup_is_open(late_on_deadline + datetime.timedelta(hours=1))


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content  # RFC 5545 lines end in CRLF
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_event_ics_file_is_valid_icalendar(client, events):
    event = events["soon"]
    calendar = read_calendar(client.get(event.url + "ical/"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (entry,) = calendar.walk("VEVENT")
    assert entry["SUMMARY"] == "Regional konferens"
    assert entry.decoded("DTSTART") == event.start
    assert entry.decoded("DTEND") == event.end
    assert entry["UID"] == f"{event.translation_key}@lagesbild"
    assert entry.decoded("DTSTAMP").tzinfo is not None
    assert entry["LOCATION"] == "Rådhuset, Umeå"
    assert entry["URL"] == f"http://testserver{event.url}"
    assert "tillvaxt@ornskoldsvik.se" in entry["DESCRIPTION"]


@pytest.mark.django_db
def test_calendar_feed_holds_upcoming_events_only(client, events):
    calendar = read_calendar(client.get("/kalender/ical/"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Regional konferens",
        "Återträff",
    ]
    assert calendar["X-WR-CALNAME"] == "Kalender – Arbetsmarknadsregionen Örnsköldsvik–Umeåregionen"


@pytest.mark.django_db
def test_event_pages_link_their_ics_and_the_calendar_feed(client, events):
    assert f'href="{events["soon"].url}ical/"' in client.get(events["soon"].url).content.decode()
    index = client.get("/kalender/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in index
    # Calendar apps subscribe to webcal: addresses; the .ics download stays beside it.
    assert 'href="webcal://testserver/kalender/ical/">Prenumerera' in index
    assert 'href="/kalender/ical/" type="text/calendar">Ladda ner kalendern (.ics)' in index


@pytest.mark.django_db
def test_event_validation_in_swedish(calendar):
    event = EventPage(
        title="Fel",
        slug="fel",
        start=at(2013, 1, 28, 16),
        end=at(2013, 1, 28, 10),
        place_name="Umeå",
        signup_deadline=datetime.date(2013, 2, 1),
    )
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["end"] == ["Evenemanget kan inte sluta innan det börjar."]
    assert error.value.message_dict["signup_deadline"] == [
        "Sista anmälningsdag måste ligga före evenemanget."
    ]


@pytest.mark.django_db
def test_event_page_names_the_place_once_and_says_when_the_event_is_past(client, events):
    upcoming = client.get(events["soon"].url).content.decode()
    assert upcoming.count("Rådhuset, Umeå") == 1
    assert "Evenemanget har redan ägt rum." not in upcoming
    past = client.get(events["past"].url).content.decode()
    assert "Evenemanget har redan ägt rum." in past
