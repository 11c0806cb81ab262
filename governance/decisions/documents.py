"""A meeting's agenda and minutes as print-ready HTML and as PDF (WeasyPrint), with page
numbers in the page margin.

The agenda lists who is invited (kallade) and the items. The minutes number the items
§ 1, § 2 … in agenda order and print each decision inside the paragraph of the item it was
taken under (decisions without an item follow in "Other decisions"), split the attendance into the
members present, the others present (the secretary) and the absent, and end with the
signatures in the order Swedish municipal minutes use: "Vid protokollet" (the secretary)
first, then "Justeras" (the chair, then the minutes checkers). Minutes not yet approved
carry the mark UTKAST on every page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from governance.common.pdf import html_to_pdf
from governance.decisions import attachments, budget_change
from governance.decisions.models import MeetingAttendee, place_under_items

AGENDA = "agenda"
MINUTES = "minutes"
KINDS = (AGENDA, MINUTES)


def document_context(meeting, kind):
    attendees = list(
        MeetingAttendee.objects.filter(meeting=meeting).select_related("person__organisation")
    )
    Role = MeetingAttendee.Role
    agenda_items = meeting.numbered_agenda_items()
    context = {"meeting": meeting, "attendees": attendees, "agenda_items": agenda_items}
    if kind == MINUTES:
        context.update(
            attendance_groups=[
                (
                    _("Members present"),
                    [a for a in attendees if a.present and a.role != Role.SECRETARY],
                ),
                (
                    _("Others present"),
                    [a for a in attendees if a.present and a.role == Role.SECRETARY],
                ),
                (_("Absent (invited, not attending)"), [a for a in attendees if not a.present]),
            ],
            # Who signs, in order: the secretary "vid protokollet", then "justeras" by the
            # chair and the minutes checkers. A person listed twice signs once.
            secretaries=_signers(attendees, [Role.SECRETARY]),
            adjusters=_signers(attendees, [Role.CHAIR, Role.ADJUSTER]),
            is_draft=not meeting.minutes_approved,
        )
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
        context["other_decisions"] = place_under_items(agenda_items, decisions)
        context["attachments"] = attachments.listed(meeting)
    return context


def _signers(attendees, roles):
    """The attendees of these roles who were present, in the order of the roles."""
    signers, seen = [], set()
    for role in roles:
        for attendee in attendees:
            if attendee.role == role and attendee.present and attendee.person_id not in seen:
                seen.add(attendee.person_id)
                signers.append(attendee)
    return signers


def render_html(meeting, kind):
    return render_to_string(f"governance/decisions/{kind}.html", document_context(meeting, kind))


def render_pdf(meeting, kind, base_url=None):
    return html_to_pdf(render_html(meeting, kind), base_url=base_url)


def file_name(meeting, kind):
    prefix = {"agenda": "dagordning", "minutes": "protokoll"}[kind]
    return f"{prefix}-{meeting.local_date:%Y-%m-%d}.pdf"
