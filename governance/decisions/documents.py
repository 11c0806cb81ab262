"""A meeting's agenda and minutes as print-ready HTML and as PDF (WeasyPrint), with the
decisions numbered, the attendees, and page numbers in the page margin."""

from django.template.loader import render_to_string

from governance.common.pdf import html_to_pdf
from governance.decisions import attachments, budget_change
from governance.decisions.models import AgendaItem, MeetingAttendee

AGENDA = "agenda"
MINUTES = "minutes"
KINDS = (AGENDA, MINUTES)


def document_context(meeting, kind):
    attendees = list(
        MeetingAttendee.objects.filter(meeting=meeting).select_related("person__organisation")
    )
    context = {"meeting": meeting, "attendees": attendees}
    if kind == AGENDA:
        context["agenda_items"] = AgendaItem.objects.filter(meeting=meeting).select_related(
            "presenter", "document"
        )
    else:
        decisions = list(
            meeting.decisions.select_related("change_request", "revokes", "revoked_by").order_by(
                "year", "sequence"
            )
        )
        for decision in decisions:
            later = getattr(decision, "revoked_by", None)
            decision.revoked_by_number = later.number if later else ""
            request = decision.change_request
            # The money the settled request moves, as the steering group decided on it.
            decision.budget_change = budget_change.budget_change(request) if request else None
        context["decisions"] = decisions
        context["attachments"] = attachments.listed(meeting)
        context["adjusters"] = [
            attendee
            for attendee in attendees
            if attendee.role in (MeetingAttendee.Role.CHAIR, MeetingAttendee.Role.ADJUSTER)
        ]
    return context


def render_html(meeting, kind):
    return render_to_string(f"governance/decisions/{kind}.html", document_context(meeting, kind))


def render_pdf(meeting, kind, base_url=None):
    return html_to_pdf(render_html(meeting, kind), base_url=base_url)


def file_name(meeting, kind):
    prefix = {"agenda": "dagordning", "minutes": "protokoll"}[kind]
    return f"{prefix}-{meeting.local_date:%Y-%m-%d}.pdf"
