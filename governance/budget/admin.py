"""Admin views of the budget: financiers, cost categories, forecasts and budget versions
with their lines, and the one viewset that gathers the budget's pages (the overview from
overview_views.py, the cost import and exports from cost_views.py).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import LogFormatter
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.admin_views import PermittedView, policy_menu_item
from core.uploads import PendingUploadGone, PendingUploads
from governance.budget import services, version_editor, version_sheet
from governance.budget.cost_views import (
    AccountMappingViewSet,
    CostEntryViewSet,
    CostImportBatchViewSet,
    CostImportView,
    ExportCostsView,
)
from governance.budget.models import BudgetVersion, CostCategory, CostEntry, Financier, Forecast
from governance.budget.overview_views import BudgetOverviewView, ExportOverviewView
from governance.budget.version_lines import ProjectLookups, RowKey
from governance.common.admin import (
    AdminPage,
    CreateView,
    EditView,
    GovernanceViewSet,
    InspectView,
    xlsx_response,
)
from governance.common.money import format_sek
from governance.common.state_actions import StateAction, StateChangeView
from governance.register.access import permitted_object

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


class BudgetVersionCreateView(CreateView):
    """A new version is named here; its lines are then entered in the grid editor."""

    def get_success_url(self):
        return reverse("budget_version:edit", args=[self.object.pk])

    def get_success_message(self, instance):
        return _("Budget version %(version)s is created. Enter its budget lines in the grid.") % {
            "version": instance
        }


class BudgetVersionEditView(EditView):
    """The version's name and, in a grid, its lines (version_editor.py). An approved
    budget is a record of a decision: it is compared, never edited."""

    template_name = "governance/budget/version_edit.html"

    def dispatch(self, request, *args, **kwargs):
        version = get_object_or_404(BudgetVersion, pk=kwargs.get("pk"))
        if version.is_approved:
            messages.warning(
                request,
                _("An approved budget is not changed. Make a new version from it instead."),
            )
            return redirect("budget_version:inspect", version.pk)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def lookups(self):
        return ProjectLookups(self.object.project)

    @cached_property
    def options(self):
        """The years opened by quarter and the rows added for an activity or a financier:
        kept in the address on a GET and in hidden fields on a POST."""
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        quarter_years = {int(year) for year in source.getlist("kvartal") if year.isdigit()}
        rows = []
        for text in source.getlist("rad"):
            row = version_editor.parse_row_param(text)
            if row is not None and not self.lookups.problem(row) and row not in rows:
                rows.append(row)
        return {"quarter_years": quarter_years, "rows": rows}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The lines belong to the project's work areas and categories.
        form.fields["project"].disabled = True
        return form

    def is_valid(self, form):
        self.submission = version_editor.read_submission(self.request.POST, self.lookups)
        self.new_row = self.read_new_row()
        valid = super().is_valid(form)
        if not self.submission.is_valid or self.new_row is False:
            self.produced_error_code = "validation_error"
            self.produced_error_message = _(
                "The budget lines could not be saved. Correct the cells marked below; nothing "
                "has been saved."
            )
            return False
        return valid

    def read_new_row(self):
        """The row asked for with "Add row" (None without one, False when it is wrong)."""
        if "add_row" not in self.request.POST:
            return None
        data = self.request.POST
        try:
            row = RowKey(
                int(data.get("new_work_area", "")),
                int(data.get("new_category", "")),
                int(data.get("new_activity") or 0) or None,
                int(data.get("new_financier") or 0) or None,
            )
        except ValueError:
            self.row_error = _("Choose a work area and a cost category for the new row.")
            return False
        problem = self.lookups.problem(row)
        if problem:
            self.row_error = problem
            return False
        return row

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # approved by someone else in the meantime
            messages.error(self.request, " ".join(error.messages))
            return redirect("budget_version:inspect", self.object.pk)

    def save_instance(self):
        # The version's reference index is rebuilt once, after its lines (save_draft_lines).
        with disable_reference_index_auto_update():
            instance = super().save_instance()
        self.line_changes = services.save_draft_lines(
            instance, self.submission.amounts, user=self.request.user, lookups=self.lookups
        )
        return instance

    def get_success_message(self):
        changes = self.line_changes
        return _(
            "Budget version %(version)s is saved. Lines added: %(added)s, changed: "
            "%(changed)s, removed: %(removed)s."
        ) % {"version": self.object, **changes.summary()}

    def get_success_url(self):
        quarter_years = set(self.options["quarter_years"])
        show = self.request.POST.get("show_quarters", "")
        if show.isdigit():
            quarter_years ^= {int(show)}
        rows = list(self.options["rows"])
        if self.new_row and self.new_row not in rows:
            rows.append(self.new_row)
        query = urlencode(
            [("kvartal", year) for year in sorted(quarter_years)]
            + [("rad", version_editor.row_param(row)) for row in rows]
        )
        url = reverse("budget_version:edit", args=[self.object.pk])
        return f"{url}?{query}" if query else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = getattr(self, "submission", None)
        quarter_years = set(self.options["quarter_years"])
        rows = list(self.options["rows"])
        new_row = getattr(self, "new_row", None)
        if new_row:
            rows.append(new_row)
        grid = version_editor.build_grid(
            self.object,
            self.lookups,
            quarter_years=quarter_years,
            extra_rows=rows,
            submission=submission,
        )
        context.update(
            grid=grid,
            grid_errors=submission.errors if submission else [],
            row_error=getattr(self, "row_error", ""),
            packed_field=version_editor.PACKED_FIELD,
            kept_quarter_years=sorted(quarter_years),
            kept_rows=[version_editor.row_param(row) for row in rows],
            work_areas=self.lookups.work_areas.values(),
            categories=self.lookups.categories.values(),
            activities=sorted(
                self.lookups.activities.values(),
                key=lambda activity: (
                    self.lookups.work_areas[activity.work_area_id].sort_order,
                    activity.code,
                ),
            ),
            financiers=self.lookups.financiers.values(),
            import_url=reverse("budget_version:import", args=[self.object.pk]),
            export_url=reverse("budget_version:export", args=[self.object.pk]),
        )
        return context


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


APPROVE_VERSION = StateAction(
    "budget_version:approve",
    gettext_lazy("Approve the budget"),
    "approve",
    lambda version: not version.is_approved,
    icon_name="check",
)


class ApproveBudgetVersionView(StateChangeView):
    """The steering group's decision: the draft becomes the approved, current budget."""

    model = BudgetVersion
    action = APPROVE_VERSION
    related = ["project"]
    form_class = ApproveBudgetForm

    def get_page_title(self):
        return _("Approve budget version %(version)s") % {"version": self.object}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        if not self.object.approved_on:
            kwargs["initial"] = {
                "approved_on": datetime.date.today(),
                "approved_by": _("The steering group"),
            }
        return kwargs

    def done_url(self):
        return reverse("budget_version:inspect", args=[self.object.pk])

    def not_applicable_message(self):
        return _("Budget version %(label)s is already approved.") % {"label": self.object}

    def consequences(self):
        version = self.object
        count = version.lines.count()
        total = version.lines.aggregate(total=Sum("amount"))["total"]
        return [
            ngettext(
                "Version %(version)s has %(count)s budget line, in all %(total)s.",
                "Version %(version)s has %(count)s budget lines, in all %(total)s.",
                count,
            )
            % {"version": version, "count": count, "total": format_sek(total or 0)},
            _(
                "It becomes the current budget: the budget overview, the reports and the "
                "public pages show it from now on."
            ),
            _("It can no longer be changed; later changes are made in a new version made from it."),
        ]

    def perform(self, form):
        # The form edits its own copy; the service reads the version afresh under a lock.
        version = services.approve_budget_version(
            BudgetVersion.objects.get(pk=self.object.pk),
            approved_on=form.cleaned_data["approved_on"],
            approved_by=form.cleaned_data["approved_by"],
            reference=form.cleaned_data["decision_reference"],
            user=self.request.user,
        )
        return _("Budget version %(version)s is approved and is now the current budget.") % {
            "version": version
        }


