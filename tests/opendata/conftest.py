from tests.governance.conftest import (  # noqa: F401  (the governance fixtures)
    make_activity,
    organisation,
    project,
    work_area,
)
from tests.governance.decisions.fixtures import make_decision, make_meeting, meeting  # noqa: F401
