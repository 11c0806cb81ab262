"""Factories for the project register: projects with their work areas and activities,
organisations, people, memberships of the project's bodies, and the progress page."""

import datetime

import factory
from factory.django import DjangoModelFactory

from core import demo_data
from governance.register.models import (
    Activity,
    Membership,
    Organisation,
    Person,
    Project,
    WorkArea,
)
from governance.register.pages import ProjectPage
from tests.factories import PageFactory


class ProjectFactory(DjangoModelFactory):
    """An ongoing two-year project, 2012-10-01 – 2014-09-30. `work_areas=[("A", "Title"),
    …]` gives it work areas in that order. (Every new project gets the default cost
    categories from the budget slice.)"""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = "Testprojektet"
    short_name = "Test"
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    start_date = datetime.date(2012, 10, 1)
    end_date = datetime.date(2014, 9, 30)
    state = Project.State.ONGOING

    @factory.post_generation
    def work_areas(project, create, extracted, **kwargs):
        for order, (code, title) in enumerate(extracted if create and extracted else ()):
            WorkAreaFactory(project=project, code=code, title=title, sort_order=order)


class DemoProjectFactory(ProjectFactory):
    """The demo's project (core/demo_data.py) with its four work areas, as
    `manage.py load_demo` makes it; found again, not doubled, when it exists."""

    class Meta:
        django_get_or_create = ("slug",)

    name = demo_data.PROJECT["name"]
    short_name = demo_data.PROJECT["short_name"]
    slug = demo_data.PROJECT["slug"]
    start_date = demo_data.PROJECT["start"]
    end_date = demo_data.PROJECT["end"]
    effect_goal = demo_data.PROJECT["effect_goal"]
    description = demo_data.PROJECT["background"]

    @factory.post_generation
    def work_areas(project, create, extracted, **kwargs):
        if create and not project.work_areas.exists():
            for order, area in enumerate(demo_data.WORK_AREAS):
                WorkAreaFactory(project=project, sort_order=order, **area)


class WorkAreaFactory(DjangoModelFactory):
    class Meta:
        model = WorkArea

    project = factory.SubFactory(ProjectFactory)
    code = factory.Sequence(lambda n: chr(ord("A") + n % 26) + str(n // 26 or ""))
    title = factory.LazyAttribute(lambda area: f"Arbetsområde {area.code}")


class OrganisationFactory(DjangoModelFactory):
    """Organisation names are unique: a name that exists gives that organisation."""

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")


class ActivityFactory(DjangoModelFactory):
    """An activity planned for the first half of 2013, inside ProjectFactory's period.
    `responsible_people=[…]` sets who is responsible."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    work_area = factory.SubFactory(WorkAreaFactory)
    code = factory.Sequence(lambda n: f"X.{n + 1}")
    title = factory.LazyAttribute(lambda activity: f"Aktivitet {activity.code}")
    planned_start = datetime.date(2013, 1, 1)
    planned_end = datetime.date(2013, 6, 30)

    @factory.post_generation
    def responsible_people(activity, create, extracted, **kwargs):
        if extracted:
            # A ParentalManyToManyField: the relation is written when the activity is saved.
            activity.responsible_people.set(extracted)
            if create:
                activity.save()


class MembershipFactory(DjangoModelFactory):
    """A member of the project's steering group unless `body` and `role` say otherwise."""

    class Meta:
        model = Membership

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)
    body = Membership.Body.STEERING_GROUP
    role = Membership.Role.MEMBER


class ProjectPageFactory(PageFactory):
    """The public progress page of a project, under the home page."""

    class Meta:
        model = ProjectPage

    title = "Så går arbetet"
    slug = "lagesbild"
    project = factory.SubFactory(ProjectFactory)


def activity_form_data(activity, **changes):
    """What the activity edit form posts for the activity as it is, with changes on top
    (the re-planning fields empty, no milestones)."""
    data = {
        "work_area": activity.work_area_id,
        "code": activity.code,
        "title": activity.title,
        "description": activity.description,
        "planned_start": activity.planned_start.isoformat(),
        "planned_end": activity.planned_end.isoformat(),
        "status": activity.status,
        "progress": activity.progress,
        "is_public": "on",
        "replanning_decision": "",
        "replanning_reason": "",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data
