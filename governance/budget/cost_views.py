"""Admin views of actual costs: the cost entries with filters and totals, their Excel
export, the import (upload → preview with the column mapping, or with the SIE file's object
→ confirm), the import batches with their undo, and the account mapping. The import
itself is cost_import.py."""

import datetime

from django import forms
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import RedirectView, TemplateView

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

import django_filters

from background import exports
from core.admin_views import PermittedView
from core.uploads import PendingUploadGone, PendingUploads
from governance.budget import cost_import, cost_totals, excel
from governance.budget.models import AccountMapping, CostEntry, CostImportBatch
from governance.common.admin import (
    AdminPage,
    DeleteView,
    GovernanceViewSet,
    IndexView,
    InspectView,
)
from governance.common.money import format_sek
from governance.common.spreadsheets import XLSX_CONTENT_TYPE
from governance.register.access import permitted_projects
from governance.register.chosen_project import project_from
from governance.register.models import Project, WorkArea


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
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            project = self.request.GET.get("project", "")
            context["import_url"] = reverse("budget:import") + (
                f"?project={project}" if project.isdigit() else ""
            )
        return context


class CostEntryDeleteView(DeleteView):
    def delete_action(self):
        super().delete_action()
        cost_totals.deleted(self.object)


class CostEntryViewSet(GovernanceViewSet):
    url_prefix = "styrning/utfall"
    name = "cost_entry"
    model = CostEntry
    icon = "doc-full"
    menu_label = gettext_lazy("Cost entries")
    index_view_class = CostEntryIndexView
    delete_view_class = CostEntryDeleteView
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

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = self.batch = get_object_or_404(CostImportBatch, pk=kwargs["pk"])

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


class StartImportView(PermittedView, RedirectView):
    """A cost import is made by importing a file: "Add" leads to the import page."""

    model = CostEntry
    permission_required = "add"

    def get_redirect_url(self):
        project = self.request.GET.get("project", "")
        query = f"?project={project}" if project.isdigit() else ""
        return reverse("budget:import") + query


class ImportRecordMixin:
    """An import is the record of what came in: it is undone, never edited or deleted."""

    def get_edit_url(self, *args):
        return None

    def get_delete_url(self, *args):
        return None


class CostImportIndexView(ImportRecordMixin, IndexView):
    pass


class CostImportInspectView(ImportRecordMixin, InspectView):
    pass


class KeepImportRecordView(PermittedView, RedirectView):
    """What the edit and delete addresses of an import answer: its page, and why."""

    model = CostImportBatch
    permission_required = "view"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(CostImportBatch, pk=kwargs["pk"])

    def get_redirect_url(self, pk):
        messages.warning(
            self.request,
            _(
                "An import is kept as the record of what was imported. Undo it to remove its "
                "cost entries."
            ),
        )
        return reverse("cost_import:inspect", args=[pk])


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
        "complete",
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

    index_view_class = CostImportIndexView
    inspect_view_class = CostImportInspectView

    @property
    def add_view(self):
        return StartImportView.as_view()

    @property
    def edit_view(self):
        return KeepImportRecordView.as_view()

    @property
    def delete_view(self):
        return KeepImportRecordView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("undo/<int:pk>/", UndoImportView.as_view(), name="undo"),
        ]


# ---------------------------------------------------------------------------------------
# Account mapping


class AccountMappingViewSet(GovernanceViewSet):
    url_prefix = "styrning/kontomappning"
    name = "account_mapping"
    model = AccountMapping
    icon = "list-ol"
    menu_label = gettext_lazy("Account mapping")
    list_display = [
        Column("accounts", label=gettext_lazy("accounts"), accessor=lambda m: m.accounts_label),
        "category",
        "note",
        "project",
    ]
    list_filter = ["project", "category"]
    list_per_page = 100
    list_select_related = ["category", "project"]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("first_account"), FieldPanel("last_account")]),
        FieldPanel("category"),
        FieldPanel("note"),
    ]


def cost_entry_rows(params, user):
    """The cost entries of the projects where the user may see them, all or those the
    list's filters (in `params`) select."""
    entries = policy_registry.get_by_type(CostEntry).instances_user_has_permission_for(user, "view")
    filters = CostEntryFilterSet(params or None, queryset=entries)
    return filters.qs if filters.is_bound and filters.is_valid() else entries


