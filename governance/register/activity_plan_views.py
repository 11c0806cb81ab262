"""Admin views for the activity plan in Excel: the list's header buttons, the export, and
the import in three steps (upload, preview, confirm).

The uploaded file waits in the private pending-upload store (core.uploads) between preview
and confirm, known only to the uploader's session; nothing reaches the database before
confirm.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from core.admin_views import ForbiddenMixin
from core.uploads import PendingUploadGone, PendingUploads
from governance.common.admin import IndexView, xlsx_response
from governance.common.spreadsheets import validate_spreadsheet_upload
from governance.decisions.models import Decision
from governance.register import replanning
from governance.register.access import permitted_projects, projects_allowing_all
from governance.register.activity_plan import (
    COLUMNS,
    export_activity_plan,
    export_filename,
    read_activity_plan,
    save_activity_plan,
)
from governance.register.models import Activity, Project

EXPORT_PERMISSIONS = ["add", "change", "delete", "view"]
UPLOAD_KIND = "activity-plan"


class ActivityIndexView(IndexView):
    """The activity list, by work area and code unless the user sorts it otherwise, with
    the Excel buttons for those allowed to use them."""

    export_url_name = None
    import_url_name = None
    default_ordering = ["work_area__sort_order", "work_area__code", "code"]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.export_url_name and self.user_has_any_permission(EXPORT_PERMISSIONS):
            buttons.append(
                HeaderButton(
                    _("Export to Excel"),
                    url=reverse(self.export_url_name),
                    icon_name="download",
                    priority=20,
                )
            )
        if (
            self.import_url_name
            and self.user_has_permission("add")
            and self.user_has_permission("change")
        ):
            buttons.append(
                HeaderButton(
                    _("Import from Excel"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                    priority=30,
                )
            )
        return buttons


class ProjectForm(forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=gettext_lazy("Project"))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class UploadForm(ProjectForm):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[validate_spreadsheet_upload],  # the reading limits, before it is kept
    )


class ReplanningForm(forms.Form):
    """What is behind the planned dates a file moves once the plan is approved."""

    decision = forms.ModelChoiceField(
        label=gettext_lazy("Decision behind the new planned dates"),
        queryset=Decision.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the re-planning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("When no decision is behind the moves: why the dates change."),
    )

    def __init__(self, *args, project, required, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required
        self.fields["decision"].queryset = (
            Decision.objects.filter(project=project)
            .exclude(state=Decision.State.REVOKED)
            .select_related("meeting")
        )

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["reason"] = cleaned_data.get("reason", "").strip()
        if self.required and not (cleaned_data.get("decision") or cleaned_data["reason"]):
            self.add_error("reason", replanning.justification_message())
        return cleaned_data


class ActivityPlanView(ForbiddenMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """What the Excel views share: the activity policy's permission, breadcrumbs back to
    the activity list."""

    model = Activity
    index_url_name = None
    export_url_name = None
    import_url_name = None
    preview_url_name = None
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Activity._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def projects(self):
        """The projects whose plan the user may read."""
        return permitted_projects(self.request.user, Activity, EXPORT_PERMISSIONS)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "projects": self.projects()}

    def single_project(self):
        projects = list(self.projects()[:2])
        return projects[0] if len(projects) == 1 else None


class ActivityPlanExportView(ActivityPlanView, FormView):
    """Downloads the chosen project's plan; with a single project there is nothing to
    choose and the button downloads at once."""

    template_name = "governance/activity_plan/export.html"
    form_class = ProjectForm
    page_title = gettext_lazy("Export activity plan to Excel")

    any_permission_required = EXPORT_PERMISSIONS

    def get_form_kwargs(self):
        kwargs = {
            "initial": self.get_initial(),
            "prefix": self.get_prefix(),
            "projects": self.projects(),
        }
        if "project" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        project = None
        if form.is_bound and form.is_valid():
            project = form.cleaned_data["project"]
        elif not form.is_bound:
            project = self.single_project()
        if project is None:
            return self.render_to_response(self.get_context_data(form=form))
        return xlsx_response(export_activity_plan(project), export_filename(project))

    def post(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request, *args, **kwargs)


class ImportPermissionMixin:
    # An import creates activities and changes others: both permissions are needed.
    permission_required = "add"
    any_permission_required = ["change"]

    @cached_property
    def uploads(self):
        return PendingUploads(self.request, UPLOAD_KIND)

    def projects(self):
        return projects_allowing_all(self.request.user, Activity, ["add", "change"])


class ActivityPlanImportView(ImportPermissionMixin, ActivityPlanView, FormView):
    """Step 1: choose the project and the file."""

    template_name = "governance/activity_plan/import.html"
    form_class = UploadForm
    page_title = gettext_lazy("Import activity plan from Excel")

    def get_initial(self):
        project = self.single_project()
        return {"project": project} if project else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMNS
        return context

    def form_valid(self, form):
        token = self.uploads.keep(
            form.cleaned_data["file"], project=form.cleaned_data["project"].pk
        )
        return redirect(self.preview_url_name, token=token)


class ActivityPlanPreviewView(ImportPermissionMixin, ActivityPlanView, TemplateView):
    """Step 2 and 3: shows what the file would do (or what is wrong with it), and on
    confirm validates it again and saves it in one transaction."""

    template_name = "governance/activity_plan/preview.html"
    page_title = gettext_lazy("Check the activity plan before import")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.token = kwargs["token"]

    @cached_property
    def upload(self):
        try:
            return self.uploads.details(self.token)
        except PendingUploadGone as gone:
            raise Http404(_("The uploaded file is no longer available; upload it again.")) from gone

    def read_plan(self):
        project = self.projects().filter(pk=self.upload["project"]).first()
        if project is None:
            raise Http404(_("The project no longer exists."))
        with self.uploads.open(self.token) as stored:
            return read_activity_plan(project, stored)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            file_name=self.upload["name"],
            import_url=reverse(self.import_url_name),
            index_url=reverse(self.index_url_name),
        )
        return context

    @staticmethod
    def replanning_form(plan, data=None):
        return ReplanningForm(data, project=plan.project, required=plan.needs_justification)

    def get(self, request, *args, **kwargs):
        plan = self.read_plan()
        return self.render_to_response(
            self.get_context_data(plan=plan, replanning_form=self.replanning_form(plan))
        )

    def post(self, request, *args, **kwargs):
        # The database may have changed since the preview, so validate once more.
        plan = self.read_plan()
        form = self.replanning_form(plan, request.POST)
        if not plan.is_valid or not form.is_valid():
            return self.render_to_response(self.get_context_data(plan=plan, replanning_form=form))
        save_activity_plan(
            plan,
            user=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
        self.uploads.forget(self.token)
        messages.success(
            request,
            _(
                "The activity plan of %(project)s is imported. New activities: %(created)s. "
                "Updated: %(updated)s. Unchanged: %(unchanged)s."
            )
            % {
                "project": plan.project,
                "created": len(plan.to_create),
                "updated": len(plan.to_update),
                "unchanged": len(plan.unchanged),
            },
        )
        return redirect(self.index_url_name)


class ActivityPlanViewSetMixin:
    index_view_class = ActivityIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self.activity_plan_url_names(), **kwargs)

    def activity_plan_url_names(self):
        return {
            "export_url_name": self.get_url_name("export_plan"),
            "import_url_name": self.get_url_name("import_plan"),
            "preview_url_name": self.get_url_name("import_plan_preview"),
        }

    def activity_plan_view(self, view_class):
        return self.construct_view(view_class, **self.activity_plan_url_names())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "excel/export/",
                self.activity_plan_view(ActivityPlanExportView),
                name="export_plan",
            ),
            path(
                "excel/import/",
                self.activity_plan_view(ActivityPlanImportView),
                name="import_plan",
            ),
            path(
                "excel/import/<str:token>/",
                self.activity_plan_view(ActivityPlanPreviewView),
                name="import_plan_preview",
            ),
        ]
