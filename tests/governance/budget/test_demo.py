"""The demo budget: example data, imported through the real import path, loaded once."""

import pytest

from core import demo_data
from governance.budget import figures
from governance.budget.demo import DEMO_FILE
from governance.budget.models import BudgetVersion, CostEntry, CostImportBatch
from governance.register.models import Project

pytestmark = pytest.mark.any_database


@pytest.mark.django_db
def test_the_demo_budget_is_imported_through_the_import_and_labelled_as_example_data(
    load_demo_output,
):
    first = load_demo_output()
    assert "Budget (exempeldata)" in first
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    versions = BudgetVersion.objects.filter(project=project)
    assert [(v.number, v.state) for v in versions] == [(2, "utkast"), (1, "faststalld")]
    assert all("exempeldata" in v.label for v in versions)
    batch = CostImportBatch.objects.get(project=project, file_name=DEMO_FILE)
    entries = CostEntry.objects.filter(project=project)
    assert batch.row_count == entries.count() > 24 * 4
    assert not entries.exclude(batch=batch).exists()
    assert not entries.exclude(description__startswith="Exempeldata").exists()
    months = figures.actual_by_period(project, "month")
    assert len(months) == 24  # October 2012 – September 2014, every month
    overview = figures.overview(project)
    assert overview.total.budget == 2300000
    assert any(row.amounts.is_over_budget for row in overview.work_area_rows)

    second = load_demo_output()
    assert "Budget" not in second
    batches = CostImportBatch.objects.filter(project=project)
    assert batches.count() == 1 and entries.count() == batch.row_count
