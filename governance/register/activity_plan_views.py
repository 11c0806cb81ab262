"""Admin views for the activity plan in Excel: the list's header buttons, the export, and
the import in three steps (upload, preview, confirm).

The uploaded file waits under MEDIA_ROOT between preview and confirm, named by a random
token that only the uploader's session knows; nothing reaches the database before confirm.
"""

import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry

from governance.register.activity_plan import (
    COLUMNS,
    export_activity_plan,
    export_filename,
    read_activity_plan,
    save_activity_plan,
)
from governance.register.models import Activity, Project

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_DIRECTORY = "activity-plan-imports"
SESSION_KEY = "activity_plan_imports"
# An upload nobody confirmed within a day is abandoned; the next upload removes it.
UPLOAD_LIFETIME_SECONDS = 24 * 60 * 60


def can_export_activity_plan(user):
    policy = policy_registry.get_by_type(Activity)
    return policy.user_has_any_permission(user, ["add", "change", "delete", "view"])


def can_import_activity_plan(user):
    policy = policy_registry.get_by_type(Activity)
    return policy.user_has_permission(user, "add") and policy.user_has_permission(user, "change")


class ActivityIndexView(IndexView):
    """The activity list with the Excel buttons for those allowed to use them."""

    export_url_name = None
    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user = self.request.user
        if self.export_url_name and can_export_activity_plan(user):
            buttons.append(
                HeaderButton(
                    _("Export to Excel"),
                    url=reverse(self.export_url_name),
                    icon_name="download",
                    priority=20,
                )
            )
        if self.import_url_name and can_import_activity_plan(user):
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
    project = forms.ModelChoiceField(queryset=Project.objects.all(), label=gettext_lazy("Project"))


class UploadForm(ProjectForm):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ActivityPlanView(WagtailAdminTemplateMixin):
    """What the Excel views share: permission, breadcrumbs back to the activity list."""

    index_url_name = None
    export_url_name = None
    import_url_name = None
    preview_url_name = None
    header_icon = "tasks"

    def user_is_allowed(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        # 403 like the rest of the governance admin, not Wagtail's redirect to the dashboard.
        if not self.user_is_allowed(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Activity._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    @staticmethod
    def single_project():
        projects = list(Project.objects.all()[:2])
        return projects[0] if len(projects) == 1 else None


class ActivityPlanExportView(ActivityPlanView, FormView):
    """Downloads the chosen project's plan; with a single project there is nothing to
    choose and the button downloads at once."""

    template_name = "governance/activity_plan/export.html"
    form_class = ProjectForm
    page_title = gettext_lazy("Export activity plan to Excel")

    def user_is_allowed(self, user):
        return can_export_activity_plan(user)

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": self.get_prefix()}
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
        response = HttpResponse(export_activity_plan(project), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{export_filename(project)}"'
        return response

    def post(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request, *args, **kwargs)


def _upload_directory():
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIRECTORY


def _remove_abandoned_uploads():
    directory = _upload_directory()
    if not directory.is_dir():
        return
    oldest_kept = time.time() - UPLOAD_LIFETIME_SECONDS
    for stored in directory.glob("*.xlsx"):
        if stored.stat().st_mtime < oldest_kept:
            stored.unlink(missing_ok=True)


class ActivityPlanImportView(ActivityPlanView, FormView):
    """Step 1: choose the project and the file."""

    template_name = "governance/activity_plan/import.html"
    form_class = UploadForm
    page_title = gettext_lazy("Import activity plan from Excel")

    def user_is_allowed(self, user):
        return can_import_activity_plan(user)

    def get_initial(self):
        project = self.single_project()
        return {"project": project} if project else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMNS
        return context

    def form_valid(self, form):
        _remove_abandoned_uploads()
        token = str(uuid.uuid4())
        directory = _upload_directory()
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / f"{token}.xlsx", "wb") as stored:
            for chunk in form.cleaned_data["file"].chunks():
                stored.write(chunk)
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads[token] = {
            "project": form.cleaned_data["project"].pk,
            "name": form.cleaned_data["file"].name,
        }
        self.request.session[SESSION_KEY] = uploads
        return redirect(self.preview_url_name, token=token)


class ActivityPlanPreviewView(ActivityPlanView, TemplateView):
    """Step 2 and 3: shows what the file would do (or what is wrong with it), and on
    confirm validates it again and saves it in one transaction."""

    template_name = "governance/activity_plan/preview.html"
    page_title = gettext_lazy("Check the activity plan before import")

    def user_is_allowed(self, user):
        return can_import_activity_plan(user)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.token = str(kwargs["token"])
        self.upload = request.session.get(SESSION_KEY, {}).get(self.token)

    @cached_property
    def stored_path(self):
        return _upload_directory() / f"{self.token}.xlsx"

    def read_plan(self):
        if self.upload is None or not self.stored_path.is_file():
            raise Http404(_("The uploaded file is no longer available; upload it again."))
        project = Project.objects.filter(pk=self.upload["project"]).first()
        if project is None:
            raise Http404(_("The project no longer exists."))
        with open(self.stored_path, "rb") as stored:
            return read_activity_plan(project, stored)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            file_name=self.upload["name"],
            import_url=reverse(self.import_url_name),
            index_url=reverse(self.index_url_name),
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(plan=self.read_plan()))

    def post(self, request, *args, **kwargs):
        # The database may have changed since the preview, so validate once more.
        plan = self.read_plan()
        if not plan.is_valid:
            return self.render_to_response(self.get_context_data(plan=plan))
        save_activity_plan(plan, user=request.user)
        self.forget_upload()
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

    def forget_upload(self):
        self.stored_path.unlink(missing_ok=True)
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads.pop(self.token, None)
        self.request.session[SESSION_KEY] = uploads


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
                "excel/import/<uuid:token>/",
                self.activity_plan_view(ActivityPlanPreviewView),
                name="import_plan_preview",
            ),
        ]
