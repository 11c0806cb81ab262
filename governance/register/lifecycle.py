"""The state changes of a project: it starts (planned → ongoing) and, when the steering
group has decided so, it is closed; a closed project leaves the dashboards. Each change is
one function here, written to Wagtail's audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from governance.register.models import Project

START = "lagesbild.project.start"
CLOSE = "lagesbild.project.close"


def _change(project, user, from_state, to_state, action, refusal):
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.state != from_state:
            raise ValidationError(refusal)
        project.state = to_state
        project.save(update_fields=["state"])
        log(project, action, user=user, data={"name": project.name})
    return project


def start_project(project, user=None):
    return _change(
        project,
        user,
        Project.State.PLANNED,
        Project.State.ONGOING,
        START,
        _("Only a planned project can be started."),
    )


def close_project(project, user=None):
    return _change(
        project,
        user,
        Project.State.ONGOING,
        Project.State.CLOSED,
        CLOSE,
        _("Only an ongoing project can be closed."),
    )
