"""Builds the demo project's register: organisations, people, the project with its
work areas and bodies, and an example activity plan. Finds what an earlier run made."""

from website import demo_data

from . import budget_demo
from .models import Membership, Organisation, Person, Project, WorkArea


def load_organisations():
    return {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in demo_data.ORGANISATIONS
    }


def load_project():
    facts = demo_data.PROJECT
    project, _created = Project.objects.get_or_create(
        slug=facts["slug"],
        defaults={
            "name": facts["name"],
            "short_name": facts["short_name"],
            "start_date": facts["start"],
            "end_date": facts["end"],
            "effect_goal": facts["effect_goal"],
            "description": facts["background"],
            "state": Project.State.ONGOING,
        },
    )
    for order, area in enumerate(demo_data.WORK_AREAS):
        WorkArea.objects.get_or_create(
            project=project,
            code=area["code"],
            defaults={"title": area["title"], "goal": area["goal"], "sort_order": order},
        )
    return project


def load_memberships(project, organisations):
    bodies = [
        (
            demo_data.PROJECT_LEADERS,
            Membership.Body.PROJECT_MANAGEMENT,
            Membership.Role.PROJECT_LEADER,
        ),
        (demo_data.STEERING_GROUP, Membership.Body.STEERING_GROUP, Membership.Role.MEMBER),
        (demo_data.PROJECT_GROUP, Membership.Body.PROJECT_GROUP, Membership.Role.MEMBER),
    ]
    for people, body, role in bodies:
        for name, organisation_name, title in people:
            person, _created = Person.objects.get_or_create(
                name=name,
                defaults={"organisation": organisations[organisation_name], "title": title},
            )
            Membership.objects.get_or_create(
                project=project,
                person=person,
                body=body,
                defaults={"role": role, "valid_from": project.start_date},
            )


def load(stdout):
    organisations = load_organisations()
    project = load_project()
    load_memberships(project, organisations)
    budget_demo.load(stdout)
