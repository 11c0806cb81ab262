"""Admin views of the budget: financiers, cost categories, budget versions with their lines,
cost entries with filters and totals, forecasts, the cost import (upload → preview →
confirm, undo) and the budget overview with its charts and Excel exports.

The views are thin: the figures come from figures.py, the import from cost_import.py and
the files from excel.py, all in this slice.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import LogFormatter, log

import django_filters

from core.admin_views import PermittedView, policy_menu_item
from core.uploads import PendingUploadGone, PendingUploads
from governance.budget import charts, cost_import, excel, figures, services
from governance.budget.models import (
    BudgetVersion,
    CostCategory,
    CostEntry,
    CostImportBatch,
    Financier,
    Forecast,
)
from governance.common.admin import (
    AdminPage,
    EditView,
    GovernanceViewSet,
    IndexView,
    InspectView,
    xlsx_response,
)
from governance.common.money import format_sek
from governance.register.models import Project

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


# ---------------------------------------------------------------------------------------
# Cost entries


class CostEntryFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = CostEntry
        fields = ["project", "date", "work_area", "category", "financier", "batch"]


class CostEntryIndexView(IndexView):
    """The list shows the total of every entry that the filters select, not just this page."""

    results_template_name = "governance/budget/cost_entry_results.html"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filtered_total"] = self.object_list.aggregate(total=Sum("amount"))["total"]
        context["export_url"] = reverse("budget:export_costs") + "?" + self.request.GET.urlencode()
        return context


class CostEntryViewSet(GovernanceViewSet):
    url_prefix = "styrning/utfall"
    name = "cost_entry"
    model = CostEntry
    icon = "doc-full"
    menu_label = gettext_lazy("Cost entries")
    index_view_class = CostEntryIndexView
    filterset_class = CostEntryFilterSet
    list_per_page = 50
    search_fields = ["voucher", "description"]
    list_display = [
        "date",
        "voucher",
        Column(
            "amount",
            label=gettext_lazy("amount (SEK)"),
            accessor=lambda entry: format_sek(entry.amount),
        ),
        "category",
        "work_area",
        "financier",
        "description",
    ]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("amount"), FieldPanel("voucher")]),
        FieldRowPanel([FieldPanel("work_area"), FieldPanel("activity")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("financier")]),
        FieldPanel("description"),
    ]

    list_select_related = ["category", "work_area", "financier__organisation"]


# ---------------------------------------------------------------------------------------
# Import batches


class UndoImportView(PermittedView, AdminPage, TemplateView):
    model = CostEntry
    permission_required = "delete"
    template_name = "governance/budget/undo_import.html"
    header_icon = "undo"

    def dispatch(self, request, *args, **kwargs):
        self.batch = get_object_or_404(CostImportBatch, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Undo import of %(file)s") % {"file": self.batch.file_name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batch"] = self.batch
        context["entry_count"] = self.batch.entries.count()
        return context

    def post(self, request, pk):
        removed = cost_import.undo_import(self.batch, request.user)
        log(self.batch, "wagtail.edit", user=request.user)
        messages.success(
            request,
            _("The import of %(file)s is undone: %(count)s cost entries were removed.")
            % {"file": self.batch.file_name, "count": removed},
        )
        return redirect("cost_import:index")


class CostImportBatchViewSet(GovernanceViewSet):
    url_prefix = "styrning/kostnadsimporter"
    name = "cost_import"
    model = CostImportBatch
    icon = "upload"
    menu_label = gettext_lazy("Cost imports")
    add_to_admin_menu = False
    inspect_template_name = "governance/budget/import_inspect.html"
    list_display = [
        "file_name",
        "imported_at",
        "imported_by",
        "row_count",
        "duplicate_count",
        Column(
            "total_amount",
            label=gettext_lazy("total (SEK)"),
            accessor=lambda batch: format_sek(batch.total_amount),
        ),
        "undone_at",
    ]
    list_filter = ["project"]
    form_fields = ["file_name"]

    list_select_related = ["imported_by", "project"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("undo/<int:pk>/", UndoImportView.as_view(), name="undo"),
        ]


# ---------------------------------------------------------------------------------------
# The budget overview, the import and the exports


def project_from(request):
    projects = Project.objects.all()
    chosen = request.GET.get("project") or request.POST.get("project")
    if chosen and str(chosen).isdigit():
        return get_object_or_404(projects, pk=chosen)
    project = projects.filter(state=Project.State.ONGOING).first() or projects.first()
    if project is None:
        raise Http404(_("There is no project yet."))
    return project


class OverviewFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        Project.objects.all(), label=gettext_lazy("Project"), required=False
    )
    version = forms.ModelChoiceField(
        BudgetVersion.objects.none(), label=gettext_lazy("Budget version"), required=False
    )
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=AdminDateInput)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = BudgetVersion.objects.filter(project=project)
        self.fields["version"].empty_label = _("Current approved budget")


def overview_from(request):
    project = project_from(request)
    form = OverviewFilterForm(request.GET or None, project=project, initial={"project": project})
    version = start = end = None
    if form.is_valid():
        version = form.cleaned_data["version"]
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, figures.overview(project, version=version, start=start, end=end)


class BudgetOverviewView(PermittedView, AdminPage, TemplateView):
    model = CostEntry
    permission_required = "view"
    template_name = "governance/budget/overview.html"
    page_title = gettext_lazy("Budget overview")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, overview = overview_from(self.request)
        query = self.request.GET.urlencode()
        context.update(
            form=form,
            overview=overview,
            cumulative_chart=charts.cumulative_chart(overview.cumulative),
            work_area_chart=charts.work_area_bars(overview.work_area_rows),
            export_url=reverse("budget:export_overview") + (f"?{query}" if query else ""),
            costs_export_url=reverse("budget:export_costs") + f"?project={overview.project.pk}",
            can_import=self.user_has_permission("add"),
            import_url=reverse("budget:import") + f"?project={overview.project.pk}",
        )
        return context


class ExportOverviewView(PermittedView):
    model = CostEntry
    permission_required = "view"

    def get(self, request):
        _form, overview = overview_from(request)
        return xlsx_response(
            excel.overview_workbook(overview),
            f"budgetuppfoljning-{overview.project.slug}-{datetime.date.today():%Y-%m-%d}.xlsx",
        )


class ExportCostsView(PermittedView):
    """All cost entries, or those the list's filters select."""

    model = CostEntry
    permission_required = "view"

    def get(self, request):
        filters = CostEntryFilterSet(request.GET or None, queryset=CostEntry.objects.all())
        entries = filters.qs if filters.is_bound and filters.is_valid() else CostEntry.objects.all()
        return xlsx_response(
            excel.cost_entries_workbook(entries),
            f"utfall-{datetime.date.today():%Y-%m-%d}.xlsx",
        )


