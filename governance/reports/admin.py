"""Admin views of risks, indicators and status reports: the report page for the steering
group with its review flow, and the report as .xlsx and PDF. The work is done by
governance/reports/content.py, review.py, excel.py and pdf.py."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry

from core.admin_views import PermittedView, policy_menu_item
from governance.common import admin as base
from governance.common.state_actions import StateAction, StateChangeView
from governance.decisions import attachments, notifications
from governance.decisions.models import Decision
from governance.register.access import permitted_projects
from governance.register.chosen_project import project_from
from governance.register.models import Project
from governance.reports import content, drafting, excel, over_time, pdf, review, risks
from governance.reports.models import Indicator, Risk, StatusReport

CLOSE_RISK = StateAction(
    "risk:close",
    gettext_lazy("Close the risk"),
    "change",
    lambda risk: risk.state == Risk.State.OPEN,
    icon_name="lock",
)
REOPEN_RISK = StateAction(
    "risk:reopen",
    gettext_lazy("Reopen the risk"),
    "change",
    lambda risk: risk.state == Risk.State.CLOSED,
    icon_name="lock-open",
)


class RiskStateChangeView(StateChangeView):
    model = Risk
    related = ["project"]

    def not_applicable_message(self):
        return _("The risk is %(state)s; this can no longer be done.") % {
            "state": self.object.get_state_display()
        }


class CloseRiskView(RiskStateChangeView):
    action = CLOSE_RISK

    def consequences(self):
        return [
            _(
                "The risk is closed: it leaves the top risks and the risk matrix of the "
                "reports written from now on."
            ),
            _("Reports already submitted keep the risk as they showed it."),
            _("You can reopen the risk if it comes back."),
        ]

    def perform(self, form):
        risks.close_risk(self.object, user=self.request.user)
        return _("The risk is closed.")


class ReopenRiskView(RiskStateChangeView):
    action = REOPEN_RISK

    def consequences(self):
        return [
            _(
                "The risk is open again: it is shown among the top risks and in the risk "
                "matrix of the reports written from now on."
            ),
        ]

    def perform(self, form):
        risks.reopen_risk(self.object, user=self.request.user)
        return _("The risk is open again.")


class RiskViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/risker"
    model = Risk
    icon = "warning"
    menu_label = gettext_lazy("Risks")
    list_display = ["title", "project", "likelihood", "impact", "score", "owner", "state"]
    list_select_related = ["project", "owner"]
    list_filter = ["project", "state"]
    search_fields = ["title", "description", "mitigation"]
    state_actions = [CLOSE_RISK, REOPEN_RISK]
    panels = [
        FieldPanel("project"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("likelihood"), FieldPanel("impact"), FieldPanel("owner")]),
        FieldPanel("mitigation"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/stang/", CloseRiskView.as_view(), name="close"),
            path("<int:pk>/ateroppna/", ReopenRiskView.as_view(), name="reopen"),
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
            attachments_html=attachments.inspect_html(report),
            history=ModelLogEntry.objects.for_instance(report)
            .select_related("user")
            .order_by("timestamp"),
        )
        return context


class ReportCreateView(base.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        review.ensure_work_area_statuses(instance)
        drafting.fill_new_report(instance)
        return instance

    def get_success_url(self):
        """A new draft opens for further writing, with its work areas to fill in."""
        return reverse("statusreport:edit", args=[self.object.pk])


class ReportEditView(base.EditView):
    def get_success_url(self):
        """Saving a draft keeps the writer where they were."""
        return reverse("statusreport:edit", args=[self.object.pk])

    def save_instance(self):
        instance = super().save_instance()
        review.ensure_work_area_statuses(instance)
        review.reopen_as_draft(instance, self.request.user)
        if drafting.edited(self.form):
            drafting.clear_draft_flag(instance)
        return instance

    def get(self, request, *args, **kwargs):
        report = self.object
        if report.review_comment and report.state in (
            StatusReport.State.RETURNED,
            StatusReport.State.DRAFT,
        ):
            # Returned for revision: what the steering group asked for stays in view until
            # the report is submitted again.
            messages.warning(
                request,
                _("The steering group returned the report for revision: %(comment)s")
                % {"comment": report.review_comment},
            )
        if report.narrative_is_draft:
            messages.warning(request, DRAFT_NOTICE)
        return super().get(request, *args, **kwargs)


DRAFT_NOTICE = gettext_lazy(
    "Draft – generated text: the summary, the next steps and the work areas' texts were "
    "written from the period's activities, decisions, posts and indicators. Read them, "
    "correct and add what the data cannot say; the label goes away when you edit the text."
)


class ReportView(PermittedView):
    """A view of one report for users whom the report's policy allows `permission_required`."""

    model = StatusReport

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.report = get_object_or_404(
            StatusReport.objects.select_related("project"), pk=kwargs["pk"]
        )

    def inspect(self):
        return redirect(reverse("statusreport:inspect", args=[self.report.pk]))


REPORT_ACTIONS = [
    StateAction(
        "statusreport:submit",
        gettext_lazy("Submit to the steering group"),
        "change",
        lambda report: report.state in (StatusReport.State.DRAFT, StatusReport.State.RETURNED),
        icon_name="upload",
    ),
    StateAction(
        "statusreport:approve",
        gettext_lazy("Approve"),
        "approve",
        lambda report: report.state == StatusReport.State.SUBMITTED,
        icon_name="check",
    ),
    StateAction(
        "statusreport:return",
        gettext_lazy("Return for revision"),
        "approve",
        lambda report: report.state == StatusReport.State.SUBMITTED,
        icon_name="undo",
    ),
]
SUBMIT, APPROVE, RETURN = REPORT_ACTIONS


