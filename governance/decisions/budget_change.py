"""The money a change request moves: the budget in force against the proposed version,
summed per work area × cost category, with the difference.

The steering group sees the table live while the request waits for its decision; when the
request is decided the same table is stored on the request (`ChangeRequest.budget_change`),
so the decision's record keeps showing what was decided even after the budget in force
moves on or the rejected draft is edited.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from governance.budget.models import BudgetLine, BudgetVersion

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ChangeRow:
    work_area: str
    category: str
    before: Decimal
    after: Decimal

    @property
    def difference(self):
        return self.after - self.before


@dataclass
class BudgetChange:
    """Rows are the work area × category pairs whose sum changes, in the budget's order;
    the totals cover every line of both versions."""

    before_version: str
    after_version: str
    rows: list[ChangeRow] = field(default_factory=list)
    unchanged_count: int = 0
    total_before: Decimal = ZERO
    total_after: Decimal = ZERO

    @property
    def total_difference(self):
        return self.total_after - self.total_before

    def as_data(self):
        """JSON-able, money as strings, for the record kept at the decision."""
        return {
            "before_version": self.before_version,
            "after_version": self.after_version,
            "rows": [
                [row.work_area, row.category, str(row.before), str(row.after)] for row in self.rows
            ],
            "unchanged_count": self.unchanged_count,
            "total_before": str(self.total_before),
            "total_after": str(self.total_after),
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            before_version=data["before_version"],
            after_version=data["after_version"],
            rows=[
                ChangeRow(area, category, Decimal(before), Decimal(after))
                for area, category, before, after in data["rows"]
            ],
            unchanged_count=data["unchanged_count"],
            total_before=Decimal(data["total_before"]),
            total_after=Decimal(data["total_after"]),
        )


def compare_versions(before, after):
    """Sums per work area × category of two versions (`before` may be None: no budget in
    force yet), in one query. Summed in Python: Decimal stays exact on every database."""
    versions = [version.pk for version in (before, after) if version is not None]
    lines = (
        BudgetLine.objects.filter(version__in=versions)
        .order_by()
        .values_list(
            "version_id",
            "amount",
            "work_area__sort_order",
            "work_area__code",
            "work_area__title",
            "category__sort_order",
            "category__name",
        )
    )
    sums = {}
    for version_id, amount, area_order, code, title, category_order, category in lines:
        key = (area_order, code, title, category_order, category)
        pair = sums.setdefault(key, [ZERO, ZERO])
        if before is not None and version_id == before.pk:
            pair[0] += amount
        if version_id == after.pk:
            pair[1] += amount
    change = BudgetChange(before_version=str(before) if before else "", after_version=str(after))
    for key in sorted(sums):
        _area_order, code, title, _category_order, category = key
        before_sum, after_sum = sums[key]
        change.total_before += before_sum
        change.total_after += after_sum
        if before_sum == after_sum:
            change.unchanged_count += 1
        else:
            change.rows.append(ChangeRow(f"{code}. {title}", category, before_sum, after_sum))
    return change


def live_change(change_request):
    """What granting the request would do to the budget in force now."""
    if not change_request.budget_version_id:
        return None
    return compare_versions(
        BudgetVersion.current_for(change_request.project), change_request.budget_version
    )


def budget_change(change_request):
    """The table the steering group sees: the one kept at the decision once decided,
    live before."""
    if change_request.budget_change:
        return BudgetChange.from_data(change_request.budget_change)
    return live_change(change_request)