# Over EXPORT_BACKGROUND_ROWS entries the worker writes the file (background/exports.py).
COST_ENTRIES = exports.Export(
    path="governance.budget.cost_views.COST_ENTRIES",
    title=gettext_lazy("Cost entries"),
    model=CostEntry,
    action="view",
    rows=cost_entry_rows,
    write=excel.cost_entries_workbook,
    file_name=lambda: f"utfall-{datetime.date.today():%Y-%m-%d}.xlsx",
    content_type=XLSX_CONTENT_TYPE,
)


class ExportCostsView(PermittedView):
    model = CostEntry
    permission_required = "view"

    def get(self, request):
        return exports.respond(request, COST_ENTRIES, request.GET)


class UploadForm(forms.Form):
    project = forms.ModelChoiceField(Project.objects.none(), label=gettext_lazy("Project"))
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "An export from the accounts: Excel (.xlsx) or CSV (.csv) with a row of column "
            "headings, at most 20 MB, or a SIE 4 file (.se), at most 50 MB."
        ),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            cost_import.check_upload(uploaded)
        except cost_import.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return uploaded


def work_area_field(project, required, label):
    return forms.ModelChoiceField(
        WorkArea.objects.filter(project=project),
        label=label,
        required=required,
        empty_label="–",
    )


