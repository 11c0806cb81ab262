import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from governance.register.models import Activity, WorkArea
from tests.governance.register.factories import activity_form_data

pytestmark = pytest.mark.django_db


def test_project_leader_edits_an_activity_and_the_audit_log_records_it(
    client, project_leader, make_activity
):
    activity = make_activity()
    client.force_login(project_leader)
    response = client.post(
        reverse("activity:edit", args=[activity.pk]),
        activity_form_data(activity, title="Nätverksträffar", status="pagar", progress=40),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.progress) == ("Nätverksträffar", 40)
    entry = ModelLogEntry.objects.get(object_id=str(activity.pk), action="wagtail.edit")
    assert entry.user == project_leader
    history = client.get(reverse("activity:history", args=[activity.pk])).content.decode()
    assert "Nätverksträffar" in history or "Redigerad" in history


def test_invalid_activity_in_the_admin_shows_the_swedish_error(
    client, project_leader, make_activity
):
    activity = make_activity()
    client.force_login(project_leader)
    response = client.post(
        reverse("activity:edit", args=[activity.pk]),
        activity_form_data(activity, planned_end="2012-12-01"),
    )
    assert response.status_code == 200
    assert "Slutet kan inte ligga före starten." in response.content.decode()
    activity.refresh_from_db()
    assert activity.planned_end == datetime.date(2013, 6, 30)


@pytest.mark.parametrize("member", ["steering_member", "project_group_member"])
def test_governance_viewers_see_lists_without_edit_buttons_and_get_403_on_edit(
    client, request, member, make_activity
):
    activity = make_activity()
    client.force_login(request.getfixturevalue(member))
    listing = client.get(reverse("activity:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert activity.title in html
    assert reverse("activity:edit", args=[activity.pk]) not in html
    assert reverse("activity:add") not in html
    assert client.get(reverse("activity:inspect", args=[activity.pk])).status_code == 200
    assert client.get(reverse("activity:edit", args=[activity.pk])).status_code == 403
    response = client.post(
        reverse("activity:edit", args=[activity.pk]), activity_form_data(activity, title="X")
    )
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title != "X"


def test_guest_writer_sees_no_governance_data(client, guest_writer, make_activity):
    make_activity()
    client.force_login(guest_writer)
    assert client.get(reverse("activity:index")).status_code == 403


def test_activity_list_filters_late_activities(client, project_leader, make_activity):
    make_activity("A.1", title="Försenad sak", status=Activity.Status.LATE)
    make_activity("A.2", title="Klar sak", status=Activity.Status.DONE, progress=100)
    client.force_login(project_leader)
    html = client.get(reverse("activity:index"), {"late": "true"}).content.decode()
    assert "Försenad sak" in html and "Klar sak" not in html


def fill(project, work_areas, per_area):
    areas = WorkArea.objects.bulk_create(
        WorkArea(project=project, code=f"{i:02d}", title=f"Område {i}") for i in range(work_areas)
    )
    Activity.objects.bulk_create(
        Activity(
            work_area=area,
            code=f"{area.code}.{n}",
            title=f"Aktivitet {n}",
            planned_start=datetime.date(2013, 1, 1),
            planned_end=datetime.date(2013, 6, 30),
        )
        for area in areas
        for n in range(per_area)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_activity_list_query_count_does_not_grow_with_the_activities(
    client, project_leader, project
):
    client.force_login(project_leader)
    fill(project, work_areas=2, per_area=2)
    few = count_queries(client, reverse("activity:index"))
    WorkArea.objects.all().delete()
    fill(project, work_areas=20, per_area=10)
    many = count_queries(client, reverse("activity:index"))
    assert many == few


CODES = ("A.1", "A.2", "B.1")


def test_the_activity_list_is_sorted_by_work_area_and_code(
    client, project, project_leader, make_activity
):
    second_area = WorkArea.objects.create(project=project, code="B", title="Pendling", sort_order=1)
    make_activity("A.2", planned_start=datetime.date(2013, 1, 1))
    make_activity("B.1", work_area=second_area, planned_start=datetime.date(2012, 11, 1))
    make_activity("A.1", planned_start=datetime.date(2013, 5, 1))
    client.force_login(project_leader)
    page = client.get(reverse("activity:index")).content.decode()
    positions = [re.search(rf">\s*{re.escape(code)}\s*<", page).start() for code in CODES]
    assert positions == sorted(positions)
