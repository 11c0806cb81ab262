"""A status report as PDF (governance/common/pdf.py, as for the meeting documents): a title page,
a table of contents with page numbers, the report body shared with the admin page, and
page numbers in the margin. Rendered from the snapshot once the report is submitted."""

from django.template.loader import render_to_string
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


def render_html(report, publication=False):
    context = report_content.render_context(report, publication=publication)
    context["contents"] = contents_entries(context["content"])
    context["attachments"] = attachments.listed(report)
    return render_to_string("governance/reports/pdf.html", context)


def render_pdf(report, base_url=None, publication=False):
    """The PDF; with `publication`, the version meant for publication (withheld decisions
    left out, governance/reports/content.py's for_publication)."""
    return html_to_pdf(render_html(report, publication=publication), base_url=base_url)
