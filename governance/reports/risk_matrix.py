"""The risk matrix: likelihood × impact on the 1–5 scales of the Risk model, with each
cell naming the risks in it, for the report page, the report PDF and the comparison over
time (templates/governance/reports/risk_matrix.html).

A risk's level follows from its score (likelihood × impact): low up to 4, medium up to 9,
high from 10. The level is written in words in every cell and wherever a risk's score is
shown, so that colour is never the only cue.
"""

from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

SCALE = range(1, 6)

LIKELIHOOD_LABELS = {
    1: pgettext_lazy("risk likelihood", "very unlikely"),
    2: pgettext_lazy("risk likelihood", "unlikely"),
    3: pgettext_lazy("risk likelihood", "possible"),
    4: pgettext_lazy("risk likelihood", "likely"),
    5: pgettext_lazy("risk likelihood", "very likely"),
}
IMPACT_LABELS = {
    1: pgettext_lazy("risk impact", "very small"),
    2: pgettext_lazy("risk impact", "small"),
    3: pgettext_lazy("risk impact", "moderate"),
    4: pgettext_lazy("risk impact", "large"),
    5: pgettext_lazy("risk impact", "very large"),
}

LOW, MEDIUM, HIGH = "lag", "medel", "hog"
LEVEL_LABELS = {
    LOW: pgettext_lazy("risk level", "low"),
    MEDIUM: pgettext_lazy("risk level", "medium"),
    HIGH: pgettext_lazy("risk level", "high"),
}


def level(score):
    """The level of a risk score (likelihood × impact): low, medium or high."""
    if score <= 4:
        return LOW
    if score <= 9:
        return MEDIUM
    return HIGH


def level_label(score):
    return LEVEL_LABELS[level(score)]


@dataclass
class Cell:
    likelihood: int
    impact: int
    risks: list = field(default_factory=list)

    @property
    def score(self):
        return self.likelihood * self.impact

    @property
    def level(self):
        return level(self.score)

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]


@dataclass
class Row:
    likelihood: int
    label: str
    cells: list


def matrix_risks(content):
    """The risks a report's matrix shows: every open risk (reports frozen before the
    matrix existed hold only their top risks)."""
    return content.get("open_risks", content["risks"])


def matrix(risks):
    """Rows from the most likely (5) down to the least (1), each with its cells from the
    smallest impact (1) to the largest (5); a cell lists the titles of its risks."""
    cells = {(lik, imp): Cell(lik, imp) for lik in SCALE for imp in SCALE}
    for risk in risks:
        cells[(risk["likelihood"], risk["impact"])].risks.append(risk["title"])
    return {
        "columns": [(impact, IMPACT_LABELS[impact]) for impact in SCALE],
        "rows": [
            Row(lik, LIKELIHOOD_LABELS[lik], [cells[(lik, imp)] for imp in SCALE])
            for lik in reversed(SCALE)
        ],
        "count": len(risks),
    }
