"""The report to the funder, built once from a frozen status report and the ledger; its
PDF, .docx and .xlsx (governance/funder_report/exports.py) all read from what `build`
returns and compute nothing of their own.

The rule every figure of the funder's report follows:

1. The text (general data, activities, results against goals, indicators, deviations) is
   the status report's frozen content (governance/reports/content.py), in the version
   meant for publication (content.for_publication): the report goes outside the steering
   group, so a decision appears only when governance/decisions/visibility.py says it is
   public. A report that is not yet submitted has no funder's report.
2. Costs come from the ledger, summed as the budget follow-up sums them
   (governance/budget/figures.actual_by_area_category_and_financier, from the monthly cost
   totals): "in the period" are the costs dated inside the report's period, "to date"
   everything up to its end. The budget is the frozen report's whole-project budget per
   cost category.
3. Each of our cost categories counts for the funder's cost type it is mapped to
   (FunderCostMapping, editable per project); a category mapped to none counts on the row
   "not mapped to a cost type of the funder", so the rows always add up to the ledger.
4. The flat rate for indirect costs = the sum of the cost types marked as its basis ×
   the project's flat rate % / 100, rounded to whole öre (half an öre up), computed on each
   column's own basis (in the period, to date, budget).
5. Cost types of the kind "income" hold income booked as negative costs: the report shows
   income = −(their booked sum). The ledger's total = direct costs − income; the total
   cost = direct costs + flat rate; net = total cost − income.
6. Co-financing actually paid in is governance/cofinancing/figures.cofinancing() for the
   period and to date (cash and non-cash per financier), nothing computed here.
7. The voucher list is every cost entry dated inside the period, each voucher reference
   once (a voucher with several cost rows appears as its rows "A 12/1", "A 12/2", as the
   import stored them), in date and voucher order; its sum is the ledger's total for the
   period.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.budget import figures as budget_figures
from governance.budget.models import CostCategory, CostEntry, Financier
from governance.cofinancing import figures as cofinancing_figures
from governance.funder_report.models import (
    DEFAULT_FLAT_RATE_LABEL,
    FunderCostMapping,
    FunderCostType,
    FunderReportSettings,
)
from governance.register.models import Membership, WorkArea
from governance.reports import content as report_content

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def flat_rate(basis, percent):
    """Rule 4, to the öre."""
    return (basis * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Amounts:
    budget: Decimal = ZERO
    period: Decimal = ZERO
    to_date: Decimal = ZERO

    def add(self, other, sign=1):
        self.budget += sign * other.budget
        self.period += sign * other.period
        self.to_date += sign * other.to_date

    def map(self, function):
        return Amounts(function(self.budget), function(self.period), function(self.to_date))


@dataclass
class CostTypeRow:
    name: str
    categories: list  # our categories' names
    amounts: Amounts = field(default_factory=Amounts)
    is_flat_rate_base: bool = False
    is_unmapped: bool = False


@dataclass
class Costs:
    rows: list  # CostTypeRow of the kind cost, the unmapped row last
    income_rows: list  # CostTypeRow of the kind income, amounts as booked
    flat_rate_percent: Decimal
    flat_rate_label: str
    direct: Amounts  # the cost rows' sum
    flat_rate_basis: Amounts
    flat_rate: Amounts
    total: Amounts  # direct + flat rate
    income: Amounts  # −(income rows' booked sum)
    ledger: Amounts  # direct − income: what the ledger holds
    net: Amounts  # total − income


@dataclass
class FunderReport:
    report: object
    settings: FunderReportSettings | None
    content: dict  # the frozen content, for publication
    costs: Costs
    cofinancing_period: object | None = None
    cofinancing_to_date: object | None = None
    organisation: list = field(default_factory=list)  # (body label, [(name, role, org)])
    voucher_count: int = 0
    cost_type_of_category: dict = field(default_factory=dict)  # category id → type name

    @property
    def start(self):
        return self.report.period_start

    @property
    def end(self):
        return self.report.period_end

    @property
    def funder(self):
        return self.settings.funder if self.settings else ""

    @property
    def title(self):
        return _("%(title)s – report to %(funder)s") % {
            "title": self.content["title"],
            "funder": self.funder or _("the funder"),
        }

    def voucher_entries(self):
        return voucher_entries(self.report)

    def vouchers(self):
        """Rule 7: (voucher, date, description, our category, funder's cost type, work
        area, financier, amount) rows: one query without joins, read in chunks in the order
        of the index costentry_by_date_voucher; the few names come from memory."""
        project = self.report.project_id
        categories = dict(CostCategory.objects.filter(project_id=project).values_list("pk", "name"))
        areas = dict(WorkArea.objects.filter(project_id=project).values_list("pk", "code"))
        financiers = dict(
            Financier.objects.filter(project_id=project).values_list("pk", "organisation__name")
        )
        unmapped = _("Not mapped")
        type_of = {pk: self.cost_type_of_category.get(pk, unmapped) for pk in categories}
        rows = (
            self.voucher_entries()
            .order_by("date", "voucher")
            .values_list(
                "voucher",
                "date",
                "description",
                "category_id",
                "work_area_id",
                "financier_id",
                "amount",
            )
            .iterator(chunk_size=5000)
        )
        for voucher, day, text, category, area, financier, amount in rows:
            yield (
                voucher,
                day,
                text,
                categories[category],
                type_of[category],
                areas[area],
                financiers.get(financier, ""),
                amount,
            )


def voucher_entries(report):
    """The cost entries of a report's voucher list (rule 7), unordered."""
    return CostEntry.objects.filter(
        project_id=report.project_id, date__gte=report.period_start, date__lte=report.period_end
    )


