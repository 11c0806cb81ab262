"""A change request from draft to granted: the budget version it carries becomes the
approved one and its activity changes are applied, in one transaction, with audit log
entries that name the decision number."""

import datetime

from django.core import mail
from django.core.exceptions import ValidationError

from wagtail.models import ModelLogEntry

import pytest

from governance.budget.models import BudgetVersion
from governance.decisions.models import ActivityChange, ChangeRequest, Decision
from governance.decisions.services import submit_change_request
from governance.register.models import Activity, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def budgets(project):
    approved = BudgetVersion.objects.create(
        project=project,
        number=1,
        label="Budget enligt projektplanen",
        state=BudgetVersion.State.APPROVED,
        approved_on=datetime.date(2012, 10, 15),
    )
    revision = BudgetVersion.objects.create(project=project, number=2, label="Reviderad budget")
    return approved, revision


@pytest.fixture
def change_request(make_change_request, make_activity, work_area, budgets):
    fair = make_activity("A.1", title="Arbetsgivarträff")
    survey = make_activity("A.2", title="Enkät till arbetsgivare")
    request = make_change_request(budget_version=budgets[1])
    ActivityChange.objects.create(
        change_request=request,
        kind=ActivityChange.Kind.RESCHEDULE,
        activity=fair,
        planned_start=datetime.date(2013, 9, 1),
        planned_end=datetime.date(2013, 12, 15),
    )
    ActivityChange.objects.create(
        change_request=request, kind=ActivityChange.Kind.CANCEL, activity=survey
    )
    ActivityChange.objects.create(
        change_request=request,
        kind=ActivityChange.Kind.NEW,
        work_area=work_area,
        code="A.3",
        title="Jobbyte för en dag",
        planned_start=datetime.date(2013, 10, 1),
        planned_end=datetime.date(2014, 3, 31),
    )
    return request


def test_granting_applies_budget_and_activity_changes_and_logs_the_decision_number(
    project, change_request, budgets, make_decision, steering_member
):
    approved, revision = budgets
    assert BudgetVersion.current_for(project) == approved
    decision = make_decision(
        "Reviderad tidplan och budget",
        kind=Decision.Kind.BUDGET,
        change_request=change_request,
        change_request_outcome=Decision.Outcome.GRANTED,
        user=steering_member,
    )
    assert decision.number == "2013:01"
    assert BudgetVersion.current_for(project) == revision
    revision.refresh_from_db()
    assert (revision.approved_on, revision.decision_reference) == (
        datetime.date(2013, 3, 14),
        "2013:01",
    )
    fair = Activity.objects.get(code="A.1")
    assert (fair.planned_start, fair.planned_end) == (
        datetime.date(2013, 9, 1),
        datetime.date(2013, 12, 15),
    )
    assert Activity.objects.get(code="A.2").status == Activity.Status.CANCELLED
    assert Activity.objects.get(code="A.3").title == "Jobbyte för en dag"
    change_request.refresh_from_db()
    decision.refresh_from_db()
    assert change_request.state == ChangeRequest.State.IMPLEMENTED
    assert decision.state == Decision.State.IMPLEMENTED

    entry = ModelLogEntry.objects.for_instance(revision).get(action="lagesbild.decision.apply")
    assert entry.user == steering_member
    assert "2013:01" in entry.message
    fair_entry = ModelLogEntry.objects.for_instance(fair).get(action="lagesbild.decision.apply")
    assert "2013:01" in fair_entry.message
    granted = ModelLogEntry.objects.for_instance(change_request).get(
        action="lagesbild.change_request.grant"
    )
    assert "2013:01" in granted.message


def test_a_change_that_cannot_be_applied_leaves_everything_as_it_was(
    project, change_request, budgets, make_decision
):
    ActivityChange.objects.create(
        change_request=change_request,
        kind=ActivityChange.Kind.NEW,
        work_area=change_request.activity_changes.first().activity.work_area,
        code="A.9",
        title="Efter projektets slut",
        planned_start=datetime.date(2014, 9, 1),
        planned_end=datetime.date(2015, 3, 31),  # after the project period
    )
    with pytest.raises(ValidationError) as error:
        make_decision(
            "Reviderad tidplan",
            change_request=change_request,
            change_request_outcome=Decision.Outcome.GRANTED,
        )
    assert "A.9" in str(error.value)
    assert not Decision.objects.exists()
    assert BudgetVersion.current_for(project) == budgets[0]
    assert Activity.objects.get(code="A.1").planned_start == datetime.date(2013, 1, 1)
    assert not Activity.objects.filter(code="A.3").exists()
    change_request.refresh_from_db()
    assert change_request.state == ChangeRequest.State.SUBMITTED


def test_rejecting_changes_nothing_but_the_request(project, change_request, budgets, make_decision):
    decision = make_decision(
        "Ändrad tidplan avslås",
        change_request=change_request,
        change_request_outcome=Decision.Outcome.REJECTED,
    )
    change_request.refresh_from_db()
    assert change_request.state == ChangeRequest.State.REJECTED
    assert BudgetVersion.current_for(project) == budgets[0]
    assert Activity.objects.get(code="A.2").status == Activity.Status.PLANNED
    assert decision.state == Decision.State.DECIDED
    assert (
        ModelLogEntry.objects.for_instance(change_request)
        .filter(action="lagesbild.change_request.reject")
        .exists()
    )


def test_only_a_submitted_request_can_be_decided(make_change_request, meeting):
    draft = make_change_request(state=ChangeRequest.State.DRAFT)
    decision = Decision(
        meeting=meeting,
        title="För tidigt",
        text="Beslut.",
        change_request=draft,
        change_request_outcome=Decision.Outcome.GRANTED,
    )
    with pytest.raises(ValidationError):
        decision.full_clean()


def test_submitting_emails_the_steering_group(
    project, make_change_request, person, django_capture_on_commit_callbacks
):
    Membership.objects.create(project=project, person=person, body=Membership.Body.STEERING_GROUP)
    draft = make_change_request(state=ChangeRequest.State.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        submit_change_request(draft)
    draft.refresh_from_db()
    assert draft.state == ChangeRequest.State.SUBMITTED and draft.submitted_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert draft.title in message.subject
    assert f"http://testserver/admin/styrning/andringsforslag/inspect/{draft.pk}/" in message.body


def test_the_steering_group_sees_the_planned_changes_and_the_decision(
    client, steering_member, change_request, make_decision
):
    from django.urls import reverse

    client.force_login(steering_member)
    url = reverse("changerequest:inspect", args=[change_request.pk])
    html = client.get(url).content.decode()
    assert "Ställ in aktivitet: A.2 Enkät till arbetsgivare" in html
    assert "Ny aktivitet: A.3" in html and "2013-10-01 – 2014-03-31" in html
    decision = make_decision(
        "Ändrad plan",
        change_request=change_request,
        change_request_outcome=Decision.Outcome.REJECTED,
    )
    html = client.get(url).content.decode()
    assert reverse("decision:inspect", args=[decision.pk]) in html and decision.number in html
    assert reverse("changerequest:edit", args=[change_request.pk]) not in html
