"""The demo project's report to the funder: its settings (funder, flat rate of 15 % of
personnel) and the funder's cost types with the project's categories mapped to them
(core/demo_data.py), so the report of each submitted demo report can be downloaded."""

from decimal import Decimal

from core import demo_data
from governance.budget.models import CostCategory
from governance.funder_report.models import (
    FunderCostMapping,
    FunderCostType,
    FunderReportSettings,
)
from governance.register.models import Project


def load(stdout):
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    facts = demo_data.FUNDER_REPORT
    FunderReportSettings.objects.get_or_create(
        project=project,
        defaults={
            "funder": facts["funder"],
            "case_number": facts["case_number"],
            "flat_rate_percent": Decimal(facts["flat_rate_percent"]),
            "flat_rate_label": facts["flat_rate_label"],
            "working_methods": facts["working_methods"],
        },
    )
    categories = {c.name: c for c in CostCategory.objects.filter(project=project)}
    for order, (name, kind, is_base, ours) in enumerate(demo_data.FUNDER_COST_TYPES):
        cost_type, created = FunderCostType.objects.get_or_create(
            project=project,
            name=name,
            defaults={"kind": kind, "is_flat_rate_base": is_base, "sort_order": order},
        )
        if not created:
            continue
        for category_name in ours:
            category = categories.get(category_name)
            if category and not FunderCostMapping.objects.filter(category=category).exists():
                FunderCostMapping.objects.create(cost_type=cost_type, category=category)
    stdout.write("Demo: the funder's cost types and flat rate for the report to the funder.\n")
