from .budget import (
    BudgetLine,
    BudgetVersion,
    CostCategory,
    CostEntry,
    CostImportBatch,
    CostImportMapping,
    Financier,
    Forecast,
)
from .pages import ProjectPage
from .register import (
    Activity,
    Membership,
    Milestone,
    Organisation,
    Person,
    Project,
    WorkArea,
)

__all__ = [
    "Activity",
    "BudgetLine",
    "BudgetVersion",
    "CostCategory",
    "CostEntry",
    "CostImportBatch",
    "CostImportMapping",
    "Financier",
    "Forecast",
    "Membership",
    "Milestone",
    "Organisation",
    "Person",
    "Project",
    "ProjectPage",
    "WorkArea",
]
