"""The state changes of a risk: the project leaders close a risk that can no longer happen
and reopen one that is back. A closed risk leaves the reports' top risks and risk matrix.
Each change is one function here, written to Wagtail's audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from governance.reports.models import Risk

CLOSE = "lagesbild.risk.close"
REOPEN = "lagesbild.risk.reopen"


def _change(risk, user, from_state, to_state, action, refusal):
    with transaction.atomic():
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        if risk.state != from_state:
            raise ValidationError(refusal)
        risk.state = to_state
        risk.save(update_fields=["state"])
        log(risk, action, user=user, data={"title": risk.title})
    return risk


def close_risk(risk, user=None):
    return _change(
        risk, user, Risk.State.OPEN, Risk.State.CLOSED, CLOSE, _("Only an open risk can be closed.")
    )


def reopen_risk(risk, user=None):
    return _change(
        risk,
        user,
        Risk.State.CLOSED,
        Risk.State.OPEN,
        REOPEN,
        _("Only a closed risk can be reopened."),
    )
