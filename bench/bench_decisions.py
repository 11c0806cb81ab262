"""Issue 7: a decision register of 500 decisions over 20 meetings; the admin list, the
.xlsx export, the public register page, a minutes PDF and recording one decision."""

import datetime
from zoneinfo import ZoneInfo

from bench.run import measure

MEETINGS = 20
DECISIONS_PER_MEETING = 25


def fill():
    from django.contrib.auth.models import Group, User

    from wagtail.models import Page

    from core.roles import STEERING_GROUP
    from governance.decisions.models import Decision, DecisionRegisterPage, Meeting
    from governance.register.models import Project, WorkArea
    from website.demo import ensure_home_page

    project = Project.objects.create(
        name="Beslutsbench",
        short_name="Beslut",
        slug="bench-beslut",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
    )
    area = WorkArea.objects.create(project=project, code="A", title="Område A")
    meetings = [
        Meeting.objects.create(
            project=project,
            starts_at=datetime.datetime(2013, 1, 10, 13, tzinfo=ZoneInfo("Europe/Stockholm"))
            + datetime.timedelta(days=14 * n),
            place="Stadshuset",
        )
        for n in range(MEETINGS)
    ]
    for meeting in meetings:
        for n in range(DECISIONS_PER_MEETING):
            decision = Decision.objects.create(
                meeting=meeting, title=f"Beslut {n}", text="Styrgruppen beslutar. " * 20
            )
            decision.work_areas.add(area)
    Meeting.objects.filter(pk__in=[m.pk for m in meetings[:-1]]).update(state="justerat")
    home = ensure_home_page()
    Page.objects.filter(slug="bench-beslut").delete()
    page = DecisionRegisterPage(title="Beslut", slug="bench-beslut", project=project)
    home.add_child(instance=page)
    page.save_revision().publish()
    member = User.objects.create_user("bench-styrgrupp", password="x")
    member.groups.add(Group.objects.get(name=STEERING_GROUP))
    return page, member, meetings


def run():
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from governance.decisions import documents
    from governance.decisions.models import Decision
    from governance.decisions.services import record_decision

    page, member, meetings = fill()
    public = Client()
    admin = Client()
    admin.force_login(member)
    note = f"{MEETINGS * DECISIONS_PER_MEETING} decisions"

    def get(client, url, **params):
        def fetch():
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)
            if response.streaming:
                b"".join(response.streaming_content)

        return fetch

    def record():
        record_decision(Decision(meeting=meetings[-1], title="Nytt beslut", text="Text."))

    with override_settings(ALLOWED_HOSTS=["*"]):
        cases = [
            ("admin decision list", get(admin, reverse("decision:index")), 9),
            ("decision register .xlsx", get(admin, reverse("decision:index"), export="xlsx"), 5),
            ("public decision register", get(public, page.url), 9),
            (
                "minutes PDF, 25 decisions",
                lambda: documents.render_pdf(meetings[0], "minutes"),
                3,
            ),
            ("record one decision", record, 9),
        ]
        return [(what, *measure(fetch, repeat=repeat), note) for what, fetch, repeat in cases]
