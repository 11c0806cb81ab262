"""A meeting as a calendar invitation (.ics, METHOD:REQUEST) for the reminder mail.

The event runs from the meeting's start to its end (DTSTART, DTEND). The UID is the same
for a meeting forever, and SEQUENCE is the meeting's `calendar_sequence`, raised whenever
its start, end, place or link changes (Meeting.save), so a
calendar that already has the meeting updates it instead of adding a second one.
"""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event, vCalAddress, vText

from core.mail import admin_url

MIME_TYPE = "text/calendar; method=REQUEST"


def meeting_uid(meeting):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"lagesbild-meeting-{meeting.pk}@{host}"


def _address(email, name=""):
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = vText(name)
    return address


def meeting_invitation(meeting, attendees, now=None):
    """The .ics text of `meeting` for `attendees` ((name, email) pairs)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lägesbild//Styrning//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.calendar_sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting} – {meeting.project}")
    if meeting.place:
        event.add("location", meeting.place)
    description = [admin_url("meeting_documents:agenda", meeting.pk)]
    if meeting.link:
        description.insert(0, meeting.link)
        event.add("url", meeting.link)
    event.add("description", "\n".join(description))
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    event.add("organizer", _address(organizer, settings.WAGTAIL_SITE_NAME))
    for name, email in attendees:
        attendee = _address(email, name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def invitation_attachment(meeting, attendees):
    return ("kallelse.ics", meeting_invitation(meeting, attendees), MIME_TYPE)
