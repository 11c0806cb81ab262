"""Django looks for an app's models here; they live in the slices (register, budget,
cofinancing, decisions, reports). Code imports them from their slice, not from this module."""

from governance.budget.models import (  # noqa: F401
    AccountMapping,
    BudgetLine,
    BudgetVersion,
    CostCategory,
    CostEntry,
    CostImportBatch,
    CostImportMapping,
    Financier,
    Forecast,
)
from governance.cofinancing.models import (  # noqa: F401
    CofinancingSettings,
    HourlyCost,
    InKindContribution,
    TimeReport,
)
from governance.decisions.models import (  # noqa: F401
    ActivityChange,
    AgendaItem,
    ChangeRequest,
    ChangeRequestAttachment,
    Decision,
    DecisionCounter,
    DecisionRegisterPage,
    Meeting,
    MeetingAttachment,
    MeetingAttendee,
)
from governance.funder_report.models import (  # noqa: F401
    FunderCostMapping,
    FunderCostType,
    FunderReportSettings,
)
from governance.register.models import (  # noqa: F401
    Activity,
    ChosenProject,
    Membership,
    Milestone,
    Organisation,
    Person,
    Project,
    ProjectGroup,
    Replanning,
    WorkArea,
)
from governance.register.pages import ProjectPage  # noqa: F401
from governance.reports.models import (  # noqa: F401
    Indicator,
    IndicatorValue,
    ReportAttachment,
    Risk,
    StatusReport,
    WorkAreaStatus,
)
from governance.workspace.models import SentReminder  # noqa: F401
