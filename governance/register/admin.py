"""Admin views of the register: projects, work areas, activities, organisations, people."""

from django import forms
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)

import django_filters

from governance.common.admin import GovernanceViewSet
from governance.common.state_actions import StateAction, StateChangeView
from governance.decisions.models import Decision
from governance.register import lifecycle, replanning
from governance.register.activity_plan_views import ActivityPlanViewSetMixin
from governance.register.models import Activity, Organisation, Person, Project, WorkArea

ACTIVITY_PANELS = [
    FieldRowPanel([FieldPanel("code"), FieldPanel("title")]),
    FieldPanel("description"),
    FieldRowPanel([FieldPanel("responsible_organisation"), FieldPanel("responsible_people")]),
    FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
    FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
    FieldRowPanel([FieldPanel("status"), FieldPanel("progress"), FieldPanel("is_public")]),
]


class ActivityForm(WagtailAdminModelForm):
    """Once the plan is approved, moving an activity's planned dates names the decision
    behind it or the project leaders' reason, and is recorded as a re-planning."""

    replanning_decision = forms.ModelChoiceField(
        label=_("Decision behind the new planned dates"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("Only when you move the planned dates of an approved plan."),
    )
    replanning_reason = forms.CharField(
        label=_("Reason for the re-planning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("When no decision is behind the move: why the dates change."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_dates = None
        if self.instance.pk:
            self.previous_dates = (self.instance.planned_start, self.instance.planned_end)
        if "replanning_decision" in self.fields:
            decisions = Decision.objects.select_related("meeting").exclude(
                state=Decision.State.REVOKED
            )
            if self.instance.pk:
                decisions = decisions.filter(project_id=self.instance.work_area.project_id)
            self.fields["replanning_decision"].queryset = decisions

    def moved(self):
        if self.previous_dates is None:
            return False
        start = self.cleaned_data.get("planned_start")
        end = self.cleaned_data.get("planned_end")
        return bool(start and end) and (start, end) != self.previous_dates

    def clean(self):
        cleaned_data = super().clean()
        work_area = cleaned_data.get("work_area")
        if work_area is None and self.instance.work_area_id:
            work_area = self.instance.work_area
        if work_area is None:
            return cleaned_data
        decision = cleaned_data.get("replanning_decision")
        reason = cleaned_data.get("replanning_reason", "").strip()
        if decision and decision.project_id != work_area.project_id:
            self.add_error(
                "replanning_decision", gettext("The decision belongs to another project.")
            )
        elif self.moved() and work_area.project.plan_is_approved() and not (decision or reason):
            self.add_error("replanning_reason", replanning.justification_message())
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and self.moved():
            previous_start, previous_end = self.previous_dates
            replanning.record_replanning(
                instance,
                previous_start=previous_start,
                previous_end=previous_end,
                decision=self.cleaned_data.get("replanning_decision"),
                reason=self.cleaned_data.get("replanning_reason", "").strip(),
                user=self.for_user,
            )
        return instance


class WorkAreaForm(WagtailAdminModelForm):
    """The work area's inline activities have no place for a decision: once the plan is
    approved, their planned dates move in the activity's own form."""

    def is_valid(self):
        valid = super().is_valid()
        project = self.cleaned_data.get("project") if hasattr(self, "cleaned_data") else None
        project = project or (self.instance.project if self.instance.project_id else None)
        if project is None or not project.plan_is_approved():
            return valid
        for form in self.formsets["activities"].forms:
            dates = {"planned_start", "planned_end"} & set(form.changed_data)
            if form.instance.pk and dates and hasattr(form, "cleaned_data"):
                form.add_error(
                    sorted(dates)[0],
                    gettext(
                        "The activity plan is approved: move the planned dates in the "
                        "activity's own form, where you name the decision or the reason."
                    ),
                )
                valid = False
        return valid


START_PROJECT = StateAction(
    "project:start",
    _("Start the project"),
    "change",
    lambda project: project.state == Project.State.PLANNED,
    icon_name="arrow-right",
)
CLOSE_PROJECT = StateAction(
    "project:close",
    _("Close the project"),
    "change",
    lambda project: project.state == Project.State.ONGOING,
    icon_name="lock",
)


class ProjectStateChangeView(StateChangeView):
    model = Project

    def not_applicable_message(self):
        return gettext("The project is %(state)s; this can no longer be done.") % {
            "state": self.object.get_state_display()
        }


class StartProjectView(ProjectStateChangeView):
    action = START_PROJECT

    def consequences(self):
        return [
            gettext(
                "The project is ongoing: its project leaders and steering group see what "
                "waits for them on their dashboards."
            ),
        ]

    def perform(self, form):
        lifecycle.start_project(self.object, user=self.request.user)
        return gettext("The project is started.")


class CloseProjectView(ProjectStateChangeView):
    action = CLOSE_PROJECT

    def consequences(self):
        return [
            gettext(
                "The project is closed, as the steering group decides when the final report "
                "is approved; record that decision first."
            ),
            gettext("The project leaves the dashboards; its records and reports stay."),
            gettext("A closed project cannot be reopened here."),
        ]

    def perform(self, form):
        lifecycle.close_project(self.object, user=self.request.user)
        return gettext("The project is closed.")


class ProjectViewSet(GovernanceViewSet):
    url_prefix = "styrning/projekt"
    model = Project
    icon = "folder-open-inverse"
    menu_label = _("Projects")
    list_display = ["name", "short_name", "start_date", "end_date", "state"]
    list_filter = ["state"]
    search_fields = ["name", "short_name", "description"]
    state_actions = [START_PROJECT, CLOSE_PROJECT]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("plan_approved_on"),
        FieldPanel("effect_goal"),
        FieldPanel("description"),
        # Which site and collection are the project's decides whose pages its leaders edit:
        # only for those who manage the sites themselves.
        FieldRowPanel(
            [
                PageChooserPanel("public_root", ["website.HomePage"]),
                FieldPanel("collection"),
            ],
            permission="wagtailcore.change_site",
        ),
        InlinePanel("memberships", heading=_("Organisation of the project"), label=_("membership")),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/starta/", StartProjectView.as_view(), name="start"),
            path("<int:pk>/avsluta/", CloseProjectView.as_view(), name="close"),
        ]


class WorkAreaViewSet(GovernanceViewSet):
    url_prefix = "styrning/arbetsomraden"
    model = WorkArea
    icon = "table"
    menu_label = _("Work areas")
    list_display = ["__str__", "project"]
    list_select_related = ["project"]
    list_filter = ["project"]
    search_fields = ["code", "title", "goal"]
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
            FieldPanel("title"),
            FieldPanel("goal"),
            MultiFieldPanel(
                [InlinePanel("activities", panels=ACTIVITY_PANELS, label=_("activity"))],
                heading=_("Activities"),
            ),
        ],
        base_form_class=WorkAreaForm,
    )