def sections(funder_report):
    """The report's headings in order, (anchor, heading): what the PDF's contents, the PDF
    and the .docx show."""
    return [
        ("allmant", _("General data")),
        ("arbetssatt", _("Working methods and organisation")),
        ("aktiviteter", _("Activities carried out")),
        ("resultat", _("Results against goals")),
        ("indikatorer", _("Indicator values")),
        ("avvikelser", _("Deviations and unforeseen effects")),
        ("kostnader", _("Costs per cost type")),
        ("intakter", _("Income")),
        ("medfinansiering", _("Co-financing actually paid in")),
        ("verifikationer", _("Voucher list")),
    ]


def _costs(project, settings, content):
    start, end = content["period"]["start"], content["period"]["end"]
    percent = settings.flat_rate_percent if settings else ZERO
    label = (settings.flat_rate_label if settings else "") or DEFAULT_FLAT_RATE_LABEL

    def by_category(rows):
        sums = defaultdict(lambda: ZERO)
        for (_area, category, _financier), amount in rows.items():
            sums[category] += amount
        return sums

    period = by_category(budget_figures.actual_by_area_category_and_financier(project, start, end))
    to_date = by_category(budget_figures.actual_by_area_category_and_financier(project, None, end))
    categories = list(CostCategory.objects.filter(project=project).order_by("sort_order", "name"))
    # The frozen budget is per category name (the snapshot keeps labels).
    frozen_budget = {row["label"]: row["budget"] for row in content["budget"]["categories"]}
    types = list(FunderCostType.objects.filter(project=project).order_by("sort_order", "name"))
    type_of = {
        mapping.category_id: mapping.cost_type_id
        for mapping in FunderCostMapping.objects.filter(cost_type__project=project)
    }
    rows = {t.pk: CostTypeRow(t.name, [], is_flat_rate_base=t.is_flat_rate_base) for t in types}
    unmapped = CostTypeRow(_("Not mapped to a cost type of the funder"), [], is_unmapped=True)
    for category in categories:
        row = rows.get(type_of.get(category.pk), unmapped)
        amounts = Amounts(
            budget=frozen_budget.get(category.name, ZERO),
            period=period.get(category.pk, ZERO),
            to_date=to_date.get(category.pk, ZERO),
        )
        row.categories.append(category.name)
        row.amounts.add(amounts)
    cost_rows = [rows[t.pk] for t in types if t.kind == FunderCostType.Kind.COST]
    unmapped_amounts = unmapped.amounts
    if any((unmapped_amounts.budget, unmapped_amounts.period, unmapped_amounts.to_date)):
        cost_rows.append(unmapped)
    income_rows = [rows[t.pk] for t in types if t.kind == FunderCostType.Kind.INCOME]

    def summed(selected):
        total = Amounts()
        for row in selected:
            total.add(row.amounts)
        return total

    direct = summed(cost_rows)
    basis = summed(row for row in cost_rows if row.is_flat_rate_base)
    flat = basis.map(lambda amount: flat_rate(amount, percent))
    income = summed(income_rows).map(lambda amount: -amount)
    total = Amounts()
    total.add(direct)
    total.add(flat)
    ledger = Amounts()
    ledger.add(direct)
    ledger.add(income, -1)
    net = Amounts()
    net.add(total)
    net.add(income, -1)
    costs = Costs(
        rows=cost_rows,
        income_rows=income_rows,
        flat_rate_percent=percent,
        flat_rate_label=label,
        direct=direct,
        flat_rate_basis=basis,
        flat_rate=flat,
        total=total,
        income=income,
        ledger=ledger,
        net=net,
    )
    names = {t.pk: t.name for t in types}
    type_names = {category: names[cost_type] for category, cost_type in type_of.items()}
    return costs, type_names


def _organisation(project, start, end):
    """The project's bodies and their members during the period."""
    memberships = (
        Membership.objects.filter(project=project)
        .select_related("person__organisation")
        .order_by("body", "role", "person__name")
    )
    bodies = {}
    for membership in memberships:
        if membership.valid_from and membership.valid_from > end:
            continue
        if membership.valid_to and membership.valid_to < start:
            continue
        person = membership.person
        bodies.setdefault(membership.get_body_display(), []).append(
            (
                person.name,
                membership.get_role_display(),
                person.organisation.name if person.organisation_id else "",
            )
        )
    return list(bodies.items())


NOT_FROZEN = gettext_lazy(
    "The report to the funder is made from a submitted or approved status report; this one "
    "is a draft."
)


def build(report):
    """The funder's report of a submitted or approved status report (rule 1–7)."""
    if not report.is_frozen:
        raise ValueError(str(NOT_FROZEN))
    project = report.project
    settings = FunderReportSettings.objects.filter(project=project).first()
    frozen = report_content.for_publication(report_content.content(report))
    costs, type_names = _costs(project, settings, frozen)
    start, end = report.period_start, report.period_end
    result = FunderReport(
        report=report,
        settings=settings,
        content=frozen,
        costs=costs,
        organisation=_organisation(project, start, end),
        voucher_count=voucher_entries(report).count(),  # also the export's progress
        cost_type_of_category=type_names,
    )
    _add_cofinancing(result, project, frozen)
    return result


def _add_cofinancing(result, project, frozen):
    """Rule 6: each financier's cash and non-cash co-financing in the period and to date,
    with the commitments of the budget version in force at the period's end (as the status
    report counts them)."""
    start, end = result.report.period_start, result.report.period_end
    version = budget_figures.version_in_force(project, end)
    result.cofinancing_period = cofinancing_figures.cofinancing(
        project, version=version, start=start, end=end
    )
    result.cofinancing_to_date = cofinancing_figures.cofinancing(project, version=version, end=end)


def file_stem(report):
    return f"{report_content.file_stem(report)}-finansiar"
