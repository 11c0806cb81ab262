"""Issue 21 (open data): the API's largest list, a page of 1 000 activities out of 5 000 in
one project (target 200 ms median), and the whole activities CSV."""

import datetime

from bench.run import measure

ACTIVITIES = 5000
PAGE = 1000


def fill():
    from wagtail.models import Page

    from governance.register.models import Activity, Milestone, Organisation, Project, WorkArea
    from governance.register.pages import ProjectPage
    from website.demo import ensure_home_page

    project = Project.objects.create(
        name="Öppna data-bench",
        short_name="Öppna data",
        slug="bench-oppna-data",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
    )
    organisation, _ = Organisation.objects.get_or_create(name="Bench kommun")
    areas = [
        WorkArea.objects.create(project=project, code=code, title=f"Område {code}", sort_order=n)
        for n, code in enumerate("ABCD")
    ]
    Activity.objects.bulk_create(
        Activity(
            work_area=areas[n % len(areas)],
            code=f"{areas[n % len(areas)].code}.{n}",
            title=f"Aktivitet {n}",
            description="Arbetsgivare från båda kommunerna träffas. " * 3,
            responsible_organisation=organisation,
            planned_start=datetime.date(2013, 1, 1) + datetime.timedelta(days=n % 300),
            planned_end=datetime.date(2014, 6, 30),
            status=Activity.Status.IN_PROGRESS,
            progress=n % 100,
        )
        for n in range(ACTIVITIES)
    )
    Milestone.objects.bulk_create(
        Milestone(activity=activity, title="Klar", due_date=datetime.date(2014, 6, 30))
        for activity in Activity.objects.filter(work_area__project=project)
    )
    home = ensure_home_page()
    Page.objects.filter(slug="bench-oppna-data").delete()
    page = ProjectPage(title="Så går arbetet", slug="bench-oppna-data", project=project)
    home.add_child(instance=page)
    page.save_revision().publish()
    return project


def run():
    from django.test import Client
    from django.test.utils import override_settings

    project = fill()
    client = Client()
    note = f"{ACTIVITIES} activities"

    def get(url, **params):
        def fetch():
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    with override_settings(ALLOWED_HOSTS=["*"]):
        cases = [
            (
                f"API activities, page of {PAGE}",
                get("/api/v1/activities/", limit=PAGE, project=project.slug),
            ),
            ("activities CSV, whole", get("/api/v1/csv/activities.csv", project=project.slug)),
        ]
        return [(what, *measure(fetch, repeat=15), note) for what, fetch in cases]
