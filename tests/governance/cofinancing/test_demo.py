"""The demo's co-financing: example time reports imported through the real import, hourly
costs and contributions in kind, all labelled as example data, so that the overview and the
frozen reports show non-cash co-financing."""

from decimal import Decimal

from django.urls import reverse

import pytest

from core import demo_data
from governance.cofinancing import figures
from governance.cofinancing.models import InKindContribution, TimeReport
from governance.register.models import Project
from governance.reports.models import StatusReport

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]


def test_the_demo_shows_non_cash_co_financing_labelled_as_example_data(client, load_demo_output):
    first = load_demo_output()
    assert "Medfinansiering (exempeldata)" in first
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    reports = TimeReport.objects.filter(project=project)
    assert reports.count() > 150
    assert set(reports.values_list("source", flat=True)) == {TimeReport.Source.IMPORT}
    contributions = InKindContribution.objects.filter(project=project)
    assert contributions.count() == 4
    assert all("exempeldata" in c.description for c in contributions)

    result = figures.cofinancing(project)
    rows = {row.name: row for row in result.rows}
    for name in ("Umeå kommun", "Örnsköldsviks kommun"):
        assert rows[name].time_value > 0 and rows[name].in_kind > 0
        # Cash, staff time and premises stay within the (example) commitment.
        assert rows[name].total < rows[name].committed
    assert result.overhead_percent == Decimal("42.15")
    assert result.unvalued_hours > 0  # Hanna Wallin's hours before her hourly cost

    approved = StatusReport.objects.filter(state=StatusReport.State.APPROVED).last()
    frozen = approved.snapshot["cofinancing"]
    assert Decimal(frozen["total"]["non_cash"]) > 0

    client.login(username="styrgrupp", password="demo-styrgrupp-2012")
    page = client.get(reverse("budget:overview")).content.decode()
    assert "Medfinansiering: kontant och icke-kontant" in page

    second = load_demo_output()
    assert "Medfinansiering" not in second
    assert TimeReport.objects.filter(project=project).count() == reports.count()
