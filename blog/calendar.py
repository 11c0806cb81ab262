"""iCalendar (RFC 5545) files for events: one per event and a feed of upcoming events."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

PRODUCT_ID = "-//Lägesbild//Kalender//SV"


def utc(moment):
    return moment.astimezone(datetime.UTC)


def event_description(event, url):
    lines = [event.intro] if event.intro else []
    if event.organiser:
        lines.append(_("Organiser: %(organiser)s") % {"organiser": event.organiser})
    if event.has_signup:
        how = event.signup_email or event.signup_url
        if event.signup_deadline:
            lines.append(
                _("Sign up by %(deadline)s: %(how)s")
                % {"deadline": f"{event.signup_deadline:%Y-%m-%d}", "how": how}
            )
        else:
            lines.append(_("Sign up: %(how)s") % {"how": how})
    lines.append(url)
    return "\n\n".join(strip_tags(line) for line in lines)


def calendar_for(events, *, request, name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = utc(timezone.now())
    for event in events:
        url = event.get_full_url(request)
        entry = Event()
        # The translation key survives moves and renames, so calendars update the entry.
        entry.add("uid", f"{event.translation_key}@lagesbild")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", utc(event.start))
        entry.add("dtend", utc(event.end))
        entry.add("summary", event.title)
        entry.add("description", event_description(event, url))
        entry.add("location", ", ".join(filter(None, [event.place_name, event.place_address])))
        entry.add("url", url)
        if event.last_published_at:
            entry.add("last-modified", utc(event.last_published_at))
        calendar.add_component(entry)
    return calendar.to_ical()


def ics_response(body, *, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
