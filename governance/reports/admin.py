"""Admin views of risks, indicators and status reports: the report page for the steering
group with its review flow, and the report as .xlsx and PDF. The work is done by
governance/reports/content.py, review.py, excel.py and pdf.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from core.admin_views import PermittedView
from governance.common import admin as base
from governance.decisions.models import Decision
from governance.reports import content, excel, pdf, review
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


class ReportInspectView(base.InspectView):
    template_name = "governance/reports/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(content.render_context(report))
        context.update(
            can_submit=self.user_has_permission("change")
            and report.state in (StatusReport.State.DRAFT, StatusReport.State.RETURNED),
            can_review=self.user_has_permission("approve")
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


class ReportEditView(base.EditView):
    def save_instance(self):
        instance = super().save_instance()
        review.ensure_work_area_statuses(instance)
        review.reopen_as_draft(instance, self.request.user)
        return instance


class ReportView(PermittedView):
    """A view of one report for users whom the report's policy allows `permission_required`."""

    model = StatusReport

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.report = get_object_or_404(
            StatusReport.objects.select_related("project"), pk=kwargs["pk"]
        )

    def inspect(self):
        return redirect(reverse("statusreport:inspect", args=[self.report.pk]))


class SubmitReportView(ReportView):
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            review.submit(self.report, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is submitted to the steering group."))
        return self.inspect()


class ReviewReportView(ReportView):
    permission_required = "approve"
    http_method_names = ["post"]

    def post(self, request, pk):
        comment = request.POST.get("comment", "")
        try:
            if request.POST.get("action") == "approve":
                decision = Decision.objects.filter(
                    project=self.report.project, pk=request.POST.get("decision") or None
                ).first()
                review.approve(self.report, request.user, comment, decision)
                messages.success(request, _("The report is approved."))
            else:
                review.return_for_revision(self.report, request.user, comment)
                messages.success(request, _("The report is returned to the project leaders."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self.inspect()


class ReportXlsxView(ReportView):
    """The workbook; `publication=True` in the URL's kwargs gives the version meant for
    publication, without the decisions that are withheld."""

    permission_required = "view"

    def get(self, request, pk, publication=False):
        suffix = "-publicering" if publication else ""
        return base.xlsx_response(
            excel.workbook_bytes(self.report, publication=publication),
            f"{content.file_stem(self.report)}{suffix}.xlsx",
        )


class ReportPdfView(ReportView):
    permission_required = "view"

    def get(self, request, pk, publication=False):
        pdf_bytes = pdf.render_pdf(
            self.report, base_url=request.build_absolute_uri("/"), publication=publication
        )
        suffix = "-publicering" if publication else ""
        return base.pdf_response(pdf_bytes, f"{content.file_stem(self.report)}{suffix}.pdf")


class StatusReportViewSet(base.GovernanceViewSet):
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
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("due_on")]),
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
            path("<int:pk>/lamna-in/", SubmitReportView.as_view(), name="submit"),
            path("<int:pk>/granska/", ReviewReportView.as_view(), name="review"),
            path("<int:pk>/rapport.xlsx", ReportXlsxView.as_view(), name="xlsx"),
            path("<int:pk>/rapport.pdf", ReportPdfView.as_view(), name="pdf"),
            path(
                "<int:pk>/rapport-publicering.xlsx",
                ReportXlsxView.as_view(),
                {"publication": True},
                name="publication_xlsx",
            ),
            path(
                "<int:pk>/rapport-publicering.pdf",
                ReportPdfView.as_view(),
                {"publication": True},
                name="publication_pdf",
            ),
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
