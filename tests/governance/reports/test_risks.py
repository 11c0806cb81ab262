"""A risk is closed and reopened with the buttons' confirmation pages, which call
governance/reports/risks.py; a closed risk leaves the report's top risks."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from governance.reports import content, risks
from governance.reports.models import Risk
from tests.governance.reports.factories import RiskFactory, StatusReportFactory

pytestmark = pytest.mark.django_db


def test_the_project_leader_closes_and_reopens_a_risk(client, project_leader, project):
    risk = RiskFactory(project=project, title="Rekryteringen drar ut", likelihood=4, impact=4)
    report = StatusReportFactory(project=project)
    assert "Rekryteringen drar ut" in str(content.generate(report))
    client.force_login(project_leader)
    url = reverse("risk:close", args=[risk.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Vad som kommer att hända" in page and "Risken stängs" in page
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="sv", follow=True)
    assert "Risken är stängd." in response.content.decode()
    risk.refresh_from_db()
    assert risk.state == Risk.State.CLOSED
    assert "Rekryteringen drar ut" not in str(content.generate(report))

    response = client.post(reverse("risk:reopen", args=[risk.pk]), follow=True)
    risk.refresh_from_db()
    assert risk.state == Risk.State.OPEN
    actions = ModelLogEntry.objects.for_instance(risk).values_list("action", flat=True)
    assert set(actions) == {risks.CLOSE, risks.REOPEN}


def test_the_steering_group_may_not_close_a_risk(client, steering_member, project):
    risk = RiskFactory(project=project)
    client.force_login(steering_member)
    assert client.post(reverse("risk:close", args=[risk.pk])).status_code == 403
    risk.refresh_from_db()
    assert risk.state == Risk.State.OPEN


def test_a_closed_risk_is_not_closed_twice(project):
    risk = risks.close_risk(RiskFactory(project=project))
    with pytest.raises(ValidationError):
        risks.close_risk(risk)
