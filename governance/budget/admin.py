"""Admin views of the budget: financiers, cost categories, forecasts and budget versions
with their lines, and the one viewset that gathers the budget's pages (the overview from
overview_views.py, the cost import and exports from cost_views.py).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import LogFormatter

from core.admin_views import PermittedView, policy_menu_item
from governance.budget import excel, services
from governance.budget.cost_views import (
    CostEntryViewSet,
    CostImportBatchViewSet,
    CostImportView,
    ExportCostsView,
)
from governance.budget.models import BudgetVersion, CostCategory, CostEntry, Financier, Forecast
from governance.budget.overview_views import BudgetOverviewView, ExportOverviewView
from governance.common.admin import (
    AdminPage,
    EditView,
    GovernanceViewSet,
    InspectView,
    xlsx_response,
)

# ---------------------------------------------------------------------------------------
# Plain registers


class FinancierViewSet(GovernanceViewSet):
    url_prefix = "styrning/finansiarer"
    model = Financier
    icon = "group"
    menu_label = gettext_lazy("Financiers")
    list_display = ["organisation", "project", "committed_amount", "committed_share"]
    list_select_related = ["organisation", "project"]
    list_filter = ["project"]
    form_fields = ["project", "organisation", "committed_amount", "committed_share", "note"]


class CostCategoryViewSet(GovernanceViewSet):
    url_prefix = "styrning/kostnadsslag"
    model = CostCategory
    icon = "tag"
    menu_label = gettext_lazy("Cost categories")
    list_display = ["name", "project", "sort_order"]
    list_select_related = ["project"]
    list_filter = ["project"]
    form_fields = ["project", "name", "sort_order"]


class ForecastViewSet(GovernanceViewSet):
    url_prefix = "styrning/prognoser"
    model = Forecast
    icon = "time"
    menu_label = gettext_lazy("Forecasts")
    list_display = ["work_area", "category", "expected_total", "made_on"]
    list_select_related = ["work_area", "category"]
    list_filter = ["project", "work_area", "category"]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("work_area"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("expected_total"), FieldPanel("made_on")]),
        FieldPanel("comment"),
    ]


# ---------------------------------------------------------------------------------------
# Budget versions


class BudgetVersionEditView(EditView):
    """An approved budget is a record of a decision: it is compared, never edited."""

    def dispatch(self, request, *args, **kwargs):
        version = get_object_or_404(BudgetVersion, pk=kwargs.get("pk"))
        if version.is_approved:
            messages.warning(
                request,
                _("An approved budget is not changed. Make a new version from it instead."),
            )
            return redirect("budget_version:inspect", version.pk)
        return super().dispatch(request, *args, **kwargs)


class BudgetVersionInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = self.object.lines.select_related(
            "work_area", "activity", "category", "financier__organisation"
        )
        context["lines"] = lines
        context["lines_total"] = lines.aggregate(total=Sum("amount"))["total"]
        return context


class ApproveBudgetForm(forms.ModelForm):
    class Meta:
        model = BudgetVersion
        fields = ["approved_on", "approved_by", "decision_reference"]
        widgets = {"approved_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_on"].required = True
        self.fields["approved_by"].required = True


class ApproveBudgetVersionView(PermittedView, AdminPage, FormView):
    """The steering group's decision: the draft becomes the approved, current budget."""

    model = BudgetVersion
    permission_required = "approve"
    template_name = "governance/budget/approve.html"
    form_class = ApproveBudgetForm
    header_icon = "check"

    def dispatch(self, request, *args, **kwargs):
        self.version = get_object_or_404(BudgetVersion, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Approve budget version %(version)s") % {"version": self.version}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.version
        if not self.version.approved_on:
            kwargs["initial"] = {
                "approved_on": datetime.date.today(),
                "approved_by": _("The steering group"),
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["version"] = self.version
        context["line_total"] = self.version.lines.aggregate(total=Sum("amount"))["total"]
        return context

    def form_valid(self, form):
        try:
            version = services.approve_budget_version(
                self.version,
                approved_on=form.cleaned_data["approved_on"],
                approved_by=form.cleaned_data["approved_by"],
                reference=form.cleaned_data["decision_reference"],
                user=self.request.user,
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("budget_version:inspect", self.version.pk)
        messages.success(
            self.request,
            _("Budget version %(version)s is approved and is now the current budget.")
            % {"version": version},
        )
        return redirect("budget_version:inspect", version.pk)


class NewDraftFromVersionView(PermittedView):
    """Copies a version's lines into a new draft with the next number."""

    model = BudgetVersion
    permission_required = "add"

    def post(self, request, pk):
        source = get_object_or_404(BudgetVersion, pk=pk)
        draft = services.new_draft_from(source, user=request.user)
        messages.success(
            request,
            _("Draft %(version)s was made from version %(source)s.")
            % {"version": draft, "source": source.number},
        )
        return redirect("budget_version:edit", draft.pk)


class ExportBudgetVersionView(PermittedView):
    model = BudgetVersion
    permission_required = "view"

    def get(self, request, pk):
        version = get_object_or_404(BudgetVersion.objects.select_related("project"), pk=pk)
        return xlsx_response(
            excel.budget_version_workbook(version),
            f"budget-{version.project.slug}-version-{version.number}.xlsx",
        )


class BudgetVersionViewSet(GovernanceViewSet):
    url_prefix = "styrning/budgetversioner"
    name = "budget_version"
    model = BudgetVersion
    icon = "list-ol"
    menu_label = gettext_lazy("Budget versions")
    edit_view_class = BudgetVersionEditView
    inspect_view_class = BudgetVersionInspectView
    inspect_template_name = "governance/budget/version_inspect.html"
    list_display = ["__str__", "project", "state", "approved_on", "approved_by"]
    list_select_related = ["project"]
    list_filter = ["project", "state"]
    inspect_view_fields = [
        "project",
        "number",
        "label",
        "state",
        "approved_on",
        "approved_by",
        "decision_reference",
    ]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("label")]),
        MultiFieldPanel(
            [
                InlinePanel(
                    "lines",
                    label=gettext_lazy("budget line"),
                    panels=[
                        FieldRowPanel(
                            [
                                FieldPanel("work_area"),
                                FieldPanel("activity"),
                                FieldPanel("category"),
                                FieldPanel("financier"),
                            ]
                        ),
                        FieldRowPanel(
                            [FieldPanel("year"), FieldPanel("quarter"), FieldPanel("amount")]
                        ),
                    ],
                )
            ],
            heading=gettext_lazy("Budget lines"),
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", ApproveBudgetVersionView.as_view(), name="approve"),
            path("new-draft/<int:pk>/", NewDraftFromVersionView.as_view(), name="new_draft"),
            path("export/<int:pk>/", ExportBudgetVersionView.as_view(), name="export"),
        ]


class BudgetViewSet(ViewSet):
    """The budget overview page, the cost import and the Excel exports."""

    name = "budget"
    url_prefix = "styrning/budget"
    icon = "table"
    menu_label = gettext_lazy("Budget overview")

    menu_item_class = policy_menu_item(CostEntry, ["view"])

    def get_urlpatterns(self):
        return [
            path("", BudgetOverviewView.as_view(), name="overview"),
            path("import/", CostImportView.as_view(), name="import"),
            path("export/oversikt.xlsx", ExportOverviewView.as_view(), name="export_overview"),
            path("export/utfall.xlsx", ExportCostsView.as_view(), name="export_costs"),
        ]


BUDGET_VIEWSETS = [
    BudgetViewSet,
    BudgetVersionViewSet,
    CostEntryViewSet,
    CostImportBatchViewSet,
    ForecastViewSet,
    FinancierViewSet,
    CostCategoryViewSet,
]


class BudgetApprovalFormatter(LogFormatter):
    label = gettext_lazy("Approve budget version")

    def format_message(self, log_entry):
        reference = log_entry.data.get("reference")
        if reference:
            return _("Approved as the budget in force (%(reference)s)") % {"reference": reference}
        return _("Approved as the budget in force")


@hooks.register("register_log_actions")
def register_budget_log_actions(actions):
    actions.register_action(services.APPROVE)(BudgetApprovalFormatter)
