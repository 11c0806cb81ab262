"""Demo status reports: one per quarter of the demo project (October 2012 – September
2014), the early ones approved by the steering group and the last one a draft, with
example risks that rise and fall from quarter to quarter, the commuting indicator against
the 7.5 % criterion and a count of the employers reached. Each approved report was
submitted two weeks after its quarter and approved two weeks later, except the first
quarter of 2013, which the steering group approved at its meeting of 29 May 2013 by
decision (governance/decisions/demo.py, loaded before): the history and the PDF's cover
show those dates, not the day the demo was loaded. The indicators' figures are
invented example data and say so in their source. Finds what an
earlier run made and then changes nothing."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from core import demo_data
from governance.decisions.models import Decision
from governance.register.models import Project
from governance.reports import content, review, risks
from governance.reports.models import Indicator, IndicatorValue, Risk, StatusReport

EXAMPLE_SOURCE = "Exempeldata (påhittade värden)"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUBMITTED_AFTER = datetime.timedelta(days=14)  # after the quarter's end, at 10:00
APPROVED_AFTER = datetime.timedelta(days=28)  # after the quarter's end, at 14:00
# Reports the steering group approved at a meeting, by a decision (title of the decision).
APPROVED_BY_DECISION = {
    "Lägesrapport 2013 kvartal 1": "Lägesrapporten för första kvartalet godkänns"
}

# Each risk with its likelihood and impact per quarter of QUARTERS (None: not yet
# identified, or closed), so that the comparison over time shows risks rising and falling.
RISKS = [
    (
        "Arbetsgivarna hinner inte delta i träffarna",
        [(3, 4), (4, 4), (4, 4), (3, 4), (3, 4), (2, 4), (2, 4), (2, 3)],
        "Träffarna läggs på arbetsplatserna och bjuds in via handelskamrarna.",
    ),
    (
        "Pendlingen hindras av för få avgångar på Botniabanan",
        [(2, 5), (2, 5), (2, 5), (2, 5), (3, 5), (3, 5), (4, 5), (3, 5)],
        "Styrgruppen för frågan vidare till de regionala kollektivtrafikmyndigheterna.",
    ),
    (
        "Projektledarnas tid räcker inte till alla arbetsområden",
        [(3, 3), (3, 3), (3, 3), (3, 3), (2, 3), (2, 3), (4, 3), (3, 3)],
        "Projektgruppens organisationer tar ansvar för var sin aktivitet.",
    ),
    (
        "För få studenter söker till studentprojekten",
        [None, None, (4, 3), (4, 4), (2, 3), None, None, None],
        "Projekten marknadsförs på Umeå universitet och via studentkårerna.",
    ),
]

# Share of the employed who commute between the municipalities, per half-year (example data).
COMMUTING = [
    (datetime.date(2012, 12, 31), Decimal("4.80")),
    (datetime.date(2013, 6, 30), Decimal("4.90")),
    (datetime.date(2013, 12, 31), Decimal("5.30")),
    (datetime.date(2014, 6, 30), Decimal("5.60")),
    (datetime.date(2014, 9, 30), Decimal("5.90")),
]

# Employers who have taken part in a meeting, counted at the end of each quarter (example data).
EMPLOYERS = [
    (datetime.date(2012, 12, 31), Decimal("3")),
    (datetime.date(2013, 3, 31), Decimal("8")),
    (datetime.date(2013, 6, 30), Decimal("14")),
    (datetime.date(2013, 9, 30), Decimal("15")),
    (datetime.date(2013, 12, 31), Decimal("22")),
    (datetime.date(2014, 3, 31), Decimal("27")),
    (datetime.date(2014, 6, 30), Decimal("29")),
    (datetime.date(2014, 9, 30), Decimal("34")),
]

# Per quarter: overall status, status of work area C with its comment, the summary.
QUARTERS = [
    (2012, 4, "gron", "", "Projektet har startat och projektledarna är på plats."),
    (2013, 1, "gron", "", "Aktivitetsplanen är fastställd och de första träffarna hålls."),
    (2013, 2, "gul", "Rekryteringen till studentprojekten går långsammare än planerat.",
     "Arbetsgivarträffarna har kommit i gång i båda kommunerna."),
    (2013, 3, "gul", "Studentprojekten startar först i oktober.",
     "Sommaren har använts till att förbereda höstens aktiviteter."),
    (2013, 4, "gron", "", "Studentprojekten är i gång och pendlingsstatistiken är sammanställd."),
    (2014, 1, "gron", "", "Halva projekttiden har gått; utfallet följer budgeten."),
    (2014, 2, "gul", "Två aktiviteter i arbetsområde C flyttas till hösten.",
     "Förslag om ändrad tidplan lämnas till styrgruppen."),
    (2014, 3, "gron", "", "Det sista kvartalet ägnas åt att sammanfatta och lämna över arbetet."),
]  # fmt: skip


def set_risks(project, quarter_index):
    """The risks as the project leaders judged them in that quarter."""
    for title, levels, mitigation in RISKS:
        level = levels[quarter_index]
        risk = Risk.objects.filter(project=project, title=title).first()
        if level is None:
            if risk and risk.state == Risk.State.OPEN:
                risks.close_risk(risk)
            continue
        likelihood, impact = level
        if risk is None:
            risk = Risk(project=project, title=title, mitigation=mitigation)
        elif risk.state == Risk.State.CLOSED:
            risk = risks.reopen_risk(risk)
        risk.likelihood, risk.impact = likelihood, impact
        risk.save()


def load_indicators(project):
    for name, unit, description, baseline, target, values in [
        (
            "Andel som pendlar mellan kommunerna",
            "%",
            "Kriteriet för en gemensam arbetsmarknadsregion är att minst 7,5 % pendlar "
            "mellan kommunerna.",
            Decimal("4.80"),
            Decimal("7.50"),
            COMMUTING,
        ),
        (
            "Arbetsgivare som deltagit i träffarna",
            "arbetsgivare",
            "Antal arbetsgivare i de två kommunerna som deltagit i minst en träff.",
            Decimal("0"),
            Decimal("40"),
            EMPLOYERS,
        ),
    ]:
        indicator, created = Indicator.objects.get_or_create(
            project=project,
            name=name,
            defaults={
                "unit": unit,
                "description": description,
                "baseline": baseline,
                "target": target,
            },
        )
        if created:
            for measured_on, value in values:
                IndicatorValue.objects.create(
                    indicator=indicator,
                    measured_on=measured_on,
                    value=value,
                    source=EXAMPLE_SOURCE,
                )


def load_reports(project):
    reviewer = get_user_model().objects.filter(username="styrgrupp").first()
    last = len(QUARTERS) - 1
    for index, (year, quarter, status, comment, summary) in enumerate(QUARTERS):
        title = f"Lägesrapport {year} kvartal {quarter}"
        if StatusReport.objects.filter(project=project, title=title).exists():
            continue
        start, end = content.quarter_period(year, quarter)
        set_risks(project, index)
        report = StatusReport.objects.create(
            project=project,
            title=title,
            period_start=start,
            period_end=end,
            due_on=end + datetime.timedelta(days=30),
            overall_status=status,
            overall_comment=comment,
            summary=summary,
            budget_comment="Utfallet är exempeldata och följer budgeten med små avvikelser.",
            next_steps="Fortsatta arbetsgivarträffar och uppföljning av pendlingen.",
        )
        review.ensure_work_area_statuses(report)
        report.work_area_statuses.filter(work_area__code="C").update(status=status, comment=comment)
        if index == last:
            continue  # the latest report is still a draft
        review.submit(report, None, notify=False, at=_at(end + SUBMITTED_AFTER, 10))
        if reviewer:  # the demo's steering-group member; review.approve checks the role
            approve(project, report, reviewer)


def _at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def approve(project, report, reviewer):
    decision = (
        Decision.objects.filter(project=project, title=APPROVED_BY_DECISION[report.title])
        .select_related("meeting")
        .first()
        if report.title in APPROVED_BY_DECISION
        else None
    )
    if decision:
        at = decision.meeting.starts_at + datetime.timedelta(hours=1)
        comment = "Godkänd vid styrgruppens möte."
    else:
        at = _at(report.period_end + APPROVED_AFTER, 14)
        comment = "Godkänd av styrgruppen."
    review.approve(report, reviewer, comment=comment, decision=decision, at=at)


def load_second():
    """The second, invented project's one report (core/demo_data.py's SECOND_PROJECT):
    submitted by its project leader and waiting for its steering group."""
    project = Project.objects.get(slug=demo_data.SECOND_PROJECT["slug"])
    title = "Lägesrapport 2012 kvartal 2"
    if StatusReport.objects.filter(project=project, title=title).exists():
        return
    start, end = content.quarter_period(2012, 2)
    report = StatusReport.objects.create(
        project=project,
        title=title,
        period_start=start,
        period_end=end,
        due_on=end + datetime.timedelta(days=30),
        overall_status="gron",
        summary=(
            "Exempeldata: behovsinventeringen och handledarutbildningen är klara, och "
            "distanskursen i svetsning har sina praktikplatser."
        ),
        budget_comment="Exempeldata: utfallet följer budgeten.",
        next_steps="Kursstart i augusti och de första valideringarna i äldreomsorgen.",
    )
    review.ensure_work_area_statuses(report)
    leader = get_user_model().objects.filter(username="kompetens-projektledare").first()
    review.submit(report, leader, notify=False, at=_at(end + SUBMITTED_AFTER, 10))


def load(stdout):
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    load_indicators(project)
    load_reports(project)
    load_second()
