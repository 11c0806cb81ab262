"""Admin views of actual costs: the cost entries with filters and totals, their Excel
export, the import (upload → preview with the column mapping → confirm) and the import
batches with their undo. The import itself is cost_import.py."""

import datetime

from django import forms
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log

import django_filters

from core.admin_views import PermittedView
from core.uploads import PendingUploadGone, PendingUploads
from governance.budget import cost_import, excel
from governance.budget.models import CostEntry, CostImportBatch
from governance.budget.overview_views import project_from
from governance.common.admin import AdminPage, GovernanceViewSet, IndexView, xlsx_response
from governance.common.money import format_sek
from governance.register.models import Project


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
