"""Admin views of co-financing: the registers (settings, hourly costs, time reports,
contributions in kind), the Excel import of time reports in three steps (upload,
preview old → new, confirm), and the monthly form where a member of the project group or
project management reports their own hours.

The uploaded file waits in the private pending-upload store (core.uploads) between
preview and confirm, known only to the uploader's session."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.admin_views import PermittedView, policy_menu_item
from core.uploads import PendingUploadGone, PendingUploads
from governance.budget.figures import months_between
from governance.cofinancing import excel, figures, services
from governance.cofinancing.models import (
    MAX_MONTH_HOURS,
    CofinancingSettings,
    HourlyCost,
    InKindContribution,
    TimeReport,
)
from governance.common.admin import AdminPage, GovernanceViewSet, IndexView
from governance.common.spreadsheets import validate_spreadsheet_upload
from governance.register.access import projects_allowing_all
from governance.register.models import Project

IMPORT_PERMISSIONS = ("add", "change")

# ---------------------------------------------------------------------------------------
# Registers


class CofinancingSettingsViewSet(GovernanceViewSet):
    url_prefix = "styrning/medfinansiering/installningar"
    name = "cofinancing_settings"
    model = CofinancingSettings
    icon = "cogs"
    menu_label = gettext_lazy("Co-financing settings")
    list_display = ["project", "payroll_overhead_percent"]
    list_select_related = ["project"]
    form_fields = ["project", "payroll_overhead_percent", "note"]


class HourlyCostViewSet(GovernanceViewSet):
    url_prefix = "styrning/medfinansiering/timkostnader"
    name = "hourly_cost"
    model = HourlyCost
    icon = "user"
    menu_label = gettext_lazy("Hourly costs")
    list_display = ["person", "financier", "valid_from", "valid_to", "hourly_rate"]
    list_select_related = ["person", "financier__organisation"]
    list_filter = ["project", "financier"]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("person"), FieldPanel("financier")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("hourly_rate"),
    ]


class TimeReportIndexView(IndexView):
    """The time reports, newest month first, with the Excel import and the monthly form."""

    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.import_url_name and all(
            self.user_has_permission(action) for action in IMPORT_PERMISSIONS
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


class TimeReportViewSet(GovernanceViewSet):
    url_prefix = "styrning/medfinansiering/tidrapporter"
    name = "time_report"
    model = TimeReport
    icon = "time"
    menu_label = gettext_lazy("Time reports")
    index_view_class = TimeReportIndexView
    list_display = ["person", "month", "work_area", "hours", "source"]
    list_select_related = ["person", "work_area"]
    list_filter = ["project", "person", "work_area", "source"]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("person"), FieldPanel("work_area")]),
        FieldRowPanel([FieldPanel("month"), FieldPanel("hours")]),
        FieldPanel("note"),
    ]
    inspect_view_fields = [
        "project",
        "person",
        "work_area",
        "month",
        "hours",
        "note",
        "source",
        "entered_by",
        "updated_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("excel/import/", TimeReportImportView.as_view(), name="import"),
            path(
                "excel/import/<str:token>/",
                TimeReportPreviewView.as_view(),
                name="import_preview",
            ),
        ]


class InKindContributionViewSet(GovernanceViewSet):
    url_prefix = "styrning/medfinansiering/bidrag-i-annat-an-pengar"
    name = "in_kind"
    model = InKindContribution
    icon = "home"
    menu_label = gettext_lazy("In-kind contributions")
    list_display = ["description", "financier", "kind", "date", "value"]
    list_select_related = ["financier__organisation"]
    list_filter = ["project", "financier", "kind"]
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("financier"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("value"), FieldPanel("work_area")]),
        FieldPanel("valuation_basis"),
    ]


# ---------------------------------------------------------------------------------------
# Excel import of time reports


class UploadForm(forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=gettext_lazy("Project"))
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[validate_spreadsheet_upload],  # the reading limits, before it is kept
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class TimeReportImportMixin:
    model = TimeReport
    permission_required = "add"
    any_permission_required = ["change"]
    header_icon = "upload"

    @cached_property
    def uploads(self):
        return PendingUploads(self.request, excel.UPLOAD_KIND)

    def projects(self):
        return projects_allowing_all(self.request.user, TimeReport, ["add", "change"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("time_report:index"), "label": _("Time reports")},
            {"url": "", "label": self.get_page_title()},
        ]


class TimeReportImportView(TimeReportImportMixin, PermittedView, AdminPage, FormView):
    """Step 1: the project and the file."""

    template_name = "governance/cofinancing/import.html"
    form_class = UploadForm
    page_title = gettext_lazy("Import time reports from Excel")

    def get_initial(self):
        projects = list(self.projects()[:2])
        return {"project": projects[0]} if len(projects) == 1 else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "projects": self.projects()}

    def form_valid(self, form):
        token = self.uploads.keep(
            form.cleaned_data["file"], project=form.cleaned_data["project"].pk
        )
        return redirect("time_report:import_preview", token=token)


class TimeReportPreviewView(TimeReportImportMixin, PermittedView, AdminPage, TemplateView):
    """Step 2 and 3: what the file adds and changes (old → new hours) and what each line
    is worth; on confirm the file is read again and saved in one transaction."""

    template_name = "governance/cofinancing/preview.html"
    page_title = gettext_lazy("Check the time reports before import")

    def read(self):
        token = self.kwargs["token"]
        try:
            details = self.uploads.details(token)
        except PendingUploadGone as gone:
            raise Http404(_("The uploaded file is no longer available; upload it again.")) from gone
        project = self.projects().filter(pk=details.get("project")).first()
        if project is None:
            raise Http404(_("The project no longer exists."))
        self.file_name = details["name"]
        with self.uploads.open(token) as stored:
            return excel.read_time_reports(project, stored)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            file_name=self.file_name,
            import_url=reverse("time_report:import"),
            index_url=reverse("time_report:index"),
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(preview=self.read()))

    def post(self, request, *args, **kwargs):
        preview = self.read()  # the database may have changed since the preview
        if not preview.is_valid:
            return self.render_to_response(self.get_context_data(preview=preview))
        services.save_import(preview, user=request.user)
        self.uploads.forget(self.kwargs["token"])
        messages.success(
            request,
            _(
                "The time reports for %(project)s are imported. New: %(created)s. "
                "Changed: %(updated)s. Unchanged: %(unchanged)s."
            )
            % {
                "project": preview.project,
                "created": len(preview.to_create),
                "updated": len(preview.to_update),
                "unchanged": len(preview.unchanged),
            },
        )
        return redirect("time_report:index")


# ---------------------------------------------------------------------------------------
# The monthly form


def month_label(month):
    return dateformat.format(month, "F Y").lower()


class MonthForm(forms.Form):
    """A month of the project and the hours per work area."""

    def __init__(self, *args, project, work_areas, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_areas = work_areas
        self.fields["month"] = forms.ChoiceField(
            label=_("Month"),
            choices=[(m.strftime("%Y-%m"), month_label(m)) for m in reversed(months)],
            widget=forms.HiddenInput,
        )
        for area in work_areas:
            self.fields[f"area_{area.pk}"] = forms.DecimalField(
                label=str(area),
                required=False,
                min_value=0,
                max_value=MAX_MONTH_HOURS,
                max_digits=6,
                decimal_places=2,
                localize=True,
                help_text=_("Hours, e.g. 12,5"),
            )

    def area_fields(self):
        return [self[f"area_{area.pk}"] for area in self.work_areas]

    def hours_by_area(self):
        return {area: self.cleaned_data.get(f"area_{area.pk}") for area in self.work_areas}

    def chosen_month(self):
        return datetime.date.fromisoformat(self.cleaned_data["month"] + "-01")


class OwnTimeView(PermittedView, AdminPage, TemplateView):
    """A member reports their own hours per work area for a month; the person is the one
    linked to their user account."""

    model = TimeReport
    permission_required = "report"
    template_name = "governance/cofinancing/own_time.html"
    page_title = gettext_lazy("My time report")
    header_icon = "time"

    @cached_property
    def person(self):
        return getattr(self.request.user, "person", None)

    @cached_property
    def projects(self):
        return list(services.reporting_projects(self.person)) if self.person else []

    @cached_property
    def project(self):
        chosen = self.request.GET.get("projekt") or self.request.POST.get("projekt")
        for project in self.projects:
            if str(project.pk) == chosen:
                return project
        return self.projects[0] if self.projects else None

    def months(self):
        today = timezone.localdate()
        last = min(self.project.end_date, today)
        if last < self.project.start_date:
            return []
        return months_between(self.project.start_date, last)

    def chosen_month(self, months):
        text = self.request.GET.get("manad", "")
        for month in months:
            if month.strftime("%Y-%m") == text:
                return month
        return months[-1] if months else None

    def make_form(self, data=None):
        work_areas = list(self.project.work_areas.all())
        months = self.months()
        month = self.chosen_month(months)
        initial = {"month": month.strftime("%Y-%m")} if month else {}
        if month and data is None:
            for report in TimeReport.objects.filter(
                project=self.project, person=self.person, month=month
            ):
                initial[f"area_{report.work_area_id}"] = report.hours
        return MonthForm(
            data, project=self.project, work_areas=work_areas, months=months, initial=initial
        )

    def recent(self):
        """The person's reported months in the project, newest first, with their value."""
        lines = [
            line
            for line in figures.valued_time_reports(self.project)
            if line.person_id == self.person.pk
        ]
        months = {}
        for line in lines:
            row = months.setdefault(
                line.month, {"month": line.month, "hours": 0, "value": 0, "valued": True}
            )
            row["hours"] += line.hours
            if line.value is None:
                row["valued"] = False
            else:
                row["value"] += line.value
        return sorted(months.values(), key=lambda row: row["month"], reverse=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(person=self.person, projects=self.projects, project=self.project)
        if self.project is not None:
            months = self.months()
            month = self.chosen_month(months)
            context.setdefault("form", self.make_form())
            context.update(
                recent=self.recent(),
                month=month,
                month_choices=[(m.strftime("%Y-%m"), month_label(m)) for m in reversed(months)],
            )
        return context

    def post(self, request, *args, **kwargs):
        if self.project is None:
            raise Http404(_("You report time only in a project whose group you belong to."))
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        month = form.chosen_month()
        services.save_month(
            self.person, self.project, month, form.hours_by_area(), user=request.user
        )
        messages.success(
            request,
            _("Your hours for %(month)s are saved.") % {"month": month_label(month)},
        )
        return redirect(f"{reverse('own_time:form')}?projekt={self.project.pk}&manad={month:%Y-%m}")


class OwnTimeViewSet(ViewSet):
    name = "own_time"
    url_prefix = "styrning/min-tid"
    icon = "time"
    menu_label = gettext_lazy("My time report")
    menu_item_class = policy_menu_item(TimeReport, ["report"])

    def get_urlpatterns(self):
        return [path("", OwnTimeView.as_view(), name="form")]


COFINANCING_VIEWSETS = [
    OwnTimeViewSet,
    TimeReportViewSet,
    HourlyCostViewSet,
    InKindContributionViewSet,
    CofinancingSettingsViewSet,
]
