"""The funder's report as text: its sections (the headings the funder asks for, in order),
each a list of blocks — sub-headings, paragraphs, bullet lists and tables of formatted
text. The PDF and the .docx (exports.py) both lay out exactly these blocks, so the two
documents say the same; every figure comes from governance/funder_report/figures.py."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from governance.common.money import format_percent, format_sek
from governance.funder_report import figures


@dataclass
class SubHeading:
    kind = "subheading"

    text: str


@dataclass
class Paragraph:
    kind = "paragraph"

    text: str


@dataclass
class Bullets:
    kind = "bullets"

    items: list


@dataclass
class Table:
    kind = "table"

    headings: list
    rows: list
    numeric: frozenset = frozenset()  # column indexes aligned right
    total: list | None = None
    caption: str = ""
    row_headings: bool = True  # the first cell of a row heads it

    def is_numeric(self, index):
        return index in self.numeric


@dataclass
class Section:
    anchor: str
    heading: str
    blocks: list = field(default_factory=list)


def _date(day):
    return f"{day:%Y-%m-%d}" if day else "–"


def _number(value):
    if value is None:
        return "–"
    return format(value.normalize(), "f").replace(".", ",").replace("-", "\u2212")


def _paragraphs(text):
    return [Paragraph(part.strip()) for part in (text or "").split("\n\n") if part.strip()]


def _yes_no(value):
    if value is None:
        return "–"
    return _("Yes") if value else _("No")


def general(report):
    content, settings = report.content, report.settings
    kind = _("Final report") if content["kind"] == "slutrapport" else _("Status report")
    state = report.report.get_state_display()
    if report.report.submitted_at:
        state = _("%(state)s (submitted %(date)s)") % {
            "state": state,
            "date": _date(report.report.submitted_at.date()),
        }
    project = content["project"]
    financiers = [row["name"] for row in content["budget"]["financiers"]]
    rows = [
        [_("Project"), project["name"]],
        [_("Short name"), project["short_name"]],
        [_("Project period"), f"{_date(project['start'])} – {_date(project['end'])}"],
        [_("Funder"), report.funder or "–"],
        [_("Funder's case number"), (settings.case_number if settings else "") or "–"],
        [_("Report"), f"{content['title']} ({kind.lower()})"],
        [_("Reporting period"), f"{_date(report.start)} – {_date(report.end)}"],
        [_("State of the report"), state],
        [_("Authors"), ", ".join(content["authors"]) or "–"],
        [_("Financiers"), ", ".join(financiers) or "–"],
    ]
    return [Table([_("Item"), _("Value")], rows)]


def working_methods(report):
    blocks = _paragraphs(report.settings.working_methods if report.settings else "")
    areas = report.content["work_areas"]
    if areas:
        blocks.append(SubHeading(_("Work areas")))
        blocks.append(Bullets([f"{area['code']}. {area['title']}" for area in areas]))
    for body, members in report.organisation:
        blocks.append(SubHeading(body[:1].upper() + body[1:]))
        blocks.append(
            Bullets(
                [
                    ", ".join(part for part in (name, role, organisation) if part)
                    for name, role, organisation in members
                ]
            )
        )
    decisions = report.content["decisions"]  # only the public ones (figures.py, rule 1)
    if decisions:
        blocks.append(SubHeading(_("Decisions of the steering group in the period")))
        blocks.append(
            Bullets(
                [
                    f"{decision['number']} {decision['title']} ({_date(decision['date'])})"
                    for decision in decisions
                ]
            )
        )
    if not blocks:
        blocks.append(Paragraph(_("No description of the working methods has been given.")))
    return blocks


def _activity_line(row, day_key):
    return _("%(code)s %(title)s (%(date)s)") % {
        "code": row["code"],
        "title": row["title"],
        "date": _date(row[day_key]),
    }


def activities(report):
    content = report.content
    blocks = []
    for area in content["work_areas"]:
        if area["narrative"]:
            blocks.append(SubHeading(f"{area['code']}. {area['title']}"))
            blocks += _paragraphs(area["narrative"])
    groups = content["activities"]
    if groups["started"]:
        blocks.append(SubHeading(_("Started in the period")))
        blocks.append(Bullets([_activity_line(row, "actual_start") for row in groups["started"]]))
    if groups["finished"]:
        blocks.append(SubHeading(_("Finished in the period")))
        blocks.append(Bullets([_activity_line(row, "actual_end") for row in groups["finished"]]))
    posts = content.get("blog_posts") or []
    if posts:
        blocks.append(SubHeading(_("Information published in the period")))
        blocks.append(Bullets([f"{_date(post['date'])}: {post['title']}" for post in posts]))
    if not blocks:
        blocks.append(Paragraph(_("No activity was started or finished in the period.")))
    return blocks


def results(report):
    content = report.content
    blocks = []
    if content["project"]["effect_goal"]:
        blocks.append(SubHeading(_("The project's effect goal")))
        blocks += _paragraphs(content["project"]["effect_goal"])
    narrative = content["narrative"]
    if narrative["summary"]:
        blocks.append(SubHeading(_("Summary")))
        blocks += _paragraphs(narrative["summary"])
    for area in content["work_areas"]:
        blocks.append(SubHeading(f"{area['code']}. {area['title']}"))
        if area["goal"]:
            blocks.append(Paragraph(_("Goal: %(goal)s") % {"goal": area["goal"]}))
        status = area["status_label"] or "–"
        if area["comment"]:
            status = f"{status}. {area['comment']}"
        blocks.append(Paragraph(_("Status: %(status)s") % {"status": status}))
        blocks.append(
            Paragraph(
                _("Activities done: %(done)s of %(total)s")
                % {"done": area["activities_done"], "total": area["activities_total"]}
            )
        )
        if area["outcome"]:
            blocks.append(Paragraph(_("Result: %(outcome)s") % {"outcome": area["outcome"]}))
    milestones = content["milestones"]
    if milestones:
        blocks.append(
            Table(
                [_("Milestone"), _("Activity"), _("Due"), _("Done")],
                [
                    [m["title"], m["activity"], _date(m["due_date"]), _date(m["done_date"])]
                    for m in milestones
                ],
                caption=_("Milestones in the period"),
            )
        )
    if content["kind"] == "slutrapport" and narrative["lessons_learned"]:
        blocks.append(SubHeading(_("Lessons learned")))
        blocks += _paragraphs(narrative["lessons_learned"])
    return blocks


def indicators(report):
    rows = [
        [
            indicator["name"],
            indicator["unit"],
            _number(indicator["baseline"]),
            _number(indicator["target"]),
            _number(indicator["latest"]),
            _yes_no(indicator["achieved"]),
        ]
        for indicator in report.content["indicators"]
    ]
    if not rows:
        return [Paragraph(_("The project has no indicators."))]
    return [
        Table(
            [
                _("Indicator"),
                _("Unit"),
                _("Baseline"),
                _("Target"),
                _("Value at the period's end"),
                _("Target reached"),
            ],
            rows,
            numeric=frozenset({2, 3, 4}),
        )
    ]


def deviations(report):
    content = report.content
    items = []
    overall = content["overall"]
    if overall["status"] != "gron":
        items.append(
            _("Overall status %(status)s: %(comment)s")
            % {"status": overall["status_label"], "comment": overall["comment"]}
        )
    for area in content["work_areas"]:
        if area["status"] and area["status"] != "gron":
            items.append(
                _("%(code)s. %(title)s, status %(status)s: %(comment)s")
                % {
                    "code": area["code"],
                    "title": area["title"],
                    "status": area["status_label"],
                    "comment": area["comment"],
                }
            )
    for row in content["activities"]["late"]:
        items.append(
            _("%(code)s %(title)s is late (planned to end %(date)s).")
            % {"code": row["code"], "title": row["title"], "date": _date(row["planned_end"])}
        )
    items += [moved["text"] for moved in content.get("replannings", [])]
    blocks = [Bullets(items)] if items else []
    narrative = content["narrative"]
    if narrative["budget_comment"]:
        blocks.append(SubHeading(_("Budget")))
        blocks += _paragraphs(narrative["budget_comment"])
    if narrative["risk_comment"]:
        blocks.append(SubHeading(_("Risks")))
        blocks += _paragraphs(narrative["risk_comment"])
    if not blocks:
        blocks.append(Paragraph(_("No deviations were reported for the period.")))
    return blocks


def _amount_cells(amounts):
    return [format_sek(amounts.budget), format_sek(amounts.period), format_sek(amounts.to_date)]


def flat_rate_label(costs):
    basis = [row.name for row in costs.rows if row.is_flat_rate_base]
    return _("%(label)s, %(percent)s of %(basis)s") % {
        "label": costs.flat_rate_label,
        "percent": f"{_number(costs.flat_rate_percent)}\u00a0%",
        "basis": ", ".join(basis) or "–",
    }


def costs(report):
    costs = report.costs
    blocks = [
        Paragraph(
            _(
                "Costs booked in the project's accounts, per the funder's cost type. The "
                "period is %(start)s – %(end)s; to date is everything booked up to %(end)s; "
                "the budget is the whole project's budget in force at the period's end."
            )
            % {"start": _date(report.start), "end": _date(report.end)}
        )
    ]
    headings = [
        _("Cost type"),
        _("Our cost categories"),
        _("Budget"),
        _("In the period"),
        _("To date"),
    ]
    rows = [
        [row.name, ", ".join(row.categories), *_amount_cells(row.amounts)] for row in costs.rows
    ]
    rows.append([_("Direct costs"), "", *_amount_cells(costs.direct)])
    if costs.flat_rate_percent:
        rows.append([flat_rate_label(costs), "", *_amount_cells(costs.flat_rate)])
    blocks.append(
        Table(
            headings,
            rows,
            numeric=frozenset({2, 3, 4}),
            total=[_("Total costs"), "", *_amount_cells(costs.total)],
        )
    )
    return blocks


def income(report):
    costs = report.costs
    if not costs.income_rows:
        return [Paragraph(_("The project reports no income."))]
    rows = [
        [row.name, ", ".join(row.categories), *_amount_cells(row.amounts.map(lambda a: -a))]
        for row in costs.income_rows
    ]
    return [
        Table(
            [_("Income"), _("Our cost categories"), _("Budget"), _("In the period"), _("To date")],
            rows,
            numeric=frozenset({2, 3, 4}),
            total=[_("Total income"), "", *_amount_cells(costs.income)],
        ),
        Paragraph(
            _("Total costs less income: %(period)s in the period, %(to_date)s to date.")
            % {"period": format_sek(costs.net.period), "to_date": format_sek(costs.net.to_date)}
        ),
    ]


def _cofinancing_table(result, caption):
    rows = [
        [
            row.name or _("Not assigned to a financier"),
            format_sek(row.cash),
            format_sek(row.time_value),
            format_sek(row.in_kind),
            format_sek(row.total),
        ]
        for row in result.rows
    ]
    total = result.total
    return Table(
        [_("Financier"), _("Cash"), _("Staff time"), _("In kind"), _("Total")],
        rows,
        numeric=frozenset({1, 2, 3, 4}),
        total=[
            _("Total"),
            format_sek(total.cash),
            format_sek(total.time_value),
            format_sek(total.in_kind),
            format_sek(total.total),
        ],
        caption=caption,
    )


def cofinancing(report):
    if report.cofinancing_period is None:
        return [Paragraph(_("Co-financing is not yet recorded for the project."))]
    return [
        Paragraph(
            _(
                "Cash is the costs booked on each financier; staff time is the hours reported, "
                "valued at the hourly cost plus %(overhead)s payroll overhead; in kind are the "
                "contributions valued when given."
            )
            % {"overhead": format_percent(report.cofinancing_period.overhead_percent)}
        ),
        _cofinancing_table(report.cofinancing_period, _("In the period")),
        _cofinancing_table(report.cofinancing_to_date, _("To date")),
    ]


def vouchers(report):
    return [
        Paragraph(
            _(
                "The voucher list of the period, %(count)s cost rows summing to %(total)s, is in "
                "the workbook of this report (sheet “Voucher list”): each row with its voucher, "
                "date, our cost category and the funder's cost type."
            )
            % {"count": report.voucher_count, "total": format_sek(report.costs.ledger.period)}
        )
    ]


BUILDERS = {
    "allmant": general,
    "arbetssatt": working_methods,
    "aktiviteter": activities,
    "resultat": results,
    "indikatorer": indicators,
    "avvikelser": deviations,
    "kostnader": costs,
    "intakter": income,
    "medfinansiering": cofinancing,
    "verifikationer": vouchers,
}


def document(report):
    """The report's sections with their blocks, in the order the funder asks for them."""
    return [
        Section(anchor, heading, BUILDERS[anchor](report))
        for anchor, heading in figures.sections(report)
    ]