class ActivityFilterSet(WagtailFilterSet):
    late = django_filters.BooleanFilter(label=_("Late"), method="filter_late")

    class Meta:
        model = Activity
        fields = ["work_area", "status", "responsible_organisation", "is_public"]

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = Activity.objects.late().values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class ActivityViewSet(ActivityPlanViewSetMixin, GovernanceViewSet):
    url_prefix = "styrning/aktiviteter"
    model = Activity
    icon = "tasks"
    menu_label = _("Activities")
    list_per_page = 50
    list_display = ["code", "title", "work_area", "status", "progress", "planned_end"]
    list_select_related = ["work_area"]
    filterset_class = ActivityFilterSet
    search_fields = ["code", "title", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("work_area"),
            *ACTIVITY_PANELS,
            MultiFieldPanel(
                [FieldPanel("replanning_decision"), FieldPanel("replanning_reason")],
                heading=_("Re-planning"),
            ),
            InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
        ],
        base_form_class=ActivityForm,
    )


class OrganisationViewSet(GovernanceViewSet):
    url_prefix = "styrning/organisationer"
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    form_fields = ["name", "kind", "website"]


class PersonViewSet(GovernanceViewSet):
    url_prefix = "styrning/personer"
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "organisation", "title"]
    list_select_related = ["organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "title"]
    form_fields = ["name", "organisation", "title", "email", "phone", "user"]


REGISTER_VIEWSETS = [
    ProjectViewSet,
    WorkAreaViewSet,
    ActivityViewSet,
    OrganisationViewSet,
    PersonViewSet,
]
