"""The public decision register: compact by meeting, filtered by year and kind, in pages,
with each meeting's public minutes and a word on why numbers have gaps."""

import re

import pytest

from governance.decisions.models import AgendaItem, Decision
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.decisions.fixtures import approve_minutes, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_page(project):
    return DecisionRegisterPageFactory(project=project)


@pytest.fixture
def two_years(make_meeting, make_decision):
    """2013: a budget decision and a confidential one; 2014: a timeline decision; and a
    meeting whose minutes are not approved yet."""
    spring = make_meeting(at(2013, 3, 14))
    budget = make_decision("Budget för 2013", meeting=spring, kind=Decision.Kind.BUDGET)
    secret = make_decision("Förhandling om lokaler", meeting=spring, is_confidential=True)
    approve_minutes(spring)
    next_year = make_meeting(at(2014, 2, 3))
    timeline = make_decision("Ny tidplan", meeting=next_year, kind=Decision.Kind.TIMELINE)
    approve_minutes(next_year)
    pending = make_decision("Ännu inte justerat", meeting=make_meeting(at(2014, 5, 5)))
    return {"budget": budget, "secret": secret, "timeline": timeline, "pending": pending,
            "spring": spring, "next_year": next_year}  # fmt: skip


def titles(html):
    return re.findall(r'<span class="decision__number">[^<]*</span> ([^<]*)</h3>', html)


def test_decisions_by_meeting_with_a_note_on_gaps(client, register_page, two_years):
    html = client.get(register_page.url).content.decode()
    assert titles(html) == ["Ny tidplan", "Budget för 2013"]
    assert "Styrgrupp, möte 3 februari 2014" in html and "Styrgrupp, möte 14 mars 2013" in html
    assert "Saknas ett nummer är beslutet sekretessbelagt" in html
    assert "2 beslut" in html


def test_filter_by_year_and_kind(client, register_page, two_years):
    assert titles(client.get(register_page.url, {"ar": "2013"}).content.decode()) == [
        "Budget för 2013"
    ]
    by_kind = client.get(register_page.url, {"typ": "tidplan"}).content.decode()
    assert titles(by_kind) == ["Ny tidplan"]
    assert '<option value="tidplan" selected>' in by_kind
    none = client.get(register_page.url, {"ar": "2014", "typ": "budget"}).content.decode()
    assert titles(none) == [] and "Inga publicerade beslut matchar urvalet." in none
    # Only years with public decisions are offered: 2014's pending decision adds none.
    assert re.findall(r'<option value="(\d{4})"', none) == ["2014", "2013"]


@pytest.mark.parametrize(
    "params", [{"ar": "0"}, {"ar": "abc"}, {"typ": "'; DROP"}, {"sida": "-1"}, {"sida": "x" * 500}]
)
def test_a_filter_the_register_does_not_know_shows_everything(
    client, register_page, two_years, params
):
    response = client.get(register_page.url, params)
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Ny tidplan", "Budget för 2013"]


def test_pages_of_25_keep_the_filter(client, register_page, make_meeting, make_decision):
    meeting = make_meeting(at(2013, 3, 14))
    for n in range(30):
        make_decision(f"Beslut nummer {n + 1}", meeting=meeting, kind=Decision.Kind.OTHER)
    approve_minutes(meeting)
    first = client.get(register_page.url, {"typ": "ovrigt"}).content.decode()
    assert len(titles(first)) == 25 and titles(first)[0] == "Beslut nummer 30"
    assert 'href="?typ=ovrigt&amp;sida=2"' in first
    second = client.get(register_page.url, {"typ": "ovrigt", "sida": 2}).content.decode()
    assert titles(second) == [f"Beslut nummer {n}" for n in range(5, 0, -1)]


def test_public_minutes_of_an_approved_meeting(client, register_page, two_years):
    spring = two_years["spring"]
    register = client.get(register_page.url).content.decode()
    minutes_url = f"{register_page.url}protokoll/{spring.pk}/"
    assert f'href="{minutes_url}"' in register

    html = client.get(minutes_url).content.decode()
    assert "Protokoll, styrgrupp 14 mars 2013" in html
    assert "Budget för 2013" in html
    assert "Förhandling om lokaler" not in html and two_years["secret"].number not in html
    assert "1 beslut från mötet är sekretessbelagt och visas inte." in html


def test_no_minutes_before_approval_or_of_another_project(client, register_page, two_years):
    pending = two_years["pending"].meeting
    assert client.get(f"{register_page.url}protokoll/{pending.pk}/").status_code == 404
    assert client.get(f"{register_page.url}protokoll/999999/").status_code == 404
    other = DecisionRegisterPageFactory(slug="andra-beslut")
    spring = two_years["spring"]
    assert client.get(f"{other.url}protokoll/{spring.pk}/").status_code == 404


def test_public_minutes_show_each_public_decision_in_its_paragraph(
    client, register_page, make_meeting, make_decision
):
    """§ 1 holds its public decision; § 2 is shown with a word that its decision is
    confidential, never the decision; a decision under no item is among the other decisions."""
    meeting = make_meeting(at(2013, 3, 14))
    budget = AgendaItem.objects.create(meeting=meeting, title="Budgetläget", sort_order=0)
    rooms = AgendaItem.objects.create(meeting=meeting, title="Lokalfrågan", sort_order=1)
    public = make_decision(
        "Budget för 2013", meeting=meeting, agenda_item=budget, text="Budgeten fastställs."
    )
    secret = make_decision(
        "Förhandling om lokaler", meeting=meeting, agenda_item=rooms, is_confidential=True
    )
    loose = make_decision("Nästa möte", meeting=meeting)
    approve_minutes(meeting)

    html = client.get(f"{register_page.url}protokoll/{meeting.pk}/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert text.index("§ 1 Budgetläget") < text.index(f"Beslut {public.number} Budget för 2013")
    assert text.index("Budgeten fastställs.") < text.index("§ 2 Lokalfrågan")
    paragraph = text[text.index("§ 2 Lokalfrågan") : text.index("Övriga beslut")]
    assert "Beslutet under punkten är sekretessbelagt och visas inte." in paragraph
    assert "Förhandling om lokaler" not in html and secret.number not in html
    assert text.index("Övriga beslut") < text.index(f"Beslut {loose.number} Nästa möte")
