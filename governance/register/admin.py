"""Admin views of the register: projects, work areas, activities, organisations, people."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

import django_filters

from governance.common.admin import GovernanceViewSet
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


class ProjectViewSet(GovernanceViewSet):
    url_prefix = "styrning/projekt"
    model = Project
    icon = "folder-open-inverse"
    menu_label = _("Projects")
    list_display = ["name", "short_name", "start_date", "end_date", "state"]
    list_filter = ["state"]
    search_fields = ["name", "short_name", "description"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("state")]),
        FieldPanel("effect_goal"),
        FieldPanel("description"),
        InlinePanel("memberships", heading=_("Organisation of the project"), label=_("membership")),
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
    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("title"),
        FieldPanel("goal"),
        MultiFieldPanel(
            [InlinePanel("activities", panels=ACTIVITY_PANELS, label=_("activity"))],
            heading=_("Activities"),
        ),
    ]


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
    panels = [
        FieldPanel("work_area"),
        *ACTIVITY_PANELS,
        InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
    ]


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
