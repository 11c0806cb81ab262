"""A project is started and closed with the buttons' confirmation pages, which call
governance/register/lifecycle.py; a closed project leaves the dashboards."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from governance.register import lifecycle
from governance.register.models import Activity, Project
from governance.workspace.dashboard import projects_for
from tests.governance.register.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_project_leader_starts_and_closes_a_project(client, project_leader):
    project = ProjectFactory(state=Project.State.PLANNED)
    client.force_login(project_leader)
    response = client.post(
        reverse("project:start", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="sv", follow=True
    )
    assert "Projektet är startat." in response.content.decode()
    project.refresh_from_db()
    assert project.state == Project.State.ONGOING

    url = reverse("project:close", args=[project.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Vad som kommer att hända" in page and "slutrapporten" in page
    client.post(url)
    project.refresh_from_db()
    assert project.state == Project.State.CLOSED
    assert project not in projects_for(project_leader, Activity, "change")
    with pytest.raises(ValidationError):
        lifecycle.close_project(project)


def test_the_steering_group_may_not_close_a_project(client, steering_member, project):
    client.force_login(steering_member)
    assert client.post(reverse("project:close", args=[project.pk])).status_code == 403
    project.refresh_from_db()
    assert project.state == Project.State.ONGOING
