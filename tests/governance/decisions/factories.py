"""Factories for the decisions: steering-group meetings, decisions recorded and numbered
as the admin records them, change requests and the public decision register."""

import datetime
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from governance.decisions.models import ChangeRequest, Decision, DecisionRegisterPage, Meeting
from governance.decisions.services import record_decision
from tests.factories import PageFactory
from tests.governance.register.factories import ProjectFactory


class MeetingFactory(DjangoModelFactory):
    """A planned steering-group meeting on 14 March 2013 at 13.00 in Umeå."""

    class Meta:
        model = Meeting

    project = factory.SubFactory(ProjectFactory)
    starts_at = datetime.datetime(2013, 3, 14, 13, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    place = "Stadshuset, Umeå"


class DecisionFactory(DjangoModelFactory):
    """A decision checked like the admin's form and recorded through
    governance.decisions.services.record_decision, which numbers it and carries out what it
    decides (revoking, settling a change request); `user=` is who recorded it."""

    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    title = "Beslut"
    text = factory.LazyAttribute(lambda decision: f"Styrgruppen beslutar: {decision.title}.")

    @classmethod
    def _create(cls, model_class, *args, user=None, **kwargs):
        decision = model_class(*args, **kwargs)
        decision.full_clean()
        return record_decision(decision, user=user)


class ChangeRequestFactory(DjangoModelFactory):
    """A change request submitted to the steering group."""

    class Meta:
        model = ChangeRequest

    project = factory.SubFactory(ProjectFactory)
    title = "Förlängd tidplan för område A"
    what_changes = "Aktiviteterna i område A flyttas."
    reason = "Arbetsgivarna vill träffas efter sommaren."
    state = ChangeRequest.State.SUBMITTED


class DecisionRegisterPageFactory(PageFactory):
    """The public decision register of a project, under the home page."""

    class Meta:
        model = DecisionRegisterPage

    title = "Beslut"
    slug = "beslut"
    project = factory.SubFactory(ProjectFactory)
