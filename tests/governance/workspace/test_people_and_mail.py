"""Users are people: the demo links each demo user to the person of the same name and gives
the demo people addresses, mail goes to the person's address, and the dashboard warns those
who keep the register when someone who must get mail has no address."""

import io

from django.core import mail
from django.urls import reverse

import pytest

from governance import demo as governance_demo
from governance.decisions import notifications
from governance.register.models import Membership, Person
from governance.reports import review
from tests.governance.register.factories import MembershipFactory, PersonFactory
from tests.governance.reports.factories import StatusReportFactory
from website import demo as website_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(db):
    """The demo's users, people and bodies, without the rest of the demo."""
    website_demo.load_users(io.StringIO())
    organisations = governance_demo.load_organisations()
    project = governance_demo.load_project()
    governance_demo.load_memberships(project, organisations)
    governance_demo.link_demo_users()
    return project


def test_the_demo_users_are_their_people_and_every_member_has_an_address(demo_people):
    assert Person.objects.get(user__username="styrgrupp").name == "Anna Olofsson"
    assert Person.objects.get(user__username="projektledare").name == "Carina Lindberg"
    assert Person.objects.get(name="Kurt-Allan Egelby").email == "kurt-allan.egelby@example.se"
    assert notifications.members_without_address([demo_people]) == []
    assert len(notifications.steering_group_addresses(demo_people)) == 5
    assert notifications.project_leader_addresses(demo_people) == [
        "carina.lindberg@example.se",
        "johan.eklund@example.se",
    ]
    # Loading again links and changes nothing more.
    governance_demo.link_demo_users()
    linked = Person.objects.filter(user__isnull=False)
    assert linked.count() == 4  # the four demo users of the project (not the superuser)


def test_a_submitted_report_is_mailed_to_the_people_not_the_accounts(
    demo_people, django_capture_on_commit_callbacks
):
    report = StatusReportFactory(project=demo_people)
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(report, None)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert "anna.olofsson@example.se" in recipients and len(recipients) == 5
    assert "styrgrupp@example.invalid" not in recipients


def test_the_dashboard_warns_when_a_member_who_must_get_mail_has_no_address(
    client, project, project_leader, steering_member
):
    silent = PersonFactory(name="Jan Bergmark", email="")
    MembershipFactory(project=project, person=silent, body=Membership.Body.STEERING_GROUP)
    reachable = PersonFactory(name="Anna Edblad", email="anna.edblad@example.se")
    MembershipFactory(project=project, person=reachable, body=Membership.Body.STEERING_GROUP)
    # The project group gets no mail: no warning for its members.
    quiet = PersonFactory(name="Per Renström", email="")
    MembershipFactory(project=project, person=quiet, body=Membership.Body.PROJECT_GROUP)
    client.force_login(project_leader)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "E-post når inte alla" in page
    assert f'href="{reverse("person:edit", args=[silent.pk])}"' in page
    assert "Anna Edblad" not in page and "Per Renström" not in page
    # The steering group does not keep the register: the warning is not theirs to act on.
    client.force_login(steering_member)
    assert "E-post når inte alla" not in client.get(reverse("wagtailadmin_home")).content.decode()
    # A linked user account with an address is enough.
    silent.user = steering_member
    steering_member.email = "jan.bergmark@example.se"
    steering_member.save()
    silent.save()
    client.force_login(project_leader)
    assert "E-post når inte alla" not in client.get(reverse("wagtailadmin_home")).content.decode()
