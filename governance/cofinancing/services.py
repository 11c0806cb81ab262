"""Changes to time reports: one person's month from the monthly form, and a checked Excel
import (excel.py). Every path that writes time reports goes through here."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from governance.cofinancing.models import TimeReport
from governance.register import access
from governance.register.models import Membership, Project

REPORTING_BODIES = [Membership.Body.PROJECT_GROUP, Membership.Body.PROJECT_MANAGEMENT]


def reporting_projects(person, on=None):
    """The projects whose project group or project management the person belongs to on
    `on` (today): where they report their own time."""
    memberships = access.current(
        Membership.objects.filter(person=person, body__in=REPORTING_BODIES), on
    )
    return Project.objects.filter(pk__in=memberships.values("project_id")).order_by("name")


@transaction.atomic
def save_month(person, project, month, hours_by_area, *, user=None):
    """One person's hours per work area in one month, as the monthly form gives them:
    {work area: hours or None}. An empty or zero field removes that month's line.
    Returns (saved, removed)."""
    month = month.replace(day=1)
    existing = {
        report.work_area_id: report
        for report in TimeReport.objects.select_for_update().filter(
            project=project, person=person, month=month
        )
    }
    saved = removed = 0
    for area, hours in hours_by_area.items():
        report = existing.get(area.pk)
        if not hours:
            if report is not None:
                report.delete()
                removed += 1
            continue
        hours = Decimal(hours)
        if report is None:
            report = TimeReport(project=project, person=person, work_area=area, month=month)
        elif report.hours == hours:
            continue
        report.hours = hours
        report.source = TimeReport.Source.FORM
        report.entered_by = user
        report.save()
        saved += 1
    return saved, removed


@transaction.atomic
def save_import(preview, *, user=None):
    """Writes a valid import preview (excel.read_time_reports): new lines and changed
    hours; lines the file does not name stay as they are."""
    if not preview.is_valid:
        raise ValueError("A time report file with errors cannot be saved.")
    for line in preview.to_create:
        TimeReport.objects.create(
            project=preview.project,
            person=line.person,
            work_area=line.work_area,
            month=line.month,
            hours=line.hours,
            source=TimeReport.Source.IMPORT,
            entered_by=user,
        )
    for line in preview.to_update:
        TimeReport.objects.filter(pk=line.existing_id).update(
            hours=line.hours,
            source=TimeReport.Source.IMPORT,
            entered_by=user,
            updated_at=timezone.now(),
        )
    preview.saved = True
    return preview
