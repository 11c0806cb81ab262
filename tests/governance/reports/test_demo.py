"""The demo's status reports: one per quarter, the early ones approved, the last a draft."""

from datetime import timedelta

from django.urls import reverse
from django.utils.timezone import localdate

import pytest

from core import demo_data
from governance.register.models import Project
from governance.reports import over_time
from governance.reports.models import Indicator, Risk, StatusReport

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]


def test_demo_has_a_report_per_quarter_and_is_idempotent(client, load_demo_output):
    load_demo_output()
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    reports = list(StatusReport.objects.filter(project=project).order_by("period_start"))
    assert [r.title for r in reports][0] == "Lägesrapport 2012 kvartal 4"
    assert [r.title for r in reports][-1] == "Lägesrapport 2014 kvartal 3"
    assert len(reports) == 8
    assert {r.state for r in reports[:-1]} == {StatusReport.State.APPROVED}
    assert reports[-1].state == StatusReport.State.DRAFT and reports[-1].snapshot is None
    assert reports[1].snapshot["comparison"]["title"] == "Lägesrapport 2012 kvartal 4"
    # Submitted and approved in the weeks after their quarter, not on the day of loading.
    for report in reports[:-1]:
        submitted, approved = (localdate(report.submitted_at), localdate(report.reviewed_at))
        assert report.period_end < submitted < approved < report.period_end + timedelta(days=60)
    first_2013 = reports[1]
    assert first_2013.approving_decision.title == "Lägesrapporten för första kvartalet godkänns"
    assert localdate(first_2013.reviewed_at) == first_2013.approving_decision.meeting.local_date
    indicator = Indicator.objects.get(name="Andel som pendlar mellan kommunerna")
    assert indicator.target == 7.5 and indicator.values.count() == 5
    counts = (StatusReport.objects.count(), Risk.objects.count())
    load_demo_output()
    assert (StatusReport.objects.count(), Risk.objects.count()) == counts
    client.login(username="styrgrupp", password="demo-styrgrupp-2012")
    page = client.get(reverse("statusreport:inspect", args=[reports[2].pk])).content.decode()
    assert "Lägesrapport 2013 kvartal 2" in page and "Godkänd" in page


def test_demo_comparison_shows_risks_and_indicators_moving(load_demo_output):
    load_demo_output()
    comparison = over_time.comparison(StatusReport.objects.first().project)
    assert len(comparison["columns"]) == 7  # the approved quarters; the last is a draft
    trends = {cell.trend for row in comparison["risks"] for cell in row["cells"] if cell}
    assert {over_time.UP, over_time.DOWN} <= trends
    assert any(None in row["cells"] for row in comparison["risks"])  # identified, then closed
    for indicator in comparison["indicators"]:
        values = [row.value for row in indicator["rows"]]
        assert len(values) == 7 and values[0] < values[-1], indicator["name"]
    statuses = {row["overall"]["status"] for row in comparison["status"]["rows"]}
    assert statuses == {"gron", "gul"}
