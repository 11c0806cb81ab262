"""A status report as PDF (governance/common/pdf.py, as for the meeting documents): a cover,
a table of contents with page numbers, the report body shared with the admin page, and
page numbers in the margin. Rendered from the snapshot once the report is submitted.

The cover names the project, the period, the overall status and the review history: when
the report was submitted and approved (the dates the review flow recorded,
governance/reports/review.py) and the approving decision with its number and date. Until
the steering group has approved it, every page carries the mark UTKAST. The budget section
is set on landscape pages, where its eight columns fit at a readable size."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.common.pdf import html_to_pdf
from governance.decisions import attachments
from governance.reports import content as report_content


def contents_entries(content):
    entries = [("sammanfattning", _("Summary"))]
    if content.get("comparison"):
        entries.append(("jamforelse", _("Changes since the previous report")))
    entries += [
        ("arbetsomraden", _("Work areas")),
        ("budget", _("Budget and actual")),
        ("aktiviteter", _("Activities")),
        ("beslut", _("Decisions in the period")),
        ("risker", _("Top risks")),
        (
            "indikatorer",
            _("Indicator results") if content["kind"] == "slutrapport" else _("Indicators"),
        ),
        ("information", _("Blog posts in the period")),
    ]
    if content["kind"] == "slutrapport":
        entries.append(("lardomar", _("Lessons learned")))
    entries.append(("nasta-steg", _("Next steps")))
    return entries


def cover(report):
    """The review history the cover shows: dates in Stockholm time, the approving decision
    with its number and the date of its meeting. Only what has happened is named: a report
    returned for revision shows when it was last submitted, not an approval."""
    approved = report.state == report.State.APPROVED
    decision = report.approving_decision if approved else None
    return {
        "is_draft": not approved,
        "submitted_on": (
            timezone.localdate(report.submitted_at)
            if report.submitted_at and report.state != report.State.DRAFT
            else None
        ),
        "approved_on": (
            timezone.localdate(report.reviewed_at) if approved and report.reviewed_at else None
        ),
        "decision": decision,
        "decision_on": decision.meeting.local_date if decision else None,
    }


def render_html(report, publication=False):
    context = report_content.render_context(report, publication=publication)
    context["contents"] = contents_entries(context["content"])
    context["attachments"] = attachments.listed(report)
    context["cover"] = cover(report)
    return render_to_string("governance/reports/pdf.html", context)


def render_pdf(report, base_url=None, publication=False):
    """The PDF; with `publication`, the version meant for publication (withheld decisions
    left out, governance/reports/content.py's for_publication)."""
    return html_to_pdf(render_html(report, publication=publication), base_url=base_url)