class UploadForm(forms.Form):
    project = forms.ModelChoiceField(Project.objects.all(), label=gettext_lazy("Project"))
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "An export from the accounts as Excel (.xlsx) or CSV (.csv), at most 20 MB. The "
            "first row holds the column headings."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            cost_import.check_upload(uploaded)
        except cost_import.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return uploaded


class MappingForm(forms.Form):
    """One select per field of ours, offering the file's column headings."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [(h, h) for h in headers if h]
        for field_ in cost_import.FIELDS:
            self.fields[field_.name] = forms.ChoiceField(
                label=field_.label, choices=choices, required=False
            )

    def mapping(self):
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class CostImportView(PermittedView, AdminPage, TemplateView):
    """Upload → preview (with the column mapping) → confirm. Nothing is written before the
    confirmation, and then everything or nothing."""

    model = CostEntry
    permission_required = "add"
    template_name = "governance/budget/import.html"
    page_title = gettext_lazy("Import actual costs")
    header_icon = "upload"

    def get(self, request):
        project = project_from(request)
        return self.render(upload_form=UploadForm(initial={"project": project}))

    def render(self, **context):
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request):
        step = request.POST.get("step")
        if step == "upload":
            return self.upload()
        if step in ("preview", "confirm"):
            return self.preview_or_confirm(step)
        return redirect("budget:import")

    @cached_property
    def uploads(self):
        return PendingUploads(self.request, "cost-import")

    def upload(self):
        form = UploadForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.render(upload_form=form)
        project, uploaded = form.cleaned_data["project"], form.cleaned_data["file"]
        try:
            headers = cost_import.read_headers(uploaded, uploaded.name)
        except cost_import.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render(upload_form=form)
        token = self.uploads.keep(uploaded, project=project.pk)
        mapping = cost_import.guess_mapping(headers, cost_import.saved_mapping(project))
        return self.preview(project, token, mapping)

    def preview(self, project, token, mapping, mapping_form=None):
        file_name = self.uploads.details(token)["name"]
        try:
            with self.uploads.open(token) as file_obj:
                validation = cost_import.validate(project, file_obj, file_name, mapping)
        except cost_import.ImportFileError as error:
            self.uploads.forget(token)
            messages.error(self.request, str(error))
            return self.render(upload_form=UploadForm(initial={"project": project}))
        if mapping_form is None:
            mapping_form = MappingForm(initial=mapping, headers=validation.headers)
        return self.render(
            project=project,
            token=token,
            file_name=file_name,
            validation=validation,
            mapping_form=mapping_form,
            sample=validation.entries[:20],
        )

    def preview_or_confirm(self, step):
        token = self.request.POST.get("token", "")
        try:
            details = self.uploads.details(token)
            project = Project.objects.get(pk=details["project"])
            with self.uploads.open(token) as file_obj:
                headers = cost_import.read_headers(file_obj, details["name"])
        except (PendingUploadGone, Project.DoesNotExist, cost_import.ImportFileError):
            messages.error(self.request, _("The uploaded file is gone. Upload it again."))
            return redirect("budget:import")
        mapping_form = MappingForm(self.request.POST, headers=headers)
        mapping_form.is_valid()
        mapping = mapping_form.mapping()
        if step == "preview":
            return self.preview(project, token, mapping, mapping_form)
        try:
            with self.uploads.open(token) as file_obj:
                batch, validation = cost_import.import_costs(
                    project, file_obj, details["name"], mapping, self.request.user
                )
        except cost_import.ImportRejected:
            messages.error(self.request, _("The file has errors. Nothing was imported."))
            return self.preview(project, token, mapping, mapping_form)
        except cost_import.ImportFileError as error:
            messages.error(self.request, str(error))
            return self.preview(project, token, mapping, mapping_form)
        self.uploads.forget(token)
        if batch is None:
            messages.warning(
                self.request,
                _("Nothing was imported: all %(count)s rows were already imported.")
                % {"count": validation.duplicate_count},
            )
            return redirect(reverse("budget:import") + f"?project={project.pk}")
        log(batch, "wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            _(
                "%(count)s cost entries were imported, in all %(total)s. "
                "%(duplicates)s rows were already imported and were left out."
            )
            % {
                "count": batch.row_count,
                "total": format_sek(batch.total_amount),
                "duplicates": batch.duplicate_count,
            },
        )
        return redirect("cost_import:inspect", batch.pk)


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
