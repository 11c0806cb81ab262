"""The one rule of what leaves the steering group (governance/decisions/visibility.py): the
open register and the site search show public decisions only, revoked ones marked."""

import re

import pytest

from governance.decisions import services, visibility
from governance.decisions.models import Decision
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.decisions.fixtures import approve_minutes, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(project, make_meeting, make_decision):
    """2013:01 public, 2013:02 confidential (both in approved minutes, frozen and the
    register renewed as at approval), 2013:03 revokes 2013:01 in minutes not yet approved."""
    page = DecisionRegisterPageFactory(project=project)
    spring = make_meeting(at(2013, 3, 14))
    public = make_decision(
        "Budget för 2013",
        text="Styrgruppen fastställer budgeten för pendlingsstudien.",
        meeting=spring,
    )
    secret = make_decision(
        "Förhandling om lokaler",
        text="Hyresförhandlingen med Fastighetsbolaget Norrsken hålls hemlig.",
        is_confidential=True,
        meeting=spring,
    )
    approve_minutes(spring)
    services.freeze_approved_minutes(spring)
    autumn = make_meeting(at(2013, 9, 2))
    pending = make_decision(
        "Ny budgetram",
        text="Budgetramen för sommarjobbsmässan ändras.",
        revokes=public,
        meeting=autumn,
    )
    return page, public, secret, pending


def test_the_rule_names_why_a_decision_is_withheld(register):
    _page, public, secret, pending = register
    decisions = Decision.objects.select_related("meeting")
    assert visibility.withheld_reason(decisions.get(pk=public.pk)) is None
    assert visibility.withheld_reason(decisions.get(pk=secret.pk)) == visibility.CONFIDENTIAL
    assert (
        visibility.withheld_reason(decisions.get(pk=pending.pk)) == visibility.MINUTES_NOT_APPROVED
    )
    assert list(visibility.public_decisions()) == [public]
    assert list(Decision.objects.public()) == [public]


def test_the_open_register_shows_only_public_decisions(client, register):
    page, public, secret, pending = register
    html = client.get(page.url).content.decode()
    assert "Budget för 2013" in html and public.number == "2013:01"
    assert "Förhandling om lokaler" not in html and "Norrsken" not in html
    # Revoked by 2013:03, whose minutes are not approved: neither it nor the revocation shows.
    assert "Ny budgetram" not in html and "2013:03" not in html
    assert "Beslutat" in html and "Upphävt" not in html

    approve_minutes(pending.meeting)
    services.freeze_approved_minutes(pending.meeting)
    html = client.get(page.url).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Upphävt genom beslut 2013:03" in text
    assert "Norrsken" not in html


def test_site_search_finds_public_decisions_and_never_withheld_ones(client, register):
    page, *_decisions = register
    found = client.get("/sok/", {"q": "pendlingsstudien"}).content.decode()
    assert page.title in found and page.url in found
    for word in ("Norrsken", "Hyresförhandlingen", "sommarjobbsmässan"):
        html = client.get("/sok/", {"q": word}).content.decode()
        assert page.url not in html, word
        assert "Hyresförhandlingen med" not in html and "Budgetramen för" not in html
