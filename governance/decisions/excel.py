"""The decision register as an .xlsx workbook, on the one spreadsheet writer
(governance/common/spreadsheets.py): the same columns and headings as the register's list
export, a frozen heading row with an auto filter, and titles and decision texts that are
never run as formulas, whatever they start with."""

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from governance.common.spreadsheets import TEXT, Workbook
from governance.decisions.models import Decision


def _heading(field_name):
    return capfirst(Decision._meta.get_field(field_name).verbose_name)


def decision_register_workbook(decisions):
    """The given decisions (a queryset or a list), in their order, as an .xlsx file's bytes:
    number, meeting, title, text, kind, state, work areas, whether it is confidential and
    the registry number (diarienummer).
    Two queries for a queryset however many decisions it holds."""
    if isinstance(decisions, QuerySet):
        decisions = decisions.select_related("meeting").prefetch_related("work_areas")
    workbook = Workbook()
    sheet = workbook.sheet(
        _("Decisions"),
        [
            (_("Decision number"), TEXT, 14),
            (_("Meeting"), TEXT, 24),
            (_heading("title"), TEXT, 40),
            (_heading("text"), TEXT, 70),
            (_heading("kind"), TEXT, 14),
            (_heading("state"), TEXT, 14),
            (_("Work areas"), TEXT, 16),
            (_heading("is_confidential"), TEXT, 12),
            (_heading("registry_number"), TEXT, 16),
        ],
    )
    yes, no = _("Yes"), _("No")
    for decision in decisions:
        sheet.row(
            decision.number,
            str(decision.meeting),
            decision.title,
            decision.text,
            decision.get_kind_display(),
            decision.get_state_display(),
            decision.work_area_codes or None,
            yes if decision.is_confidential else no,
            decision.registry_number or None,
        )
    return workbook.bytes()
