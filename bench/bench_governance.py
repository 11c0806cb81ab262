"""Issue 3: a project with 20 work areas and 2 000 activities; the public project page, a
work-area page and the admin activity list, rendered through Django's test client."""

import datetime

from bench.run import measure

WORK_AREAS = 20
ACTIVITIES_PER_AREA = 100


def fill():
    from django.contrib.auth.models import Group, User

    from wagtail.models import Page

    from core.roles import PROJECT_LEADER
    from governance.register.models import Activity, Project, WorkArea
    from governance.register.pages import ProjectPage
    from website.demo import ensure_home_page

    project = Project.objects.create(
        name="Benchprojektet",
        short_name="Bench",
        slug="bench",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
    )
    areas = WorkArea.objects.bulk_create(
        WorkArea(project=project, code=f"{n:02d}", title=f"Område {n}", sort_order=n)
        for n in range(WORK_AREAS)
    )
    statuses = [s for s, _label in Activity.Status.choices]
    Activity.objects.bulk_create(
        Activity(
            work_area=area,
            code=f"{area.code}.{n}",
            title=f"Aktivitet {area.code}.{n}",
            planned_start=datetime.date(2012, 10, 1) + datetime.timedelta(days=n * 3),
            planned_end=datetime.date(2013, 6, 1) + datetime.timedelta(days=n * 4),
            status=statuses[n % len(statuses)],
            progress=n % 100,
        )
        for area in areas
        for n in range(ACTIVITIES_PER_AREA)
    )
    home = ensure_home_page()
    Page.objects.filter(slug="bench-lage").delete()
    page = ProjectPage(title="Läget", slug="bench-lage", project=project)
    home.add_child(instance=page)
    page.save_revision().publish()
    leader = User.objects.create_user("bench-leader", password="x")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    return page, leader


def run():
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    page, leader = fill()
    public = Client()
    admin = Client()
    admin.force_login(leader)
    note = f"{WORK_AREAS} work areas, {WORK_AREAS * ACTIVITIES_PER_AREA} activities"

    def get(client, url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    with override_settings(ALLOWED_HOSTS=["*"]):
        cases = [
            ("project page (public)", get(public, page.url)),
            ("work-area page (public)", get(public, page.url + "arbetsomrade/00/")),
            ("admin activity list", get(admin, reverse("activity:index"))),
        ]
        return [(what, *measure(fetch, repeat=9), note) for what, fetch in cases]
