"""Admin views of risks, indicators and status reports: the report page for the steering
group with its review flow, and the report as .xlsx and PDF. The work is done by
governance/reports/content.py, review.py, excel.py and pdf.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from governance.common import admin as base
from governance.decisions.admin import (
    ClosedRecordEditView,
    ClosedRecordInspectView,
    ClosedRecordViewSet,
)
from governance.decisions.models import Decision
from governance.reports import content, review
from governance.reports.models import Indicator, Risk, StatusReport


class RiskViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/risker"
    model = Risk
    icon = "warning"
    menu_label = gettext_lazy("Risks")
    list_display = ["title", "project", "likelihood", "impact", "score", "owner", "state"]
    list_select_related = ["project", "owner"]
    list_filter = ["project", "state"]
    search_fields = ["title", "description", "mitigation"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("state")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("likelihood"), FieldPanel("impact"), FieldPanel("owner")]),
        FieldPanel("mitigation"),
    ]


class IndicatorViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/indikatorer"
    model = Indicator
    icon = "order"
    menu_label = gettext_lazy("Indicators")
    list_display = ["name", "project", "unit", "baseline", "target"]
    list_select_related = ["project"]
    list_filter = ["project"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("project"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("baseline"), FieldPanel("target")]),
        InlinePanel(
            "values",
            heading=gettext_lazy("Measured values"),
            label=gettext_lazy("measured value"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("measured_on"), FieldPanel("value"), FieldPanel("source")]
                )
            ],
        ),
    ]


class ReportInspectView(ClosedRecordInspectView):
    template_name = "governance/reports/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        context.update(content.render_context(report))
        context.update(
            can_submit=user.has_perm("governance.change_statusreport")
            and report.state in (StatusReport.State.DRAFT, StatusReport.State.RETURNED),
            can_review=user.has_perm("governance.approve_statusreport")
            and report.state == StatusReport.State.SUBMITTED,
            decisions=Decision.objects.filter(project=report.project).order_by(
                "-year", "-sequence"
            ),
            history=ModelLogEntry.objects.for_instance(report)
            .select_related("user")
            .order_by("timestamp"),
        )
        return context


class ReportCreateView(base.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        review.ensure_work_area_statuses(instance)
        return instance


class ReportEditView(ClosedRecordEditView):
    def save_instance(self):
        instance = super().save_instance()
        review.ensure_work_area_statuses(instance)
        review.reopen_as_draft(instance, self.request.user)
        return instance


def _report_for(request, pk):
    if not request.user.has_perm("governance.view_statusreport"):
        raise PermissionDenied
    return get_object_or_404(StatusReport.objects.select_related("project"), pk=pk)


def _inspect(report):
    return redirect(reverse("statusreport:inspect", args=[report.pk]))


@require_POST
def submit_view(request, pk):
    try:
        report = _report_for(request, pk)
        if not request.user.has_perm("governance.change_statusreport"):
            raise PermissionDenied
    except PermissionDenied:
        return permission_denied(request, PermissionDenied())
    try:
        review.submit(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is submitted to the steering group."))
    return _inspect(report)


@require_POST
def review_view(request, pk):
    try:
        report = _report_for(request, pk)
        if not request.user.has_perm("governance.approve_statusreport"):
            raise PermissionDenied
    except PermissionDenied:
        return permission_denied(request, PermissionDenied())
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("action") == "approve":
            decision = Decision.objects.filter(
                project=report.project, pk=request.POST.get("decision") or None
            ).first()
            review.approve(report, request.user, comment, decision)
            messages.success(request, _("The report is approved."))
        else:
            review.return_for_revision(report, request.user, comment)
            messages.success(request, _("The report is returned to the project leaders."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _inspect(report)


def xlsx_view(request, pk):
    try:
        report = _report_for(request, pk)
    except PermissionDenied:
        return permission_denied(request, PermissionDenied())
    from governance.reports import excel

    response = HttpResponse(
        excel.workbook_bytes(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{content.file_stem(report)}.xlsx"'
    return response


def pdf_view(request, pk):
    try:
        report = _report_for(request, pk)
    except PermissionDenied:
        return permission_denied(request, PermissionDenied())
    from governance.reports import pdf

    pdf = pdf.render_pdf(report, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{content.file_stem(report)}.pdf"'
    return response


class StatusReportViewSet(ClosedRecordViewSet):
    url_prefix = "styrning/lagesrapporter"
    model = StatusReport
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Status reports")
    inspect_view_class = ReportInspectView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    list_display = ["title", "project", "kind", "period_start", "period_end", "state"]
    list_select_related = ["project"]
    list_filter = ["project", "kind", "state"]
    search_fields = ["title", "summary"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("authors"),
        FieldRowPanel([FieldPanel("overall_status"), FieldPanel("overall_comment")]),
        FieldPanel("summary"),
        InlinePanel(
            "work_area_statuses",
            heading=gettext_lazy("Status per work area"),
            label=gettext_lazy("work area"),
            panels=[
                FieldRowPanel([FieldPanel("work_area"), FieldPanel("status")]),
                FieldPanel("comment"),
                FieldPanel("narrative"),
                FieldPanel("outcome"),
            ],
        ),
        MultiFieldPanel(
            [
                FieldPanel("budget_comment"),
                FieldPanel("risk_comment"),
                FieldPanel("next_steps"),
                FieldPanel("lessons_learned"),
            ],
            heading=gettext_lazy("Narrative"),
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/lamna-in/", submit_view, name="submit"),
            path("<int:pk>/granska/", review_view, name="review"),
            path("<int:pk>/rapport.xlsx", xlsx_view, name="xlsx"),
            path("<int:pk>/rapport.pdf", pdf_view, name="pdf"),
        ]


REPORT_VIEWSETS = [RiskViewSet, IndicatorViewSet, StatusReportViewSet]


class ReportLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        comment = log_entry.data.get("comment", "")
        message = str(self.message)
        return f"{message}: {comment}" if comment else message


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    for action, label in [
        (review.SUBMIT, gettext_lazy("Submitted to the steering group")),
        (review.APPROVE, gettext_lazy("Approved by the steering group")),
        (review.RETURN, gettext_lazy("Returned by the steering group")),
        (review.REOPEN, gettext_lazy("Reopened as a new draft")),
    ]:
        formatter = type("Formatter", (ReportLogFormatter,), {"label": label, "message": label})
        actions.register_action(action)(formatter)
