"""Builds the demo project's register: organisations, people, the project with its
work areas and bodies, and an example activity plan. Finds what an earlier run made."""

import unicodedata

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Site

from core import demo_data
from core.locales import publish_translation
from governance.budget import demo as budget_demo
from governance.cofinancing import demo as cofinancing_demo
from governance.decisions import demo as decisions_demo
from governance.funder_report import demo as funder_report_demo
from governance.register import project_groups
from governance.register.models import (
    Activity,
    Membership,
    Milestone,
    Organisation,
    Person,
    Project,
    WorkArea,
)
from governance.register.pages import ProjectPage
from governance.reports import demo as reports_demo


def load_organisations(rows=demo_data.ORGANISATIONS):
    return {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in rows
    }


def load_project(facts=demo_data.PROJECT, work_areas=demo_data.WORK_AREAS):
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
    for order, area in enumerate(work_areas):
        WorkArea.objects.get_or_create(
            project=project,
            code=area["code"],
            defaults={"title": area["title"], "goal": area["goal"], "sort_order": order},
        )
    return project


def example_address(name):
    """A demo person's address at example.se, e.g. kurt-allan.egelby@example.se."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join(plain.split()) + "@example.se"


def link_demo_users(users=demo_data.DEMO_USERS):
    """Each demo user is the person of the same name (the project leader Carina Lindberg,
    the steering-group member Anna Olofsson…): the person's membership gives the user their
    rights in the project, and the person's address gets their mail. Saved one by one, so
    that what follows a person's account (their project groups) follows."""
    for username, _password, _role, first_name, last_name in users:
        user = get_user_model().objects.filter(username=username).first()
        if user is None or Person.objects.filter(user=user).exists():
            continue
        person = Person.objects.filter(name=f"{first_name} {last_name}", user=None).first()
        if person is not None:
            person.user = user
            person.save()


def first_project_bodies():
    return [
        (
            demo_data.PROJECT_LEADERS,
            Membership.Body.PROJECT_MANAGEMENT,
            Membership.Role.PROJECT_LEADER,
        ),
        (demo_data.STEERING_GROUP, Membership.Body.STEERING_GROUP, Membership.Role.MEMBER),
        (demo_data.PROJECT_GROUP, Membership.Body.PROJECT_GROUP, Membership.Role.MEMBER),
        (demo_data.GUEST_WRITERS, Membership.Body.GUEST_WRITERS, Membership.Role.MEMBER),
    ]


def second_project_bodies():
    """SECOND_PEOPLE by body, in the shape of first_project_bodies()."""
    bodies = []
    for body in Membership.Body:
        for name, organisation, title, person_body, _login in demo_data.SECOND_PEOPLE:
            if person_body != body:
                continue
            if body == Membership.Body.PROJECT_MANAGEMENT:
                role = Membership.Role.PROJECT_LEADER
            elif name == demo_data.SECOND_CHAIR:
                role = Membership.Role.CHAIR
            else:
                role = Membership.Role.MEMBER
            bodies.append(([(name, organisation, title)], body, role))
    return bodies


def load_memberships(project, organisations, bodies=None):
    for people, body, role in bodies or first_project_bodies():
        for name, organisation_name, title in people:
            person, _created = Person.objects.get_or_create(
                name=name,
                defaults={
                    "organisation": organisations.get(organisation_name),
                    "title": title,
                    "email": example_address(name),
                },
            )
            Membership.objects.get_or_create(
                project=project,
                person=person,
                body=body,
                defaults={"role": role, "valid_from": project.start_date},
            )


