"""The review flow of status reports: a report is frozen when the project leaders submit
it, and the steering group approves it or returns it for revision. Each state change is one
function here, written to Wagtail's audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from core.mail import admin_url, send_after_commit
from governance.common.permissions import require_permission
from governance.decisions import attachments, notifications
from governance.register.models import WorkArea
from governance.reports.content import generate
from governance.reports.models import StatusReport, TrafficLight, WorkAreaStatus

SUBMIT = "lagesbild.report.submit"
APPROVE = "lagesbild.report.approve"
RETURN = "lagesbild.report.return"
REOPEN = "lagesbild.report.reopen"


def ensure_work_area_statuses(report):
    """Gives a new report one status row per work area of its project."""
    existing = set(report.work_area_statuses.values_list("work_area_id", flat=True))
    WorkAreaStatus.objects.bulk_create(
        WorkAreaStatus(report=report, work_area=area, sort_order=area.sort_order)
        for area in WorkArea.objects.filter(project=report.project).exclude(pk__in=existing)
    )


def check_ready(report):
    errors = []
    if report.narrative_is_draft:
        errors.append(
            _(
                "The summary and the work areas' texts are still the generated draft: read "
                "and edit them before submitting."
            )
        )
    if report.overall_status != TrafficLight.GREEN and not report.overall_comment.strip():
        errors.append(_("Explain why the overall status is not green."))
    for status in report.work_area_statuses.select_related("work_area"):
        if status.status != TrafficLight.GREEN and not status.comment.strip():
            errors.append(
                _("Explain why the status of %(area)s is not green.") % {"area": status.work_area}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit(report, user, notify=True, at=None):
    """Freezes the content and sends the report to the steering group (the demo loader
    passes notify=False: it sends no mail, and `at`: when its past reports were submitted,
    so that their history and their PDF's cover show the real dates, not the loading day)."""
    report = StatusReport.objects.select_for_update().get(pk=report.pk)
    if report.state not in (StatusReport.State.DRAFT, StatusReport.State.RETURNED):
        raise ValidationError(_("Only a draft can be submitted."))
    check_ready(report)
    report.snapshot = generate(report)
    report.state = StatusReport.State.SUBMITTED
    report.submitted_at = at or timezone.now()
    report.submitted_by = user
    report.save()
    log(report, SUBMIT, user=user, data={"title": report.title}, timestamp=report.submitted_at)
    if notify:
        report_submitted(report)
    return report


def report_submitted(report):
    context = {"report": report, "link": admin_url("statusreport:inspect", report.pk)}
    return notifications.send_to_steering_group(report.project, "mail/report_submitted", context)


def _review(report, user, state, action, comment="", decision=None, at=None):
    require_permission(
        user,
        StatusReport,
        "approve",
        _("Only the steering group approves or returns status reports."),
        instance=report,
    )
    with transaction.atomic():
        report = StatusReport.objects.select_for_update().get(pk=report.pk)
        if report.state != StatusReport.State.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be approved or returned."))
        report.state = state
        report.reviewed_at = at or timezone.now()
        report.reviewed_by = user
        report.review_comment = comment
        report.approving_decision = decision
        report.save()
        data = {"title": report.title, "comment": comment}
        if decision:
            data["decision"] = decision.number
        log(report, action, user=user, data=data, timestamp=report.reviewed_at)
    return report


@transaction.atomic
def approve(report, user, comment="", decision=None, at=None):
    """Approves a submitted report; its attachments are frozen with it. `at`: when it was
    approved, for the demo's past reports (see submit)."""
    report = _review(report, user, StatusReport.State.APPROVED, APPROVE, comment, decision, at)
    attachments.freeze(report.attachments.select_related("document"))
    return report


def return_for_revision(report, user, comment, notify=True):
    """Sends the report back to the project leaders with the steering group's comment; they
    get it by mail with a link to the report's form."""
    if not comment.strip():
        raise ValidationError(_("Say what the project leaders should change."))
    report = _review(report, user, StatusReport.State.RETURNED, RETURN, comment)
    if notify:
        report_returned(report)
    return report


def report_returned(report):
    context = {"report": report, "link": admin_url("statusreport:edit", report.pk)}
    return send_after_commit(
        notifications.project_leader_addresses(report.project), "mail/report_returned", context
    )


def reopen_as_draft(report, user):
    """A returned report that the project leaders edit becomes a new draft: its content is
    generated from live data again until it is submitted anew."""
    if report.state != StatusReport.State.RETURNED:
        return report
    StatusReport.objects.filter(pk=report.pk).update(state=StatusReport.State.DRAFT, snapshot=None)
    report.state, report.snapshot = StatusReport.State.DRAFT, None
    log(report, REOPEN, user=user, data={"title": report.title})
    return report


def create_final_report(project, **fields):
    """The final report (slutrapport): the same machinery over the whole project period."""
    report = StatusReport.objects.create(
        project=project,
        kind=StatusReport.Kind.FINAL,
        title=fields.pop("title", _("Final report %(project)s") % {"project": project}),
        period_start=project.start_date,
        period_end=project.end_date,
        **fields,
    )
    ensure_work_area_statuses(report)
    return report