class MappingForm(forms.Form):
    """One select per field of ours, offering the file's column headings, and the work area
    of rows without one (a raw ledger has no work-area column)."""

    def __init__(self, *args, headers, project, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [(h, h) for h in headers if h]
        for field_ in cost_import.FIELDS:
            self.fields[field_.name] = forms.ChoiceField(
                label=field_.label, choices=choices, required=False
            )
        self.fields["default_work_area"] = work_area_field(
            project, False, gettext_lazy("Work area of rows without one")
        )

    def mapping(self):
        return {
            field_.name: self.cleaned_data.get(field_.name) or "" for field_ in cost_import.FIELDS
        }

    def default_work_area(self):
        return self.cleaned_data.get("default_work_area")


def object_value(dimension, object_id):
    return f"{dimension}:{object_id}"


class SieChoiceForm(forms.Form):
    """Which object of the SIE file marks the project's rows, and their work area."""

    def __init__(self, *args, objects, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object"] = forms.ChoiceField(
            label=gettext_lazy("The project's rows in the file"),
            help_text=gettext_lazy(
                "The object (for example a project or a cost centre) that the accounts put "
                "on the project's costs."
            ),
            choices=[("", "–")]
            + [(object_value(item[0], item[1]), object_label(*item)) for item in objects],
        )
        self.fields["work_area"] = work_area_field(project, True, gettext_lazy("Work area"))
        self.fields["work_area"].help_text = gettext_lazy("The work area of every imported row.")

    def choice(self):
        dimension, object_id = self.cleaned_data["object"].split(":", 1)
        return cost_import.SieChoice(int(dimension), object_id, self.cleaned_data["work_area"])


def object_label(dimension, object_id, dimension_name, name, rows):
    """ "6 Projekt · P123 Regionprojektet · 312 rader": what the user recognises."""
    rows_text = ngettext("%(count)s row", "%(count)s rows", rows) % {"count": rows}
    dimension_text = f"{dimension} {dimension_name}".strip()
    return " · ".join(part for part in (dimension_text, f"{object_id} {name}".strip(), rows_text))


class CostImportView(PermittedView, AdminPage, TemplateView):
    """Upload → preview (with the column mapping) → confirm. Nothing is written before the
    confirmation, and then everything or nothing."""

    model = CostEntry
    permission_required = "add"
    template_name = "governance/budget/import.html"
    page_title = gettext_lazy("Import actual costs")
    header_icon = "upload"

    def projects(self):
        return permitted_projects(self.request.user, CostEntry, ["add"])

    def get(self, request):
        project = project_from(request, CostEntry, ["add"])
        return self.render(
            upload_form=UploadForm(initial={"project": project}, projects=self.projects())
        )

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
        form = UploadForm(self.request.POST, self.request.FILES, projects=self.projects())
        if not form.is_valid():
            return self.render(upload_form=form)
        project, uploaded = form.cleaned_data["project"], form.cleaned_data["file"]
        try:
            kind = cost_import.file_kind(uploaded, uploaded.name)
            if kind == cost_import.SIE:
                objects = sie_objects(cost_import.summarise_sie(uploaded))
            else:
                headers = cost_import.read_headers(uploaded, uploaded.name)
        except cost_import.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render(upload_form=form)
        if kind == cost_import.SIE:
            if not objects:
                form.add_error(
                    "file",
                    _(
                        "No row of the SIE file carries an object (a project or a cost "
                        "centre), so the project's rows cannot be told apart."
                    ),
                )
                return self.render(upload_form=form)
            token = self.uploads.keep(uploaded, project=project.pk, sie_objects=objects)
            return self.choose_object(project, token, objects)
        token = self.uploads.keep(uploaded, project=project.pk)
        mapping = cost_import.guess_mapping(headers, cost_import.saved_mapping(project))
        return self.preview(project, token, mapping)

    def choose_object(self, project, token, objects, form=None, validation=None):
        if form is None:
            form = SieChoiceForm(
                initial={"object": initial_object(project, objects)},
                objects=objects,
                project=project,
            )
        return self.render(
            project=project,
            token=token,
            file_name=self.uploads.details(token)["name"],
            sie_form=form,
            validation=validation,
            sample=validation.entries[:20] if validation else [],
        )

    def preview(self, project, token, mapping, mapping_form=None, work_area=None):
        file_name = self.uploads.details(token)["name"]
        try:
            with self.uploads.open(token) as file_obj:
                validation = cost_import.validate(project, file_obj, file_name, mapping, work_area)
        except cost_import.ImportFileError as error:
            self.uploads.forget(token)
            messages.error(self.request, str(error))
            return self.render(
                upload_form=UploadForm(initial={"project": project}, projects=self.projects())
            )
        if mapping_form is None:
            mapping_form = MappingForm(initial=mapping, headers=validation.headers, project=project)
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
            project = self.projects().get(pk=details["project"])
            if "sie_objects" in details:
                return self.sie_preview_or_confirm(step, project, token, details)
            with self.uploads.open(token) as file_obj:
                headers = cost_import.read_headers(file_obj, details["name"])
        except (PendingUploadGone, Project.DoesNotExist, cost_import.ImportFileError):
            messages.error(self.request, _("The uploaded file is gone. Upload it again."))
            return redirect("budget:import")
        mapping_form = MappingForm(self.request.POST, headers=headers, project=project)
        mapping_form.is_valid()
        mapping, work_area = mapping_form.mapping(), mapping_form.default_work_area()
        if step == "preview":
            return self.preview(project, token, mapping, mapping_form, work_area)
        try:
            with self.uploads.open(token) as file_obj:
                batch, validation = cost_import.import_costs(
                    project, file_obj, details["name"], mapping, self.request.user, work_area
                )
        except cost_import.ImportRejected:
            messages.error(self.request, _("The file has errors. Nothing was imported."))
            return self.preview(project, token, mapping, mapping_form, work_area)
        except cost_import.ImportFileError as error:
            messages.error(self.request, str(error))
            return self.preview(project, token, mapping, mapping_form, work_area)
        return self.imported(project, token, batch, validation)

    def sie_preview_or_confirm(self, step, project, token, details):
        objects = details["sie_objects"]
        form = SieChoiceForm(self.request.POST, objects=objects, project=project)
        if not form.is_valid():
            return self.choose_object(project, token, objects, form)
        choice = form.choice()
        try:
            with self.uploads.open(token) as file_obj:
                if step == "preview":
                    validation = cost_import.validate_sie(
                        project, file_obj, details["name"], choice
                    )
                    return self.choose_object(project, token, objects, form, validation)
                batch, validation = cost_import.import_sie(
                    project, file_obj, details["name"], choice, self.request.user
                )
        except cost_import.ImportRejected as rejected:
            messages.error(self.request, _("The file has errors. Nothing was imported."))
            return self.choose_object(project, token, objects, form, rejected.validation)
        except cost_import.ImportFileError as error:
            self.uploads.forget(token)
            messages.error(self.request, str(error))
            return redirect(reverse("budget:import") + f"?project={project.pk}")
        return self.imported(project, token, batch, validation)

    def imported(self, project, token, batch, validation):
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


def sie_objects(summary):
    """[dimension, object, dimension's name, object's name, rows] of every object with
    rows, as the session keeps them for the choice."""
    return [
        [dimension, object_id, dimension_name, name, summary.object_rows[(dimension, object_id)]]
        for dimension, object_id, dimension_name, name in summary.object_choices()
    ]


def initial_object(project, objects):
    """The object of the project's last SIE import when the file has it, otherwise the
    object with the most rows in dimension 6 ("Projekt" in the standard), otherwise none."""
    available = {(item[0], item[1]) for item in objects}
    saved = cost_import.saved_sie_choice(project)
    if saved and tuple(saved) in available:
        return object_value(*saved)
    projects = [item for item in objects if item[0] == 6]
    if projects:
        best = max(projects, key=lambda item: item[4])
        return object_value(best[0], best[1])
    return ""