class NewDraftFromVersionView(PermittedView):
    """Copies a version's lines into a new draft with the next number."""

    model = BudgetVersion
    permission_required = "add"

    def post(self, request, pk):
        source = permitted_object(request.user, BudgetVersion.objects.all(), pk, ["add"])
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
        versions = BudgetVersion.objects.select_related("project")
        version = permitted_object(request.user, versions, pk, ["view"])
        return xlsx_response(
            version_sheet.budget_version_workbook(version), version_sheet.export_filename(version)
        )


class BudgetSheetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class BudgetVersionSheetMixin:
    """What the Excel import's two steps share: the draft it goes into (an approved
    version sends the user to its page) and the private store of the uploaded file."""

    model = BudgetVersion
    permission_required = "change"
    header_icon = "upload"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.version = get_object_or_404(
            BudgetVersion.objects.select_related("project"), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if self.version.is_approved:
            messages.warning(
                request,
                _("An approved budget is not changed. Make a new version from it instead."),
            )
            return redirect("budget_version:inspect", self.version.pk)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def uploads(self):
        return PendingUploads(self.request, version_sheet.UPLOAD_KIND)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("budget_version:index"), "label": _("Budget versions")},
            {
                "url": reverse("budget_version:edit", args=[self.version.pk]),
                "label": str(self.version),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            version=self.version,
            edit_url=reverse("budget_version:edit", args=[self.version.pk]),
            export_url=reverse("budget_version:export", args=[self.version.pk]),
            import_url=reverse("budget_version:import", args=[self.version.pk]),
        )
        return context


