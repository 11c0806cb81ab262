"""What the grid editor and the Excel round trip of a budget version share: a line's key
(work area × cost category × activity × financier × year × quarter), the project's
lookups that check a key without a query per line, and the comparison of a version's
lines with the amounts someone wants, as added / changed / removed lines with their
amounts before and after.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from governance.budget.models import BudgetLine, CostCategory, Financier
from governance.register.models import Activity

FIRST_YEAR, LAST_YEAR = 2000, 2100  # as BudgetLine.year validates


class RowKey(NamedTuple):
    """A row of the grid: what a line is for, without its period."""

    work_area_id: int
    category_id: int
    activity_id: int | None
    financier_id: int | None


class LineKey(NamedTuple):
    """A line's identity in a version: its row and its period (quarter None: the year)."""

    work_area_id: int
    category_id: int
    activity_id: int | None
    financier_id: int | None
    year: int
    quarter: int | None

    @property
    def row(self):
        return RowKey(*self[:4])

    @property
    def period(self):
        return (self.year, self.quarter)


def key_of(line):
    return LineKey(
        line.work_area_id,
        line.category_id,
        line.activity_id,
        line.financier_id,
        line.year,
        line.quarter,
    )


def period_label(year, quarter):
    if quarter:
        return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}
    return str(year)


class ProjectLookups:
    """A project's work areas, cost categories, activities and financiers, read once (four
    queries), to check and name the keys of any number of lines."""

    def __init__(self, project):
        self.project = project
        self.work_areas = {area.pk: area for area in project.work_areas.all()}
        self.categories = {
            category.pk: category for category in CostCategory.objects.filter(project=project)
        }
        self.activities = {
            activity.pk: activity
            for activity in Activity.objects.filter(work_area__project=project).only(
                "pk", "work_area_id", "code", "title"
            )
        }
        self.financiers = {
            financier.pk: financier
            for financier in Financier.objects.filter(project=project).select_related(
                "organisation"
            )
        }

    def problem(self, key):
        """Why the key cannot be a line of this project's budget, or None."""
        if key.work_area_id not in self.work_areas:
            return _("The work area does not belong to the project.")
        if key.category_id not in self.categories:
            return _("The cost category does not belong to the project.")
        if key.activity_id is not None:
            activity = self.activities.get(key.activity_id)
            if activity is None:
                return _("The activity does not belong to the project.")
            if activity.work_area_id != key.work_area_id:
                return _("The activity belongs to another work area.")
        if key.financier_id is not None and key.financier_id not in self.financiers:
            return _("The financier does not belong to the project.")
        if isinstance(key, LineKey):
            if not FIRST_YEAR <= key.year <= LAST_YEAR:
                return _("The year must be between %(first)s and %(last)s.") % {
                    "first": FIRST_YEAR,
                    "last": LAST_YEAR,
                }
            if key.quarter is not None and not 1 <= key.quarter <= 4:
                return _("The quarter must be 1, 2, 3 or 4.")
        return None

    def row_sort_key(self, row):
        area = self.work_areas[row.work_area_id]
        category = self.categories[row.category_id]
        activity = self.activities.get(row.activity_id)
        financier = self.financiers.get(row.financier_id)
        return (
            area.sort_order,
            area.code,
            category.sort_order,
            category.name,
            activity is not None,
            activity.code if activity else "",
            financier is not None,
            financier.organisation.name if financier else "",
        )

    def describe(self, key):
        """The key in words, "A. Arbetsgivare · Personal · Umeå kommun · 2013"."""
        parts = [str(self.work_areas[key.work_area_id]), str(self.categories[key.category_id])]
        if key.activity_id:
            parts.append(self.activities[key.activity_id].code)
        if key.financier_id:
            parts.append(str(self.financiers[key.financier_id]))
        if isinstance(key, LineKey):
            parts.append(period_label(key.year, key.quarter))
        return " · ".join(parts)


@dataclass(frozen=True)
class LineChange:
    key: LineKey
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self):
        return (self.after or Decimal(0)) - (self.before or Decimal(0))


@dataclass
class LineChanges:
    """What saving would do to a version's lines (or what it did)."""

    added: list[LineChange] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    removed: list[LineChange] = field(default_factory=list)
    unchanged: int = 0

    def __bool__(self):
        return bool(self.added or self.changed or self.removed)

    @property
    def all(self):
        return [*self.added, *self.changed, *self.removed]

    @property
    def difference(self):
        return sum((change.difference for change in self.all), Decimal(0))

    def sort(self, lookups):
        for changes in (self.added, self.changed, self.removed):
            changes.sort(
                key=lambda change: (
                    lookups.row_sort_key(change.key.row),
                    change.key.year,
                    change.key.quarter or 0,
                )
            )

    def fingerprint(self):
        """A short digest of exactly these changes: a preview posts it back, and the
        confirmation saves only if the changes are still the same."""
        text = repr(
            sorted(repr((tuple(change.key), change.before, change.after)) for change in self.all)
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def summary(self):
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }


def compare_lines(current, wanted, *, replace):
    """`current` and `wanted` map line keys to amounts (None in `wanted`: no line). With
    `replace`, a current line whose key is not in `wanted` is removed (an imported file is
    the whole version); without, it stays (a grid posts the cells it changed)."""
    changes = LineChanges()
    for key, after in wanted.items():
        before = current.get(key)
        if after is None:
            if before is not None:
                changes.removed.append(LineChange(key, before, None))
        elif before is None:
            changes.added.append(LineChange(key, None, after))
        elif before != after:
            changes.changed.append(LineChange(key, before, after))
        else:
            changes.unchanged += 1
    for key, before in current.items():
        if key in wanted:
            continue
        if replace:
            changes.removed.append(LineChange(key, before, None))
        else:
            changes.unchanged += 1
    return changes


def current_amounts(version):
    """{line key: amount} of the version, and {line key: [line ids]}; two lines with the
    same key (which the old inline form allowed) count as one with their sum."""
    amounts, ids = {}, {}
    rows = BudgetLine.objects.filter(version=version).values_list(
        "pk",
        "work_area_id",
        "category_id",
        "activity_id",
        "financier_id",
        "year",
        "quarter",
        "amount",
    )
    for pk, *key_values, amount in rows:
        key = LineKey(*key_values)
        amounts[key] = amounts.get(key, Decimal(0)) + amount
        ids.setdefault(key, []).append(pk)
    return amounts, ids