class ReportStateChangeView(StateChangeView):
    model = StatusReport
    related = ["project"]

    def not_applicable_message(self):
        return _("The report is %(state)s; this can no longer be done.") % {
            "state": self.object.get_state_display()
        }


class SubmitReportView(ReportStateChangeView):
    action = SUBMIT

    def consequences(self):
        members = len(notifications.steering_group_addresses(self.object.project))
        return [
            _(
                "The report's content is frozen as it is now: later changes to activities, "
                "costs or decisions no longer change what the steering group is shown."
            ),
            ngettext(
                "The steering group gets an email with a link to the report (%(count)s "
                "member with an address).",
                "The steering group gets an email with a link to the report (%(count)s "
                "members with an address).",
                members,
            )
            % {"count": members},
            _("The report can no longer be edited unless the steering group returns it."),
        ]

    def perform(self, form):
        review.submit(self.object, self.request.user)
        return _("The report is submitted to the steering group.")


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comments to the project leaders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ApproveForm(ReviewForm):
    decision = forms.ModelChoiceField(
        label=gettext_lazy("Approved by decision (optional)"),
        queryset=Decision.objects.none(),
        required=False,
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(project=report.project).order_by(
            "-year", "-sequence"
        )


class ApproveReportView(ReportStateChangeView):
    action = APPROVE
    form_class = ApproveForm
    confirm_label = gettext_lazy("Approve the report")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "report": self.object}

    def consequences(self):
        return [
            _("The report is approved and closed: it is kept as the steering group saw it."),
            _("Your comments and the decision, if you name one, are kept with the report."),
        ]

    def perform(self, form):
        review.approve(
            self.object,
            self.request.user,
            form.cleaned_data["comment"],
            form.cleaned_data["decision"],
        )
        return _("The report is approved.")


class ReturnForm(ReviewForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].error_messages["required"] = _(
            "Say what the project leaders should change."
        )


class ReturnReportView(ReportStateChangeView):
    action = RETURN
    form_class = ReturnForm
    confirm_label = gettext_lazy("Return the report")

    def consequences(self):
        leaders = len(notifications.project_leader_addresses(self.object.project))
        return [
            _("The report goes back to the project leaders with your comments."),
            ngettext(
                "The project leaders get an email with your comments and a link to the report "
                "(%(count)s project leader with an address).",
                "The project leaders get an email with your comments and a link to the report "
                "(%(count)s project leaders with an address).",
                leaders,
            )
            % {"count": leaders},
            _(
                "When they edit it, it becomes a new draft generated from the current data, "
                "and they submit it again."
            ),
        ]

    def perform(self, form):
        review.return_for_revision(self.object, self.request.user, form.cleaned_data["comment"])
        return _("The report is returned to the project leaders.")


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


class ReportIndexView(base.IndexView):
    """The report list, with the way to the comparison over time in its header."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Comparison over time"),
                url=reverse("report_comparison:index"),
                icon_name="history",
                priority=20,
            ),
        ]


class ProjectChoiceForm(forms.Form):
    project = forms.ModelChoiceField(
        Project.objects.all(), label=gettext_lazy("Project"), empty_label=None
    )


class ComparisonView(PermittedView, base.AdminPage, TemplateView):
    """Every submitted or approved status report of a project side by side
    (governance/reports/over_time.py)."""

    model = StatusReport
    permission_required = "view"
    template_name = "governance/reports/over_time.html"
    page_title = gettext_lazy("Comparison over time")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = project_from(self.request, StatusReport)
        form = ProjectChoiceForm(initial={"project": project})
        form.fields["project"].queryset = permitted_projects(self.request.user, StatusReport)
        context.update(
            form=form,
            comparison=over_time.comparison(project),
            xlsx_url=reverse("report_comparison:xlsx") + f"?project={project.pk}",
        )
        return context


class ComparisonXlsxView(PermittedView):
    model = StatusReport
    permission_required = "view"

    def get(self, request):
        project = project_from(request, StatusReport)
        return base.xlsx_response(
            excel.comparison_workbook(over_time.comparison(project)),
            f"jamforelse-over-tid-{project.slug}.xlsx",
        )


class ComparisonViewSet(ViewSet):
    """The comparison over time of a project's status reports, and its .xlsx."""

    name = "report_comparison"
    url_prefix = "styrning/jamforelse"
    icon = "history"
    menu_label = gettext_lazy("Comparison over time")
    menu_item_class = policy_menu_item(StatusReport, ["view"])

    def get_urlpatterns(self):
        return [
            path("", ComparisonView.as_view(), name="index"),
            path("jamforelse.xlsx", ComparisonXlsxView.as_view(), name="xlsx"),
        ]


class StatusReportViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/lagesrapporter"
    model = StatusReport
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Status reports")
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    list_display = [
        "title",
        "project",
        "kind",
        "period_start",
        "period_end",
        "state",
        "registry_number",
    ]
    list_select_related = ["project"]
    list_filter = ["project", "kind", "state"]
    search_fields = ["title", "summary", "registry_number"]
    state_actions = REPORT_ACTIONS
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("registry_number")]),
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
        attachments.panel(),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/lamna-in/", SubmitReportView.as_view(), name="submit"),
            path("<int:pk>/godkann/", ApproveReportView.as_view(), name="approve"),
            path("<int:pk>/aterremittera/", ReturnReportView.as_view(), name="return"),
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


REPORT_VIEWSETS = [RiskViewSet, IndicatorViewSet, StatusReportViewSet, ComparisonViewSet]


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
        (risks.CLOSE, gettext_lazy("Risk closed")),
        (risks.REOPEN, gettext_lazy("Risk reopened")),
    ]:
        formatter = type("Formatter", (ReportLogFormatter,), {"label": label, "message": label})
        actions.register_action(action)(formatter)
