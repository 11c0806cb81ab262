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
    "Membership",
    "Milestone",
    "Organisation",
    "Person",
    "Project",
    "ProjectPage",
    "WorkArea",
]
