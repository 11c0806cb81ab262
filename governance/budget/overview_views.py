"""The budget overview page with its charts, and its Excel export. The figures come from
figures.py, the charts from charts.py, the workbook from excel.py."""

import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.widgets import AdminDateInput

from core.admin_views import PermittedView
from governance.budget import charts, excel, figures
from governance.budget.models import BudgetVersion, CostEntry
from governance.cofinancing import figures as cofinancing_figures
from governance.common.admin import AdminPage, xlsx_response
from governance.register import as_of
from governance.register.access import permitted_projects
from governance.register.chosen_project import project_from
from governance.register.models import Project


class OverviewFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        Project.objects.all(), label=gettext_lazy("Project"), required=False
    )
    version = forms.ModelChoiceField(
        BudgetVersion.objects.none(), label=gettext_lazy("Budget version"), required=False
    )
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=AdminDateInput)
    as_of = forms.DateField(
        label=gettext_lazy("As it stood on"),
        required=False,
        widget=AdminDateInput,
        help_text=gettext_lazy(
            "The budget version in force on that day and the costs dated up to it."
        ),
    )

    def __init__(self, *args, project, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["version"].queryset = BudgetVersion.objects.filter(project=project)
        self.fields["version"].empty_label = _("Current approved budget")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        day = cleaned.get("as_of")
        if day:
            project = cleaned.get("project") or self.initial.get("project")
            refused = as_of.parse(day.isoformat(), project).message if project else ""
            if refused:
                self.add_error("as_of", refused)
        return cleaned


def overview_from(request):
    project = project_from(request, CostEntry)
    form = OverviewFilterForm(
        request.GET or None,
        project=project,
        projects=permitted_projects(request.user, CostEntry),
        initial={"project": project},
    )
    version = start = end = day = None
    if form.is_valid():
        version = form.cleaned_data["version"]
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        day = form.cleaned_data["as_of"]
    if day:  # the project as it stood then: that day's version, costs up to that day
        version = version or as_of.budget_version(project, day)
        end = min(end, day) if end else day
    overview = figures.overview(project, version=version, start=start, end=end)
    overview.as_of = day
    # Co-financing for the same version and range: cash, staff time and in kind.
    overview.cofinancing = cofinancing_figures.cofinancing(
        project, version=overview.version, start=start, end=end
    )
    return form, overview


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
            work_area_chart=charts.work_area_bars(
                overview.work_area_rows, with_forecast=not overview.is_filtered
            ),
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