def load_activity_plan(
    project, organisations, rows=demo_data.ACTIVITIES, note=demo_data.EXAMPLE_ACTIVITY_NOTE
):
    work_areas = {area.code: area for area in project.work_areas.all()}
    people = {person.name: person for person in Person.objects.all()}
    for (
        code,
        title,
        organisation,
        person,
        planned_start,
        planned_end,
        status,
        progress,
        actual_start,
        actual_end,
    ) in rows:
        activity, created = Activity.objects.get_or_create(
            work_area=work_areas[code[0]],
            code=code,
            defaults={
                "title": title,
                "description": note,
                "responsible_organisation": organisations[organisation],
                "planned_start": planned_start,
                "planned_end": planned_end,
                "status": status,
                "progress": progress,
                "actual_start": actual_start,
                "actual_end": actual_end,
            },
        )
        if created:
            activity.full_clean()
            activity.responsible_people.set([people[person]])
            activity.save()
            Milestone.objects.create(
                activity=activity,
                title="Aktiviteten avslutad",
                due_date=planned_end,
                done_date=actual_end,
            )


def set_public_root(project, home):
    """The project's public site is the site whose home page this is: saved, so that what
    follows the project (its page permissions) follows."""
    if project.public_root_id != home.pk:
        project.public_root = home
        project.save()


def load_project_page(project, intro=None):
    existing = ProjectPage.objects.filter(project=project, locale=Locale.get_default()).first()
    if existing:
        return existing
    page = ProjectPage(
        title="Så går arbetet",
        slug="lagesbild",
        project=project,
        show_in_menus=True,
        intro=intro
        or (
            "<p>Här ser du projektets mål, vilka som leder arbetet och hur långt varje "
            "aktivitet i de fyra arbetsområdena har kommit.</p>"
        ),
    )
    project.public_root.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_english_project_page(page):
    """The progress page in English, below the English home page (website's demo)."""
    publish_translation(
        page,
        "en",
        title="How the work is going",
        slug="progress",
        intro=(
            "<p>The project's goal, the people who lead the work, and how far each "
            "activity in the four work areas has come.</p>"
        ),
    )


def load_second_project():
    """The second, invented project (core/demo_data.py's SECOND_*): its organisations,
    people with accounts, two work areas, six activities and its progress page on its
    own site, made by website's demo (the Site for its host name)."""
    facts = demo_data.SECOND_PROJECT
    organisations = load_organisations(demo_data.SECOND_ORGANISATIONS)
    project = load_project(facts, demo_data.SECOND_WORK_AREAS)
    load_memberships(project, organisations, second_project_bodies())
    link_demo_users(demo_data.SECOND_DEMO_USERS)
    load_activity_plan(
        project, organisations, demo_data.SECOND_ACTIVITIES, demo_data.SECOND_ACTIVITY_NOTE
    )
    set_public_root(project, Site.objects.get(hostname=facts["hostname"]).root_page)
    load_project_page(
        project,
        intro=(
            "<p>Exempeldata: så går arbetet i det påhittade projektet, med mål, personer "
            "och aktiviteter i två arbetsområden.</p>"
        ),
    )


def sync_demo_users():
    """The demo users' project groups (page and collection rights) follow their memberships.
    New accounts get them as their person is linked; the accounts of an older demo, which
    held their roles in global groups (website's demo took those away), get them here
    rather than at their next login."""
    logins = [user[0] for user in demo_data.DEMO_USERS + demo_data.SECOND_DEMO_USERS]
    users = get_user_model().objects.filter(username__in=logins)
    project_groups.sync_users(users.values_list("pk", flat=True))


def load(stdout):
    organisations = load_organisations()
    project = load_project()
    load_memberships(project, organisations)
    link_demo_users()
    load_activity_plan(project, organisations)
    # website's demo, loaded first, made the default site's root page the home page
    set_public_root(project, Site.objects.get(is_default_site=True).root_page)
    load_english_project_page(load_project_page(project))
    load_second_project()
    sync_demo_users()
    budget_demo.load(stdout)
    cofinancing_demo.load(stdout)
    decisions_demo.load(stdout)
    reports_demo.load(stdout)
    funder_report_demo.load(stdout)
