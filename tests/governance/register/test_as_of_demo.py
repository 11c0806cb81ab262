"""The project as it stood on three days of the demo matches the frozen status reports of
those quarters: activities' states, the budget version and the decisions."""

import datetime
import re

import pytest

from core import demo_data
from governance.register import as_of
from governance.register.models import Activity, Project
from governance.reports.models import StatusReport

pytestmark = pytest.mark.django_db

QUARTERS = [
    "Lägesrapport 2012 kvartal 4",
    "Lägesrapport 2013 kvartal 2",
    "Lägesrapport 2014 kvartal 1",
]


def codes(rows):
    return {row["code"] for row in rows}


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_as_of_three_demo_days_matches_their_frozen_reports(client, load_demo_output):
    load_demo_output()
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    everything = list(
        Activity.objects.filter(work_area__project=project).select_related("work_area")
    )
    for title in QUARTERS:
        report = StatusReport.objects.get(project=project, title=title)
        snapshot, start, day = report.snapshot, report.period_start, report.period_end
        activities = {a.code: a for a in as_of.activities_on(project, everything, day)}

        def inside(date, start=start, day=day):
            return date is not None and start <= date <= day

        started = {c for c, a in activities.items() if inside(a.actual_start)}
        finished = {c for c, a in activities.items() if inside(a.actual_end)}
        late = {c for c, a in activities.items() if a.is_late}
        assert started == codes(snapshot["activities"]["started"]), title
        assert finished == codes(snapshot["activities"]["finished"]), title
        assert late == codes(snapshot["activities"]["late"]), title
        for group in snapshot["activities"].values():
            for row in group:
                past = activities[row["code"]]
                assert (past.status, past.planned_end.isoformat()) == (
                    row["status"],
                    row["planned_end"],
                ), (title, row["code"])
        done = {}
        for activity in activities.values():
            done[activity.work_area.code] = done.get(activity.work_area.code, 0) + (
                activity.status == Activity.Status.DONE
            )
        assert done == {area["code"]: area["activities_done"] for area in snapshot["work_areas"]}
        assert snapshot["budget"]["version"] == str(as_of.budget_version(project, day))

        # The public pages of that day: the same counts, the same budget, the decisions.
        page = text_of(client.get(f"/lagesbild/?per={day.isoformat()}").content.decode())
        assert f"Så här såg projektet ut den {day.day} " in page
        for area in snapshot["work_areas"]:
            assert f"{area['activities_done']} av {area['activities_total']} aktivitet" in page
        register = client.get(f"/beslut/?per={day.isoformat()}").content.decode()
        shown = set(re.findall(r"Beslut (\d{4}:\d{2})", register))
        for decision in snapshot["decisions"]:
            assert (decision["number"] in shown) == decision["public"], (title, decision)
        assert "2012:03" not in shown and "2014:01" not in shown  # confidential, unapproved

    # Checked by hand against core/demo_data.py and the demo's decisions.
    mid = {a.code: a for a in as_of.activities_on(project, everything, datetime.date(2013, 6, 30))}
    assert mid["A.2"].status == "klar" and mid["A.3"].status == "pagar"
    assert mid["A.5"].status == "planerad" and mid["A.5"].planned_end == datetime.date(2014, 6, 30)
    later = as_of.activities_on(
        project, [a for a in everything if a.code == "A.5"], datetime.date(2014, 3, 31)
    )
    assert later[0].planned_end == datetime.date(2014, 8, 31)  # moved on 20 November 2013
    moved = "Planerat slut flyttat från 30 juni 2014 till 31 augusti 2014"
    assert moved not in client.get("/lagesbild/?per=2013-06-30").content.decode()
    assert moved in client.get("/lagesbild/?per=2014-03-31").content.decode()
    march = client.get("/beslut/?per=2013-03-31").content.decode()
    june = client.get("/beslut/?per=2013-06-30").content.decode()
    assert "Beslut 2012:02" in march and "Beslut 2012:02" not in june  # revoked by 2013:03