class ImportBudgetVersionView(BudgetVersionSheetMixin, PermittedView, AdminPage, FormView):
    """Step 1: the file, exported from a version and edited."""

    template_name = "governance/budget/version_import.html"
    form_class = BudgetSheetUploadForm

    def get_page_title(self):
        return _("Import budget lines from Excel")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = version_sheet.COLUMNS
        return context

    def form_valid(self, form):
        token = self.uploads.keep(form.cleaned_data["file"], version=self.version.pk)
        return redirect("budget_version:import_preview", self.version.pk, token)


class PreviewBudgetVersionImportView(
    BudgetVersionSheetMixin, PermittedView, AdminPage, TemplateView
):
    """Step 2 and 3: every line the file adds, changes or removes, with its amounts; on
    confirm the file is read again and saved only if it still makes the changes shown."""

    template_name = "governance/budget/version_import_preview.html"

    def get_page_title(self):
        return _("Check the budget lines before import")

    def read(self):
        try:
            details = self.uploads.details(self.kwargs["token"])
        except PendingUploadGone as gone:
            raise Http404(_("The uploaded file is no longer available; upload it again.")) from gone
        if details.get("version") != self.version.pk:
            raise Http404(_("The uploaded file is no longer available; upload it again."))
        self.file_name = details["name"]
        with self.uploads.open(self.kwargs["token"]) as stored:
            return version_sheet.read_version_sheet(self.version, stored)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        changes = context["result"].changes
        describe = ProjectLookups(self.version.project).describe
        tables = [
            ("budget-import-added", _("Lines to add"), changes.added),
            ("budget-import-changed", _("Lines to change"), changes.changed),
            ("budget-import-removed", _("Lines to remove"), changes.removed),
        ]
        context.update(
            file_name=self.file_name,
            fingerprint=changes.fingerprint(),
            change_tables=[
                {
                    "id": table_id,
                    "title": title,
                    "rows": [(describe(change.key), change) for change in rows],
                }
                for table_id, title, rows in tables
                if rows
            ],
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(result=self.read()))

    def post(self, request, *args, **kwargs):
        result = self.read()
        if not result.is_valid:
            return self.render_to_response(self.get_context_data(result=result))
        if request.POST.get("fingerprint") != result.changes.fingerprint():
            messages.warning(
                request,
                _(
                    "The budget version has changed since you checked the file. Check the "
                    "changes again before you import."
                ),
            )
            return self.render_to_response(self.get_context_data(result=result))
        try:
            changes = version_sheet.save_version_sheet(result, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("budget_version:inspect", self.version.pk)
        self.uploads.forget(self.kwargs["token"])
        messages.success(
            request,
            _(
                "The file is imported into budget version %(version)s. Lines added: "
                "%(added)s, changed: %(changed)s, removed: %(removed)s."
            )
            % {"version": self.version, **changes.summary()},
        )
        return redirect("budget_version:edit", self.version.pk)


class BudgetVersionViewSet(GovernanceViewSet):
    url_prefix = "styrning/budgetversioner"
    name = "budget_version"
    model = BudgetVersion
    icon = "list-ol"
    menu_label = gettext_lazy("Budget versions")
    add_view_class = BudgetVersionCreateView
    edit_view_class = BudgetVersionEditView
    inspect_view_class = BudgetVersionInspectView
    inspect_template_name = "governance/budget/version_inspect.html"
    list_display = ["__str__", "project", "state", "approved_on", "approved_by"]
    list_select_related = ["project"]
    state_actions = [APPROVE_VERSION]
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
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", ApproveBudgetVersionView.as_view(), name="approve"),
            path("new-draft/<int:pk>/", NewDraftFromVersionView.as_view(), name="new_draft"),
            path("export/<int:pk>/", ExportBudgetVersionView.as_view(), name="export"),
            path("import/<int:pk>/", ImportBudgetVersionView.as_view(), name="import"),
            path(
                "import/<int:pk>/<str:token>/",
                PreviewBudgetVersionImportView.as_view(),
                name="import_preview",
            ),
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
    AccountMappingViewSet,
]


class BudgetApprovalFormatter(LogFormatter):
    label = gettext_lazy("Approve budget version")

    def format_message(self, log_entry):
        reference = log_entry.data.get("reference")
        if reference:
            return _("Approved as the budget in force (%(reference)s)") % {"reference": reference}
        return _("Approved as the budget in force")


class BudgetLinesFormatter(LogFormatter):
    label = gettext_lazy("Save budget lines")

    def format_message(self, log_entry):
        return _(
            "Budget lines saved: %(added)s added, %(changed)s changed, %(removed)s removed"
        ) % {key: log_entry.data.get(key, 0) for key in ("added", "changed", "removed")}


@hooks.register("register_log_actions")
def register_budget_log_actions(actions):
    actions.register_action(services.APPROVE)(BudgetApprovalFormatter)
    actions.register_action(services.SAVE_LINES)(BudgetLinesFormatter)
