"""Every governance list, inspect, edit and add view, as each role, in the Swedish admin:
no raw Python value ("None", "True", "False"), no English string that Wagtail or Django
leaves untranslated, no UTC time, no capitalised Swedish month, and amounts with the
Swedish thousands spaces.

The views are found through the viewsets of the "Styrning" menu (governance/wagtail_hooks.py),
so a new viewset is walked without touching this test. The records carry a known time,
2014-05-31 16:35 UTC, which is 18:35 in Stockholm."""

import contextlib
import datetime
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

import lxml.html
import pytest

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP
from governance.budget.models import CostEntry, CostImportBatch
from governance.cofinancing.models import TimeReport
from governance.decisions.models import (
    AgendaItem,
    ChangeRequest,
    ChangeRequestAttachment,
    Decision,
    Meeting,
    MeetingAttachment,
)
from governance.register.models import Membership, Person
from governance.wagtail_hooks import register_governance_viewsets
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.decisions.factories import (
    ChangeRequestFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.governance.funder_report.fixtures import add_funder_setup
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]

KNOWN_TIME = datetime.datetime(2014, 5, 31, 16, 35, tzinfo=datetime.UTC)

# Strings that Wagtail or Django show in English when a translation is missing.
ENGLISH = [
    "There are no",
    "to display",
    "Why not",
    "add one",
    "Autosave",
    "Saved",
    "Saving",
    "validation errors",
    "To be created by",
    "Yes",
    "No results",
    "Unknown",
    "Edit",
    "Delete",
    "Inspect",
    "History",
    "Created",
    "Updated",
    "Actions",
    "Filter",
    "Search",
    "Save",
    "Cancel",
    "Choose",
    "Sort by",
    "Page",
    "items",
]
RAW = ["None", "True", "False"]
MONTHS = "Jan|Feb|Mar|Apr|Maj|Jun|Jul|Aug|Sep|Okt|Nov|Dec"
CAPITALISED_MONTH = re.compile(rf"(\d\.? (?:{MONTHS})\b|\b(?:{MONTHS})\.? \d{{4}})")
# 1927317,35 or 1927317.35: an amount without thousands spaces (a year like 2013 has no
# decimals, so it does not match).
BARE_AMOUNT = re.compile(r"(?<![\d\s\u00a0])-?\d{4,}[,.]\d{2}\b")
VISIBLE_ATTRIBUTES = ["title", "placeholder", "aria-label", "alt", "data-w-tooltip-content-value"]


def visible_text(html):
    """The text a user can see or hear: element text (with <template> contents, which the
    admin's scripts show) and the attributes that are shown or read aloud."""
    root = lxml.html.fromstring(html)
    for element in [*root.iter("script", "style", "noscript"), *root.xpath("//*[@hidden]")]:
        element.drop_tree()
    lines = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        texts = [element.text, *(child.tail for child in element)]
        lines += [f"<{element.tag}> {' '.join(text.split())}" for text in texts if text]
        for attribute in VISIBLE_ATTRIBUTES:
            if element.get(attribute):
                lines.append(
                    f"<{element.tag} {attribute}> {' '.join(element.get(attribute).split())}"
                )
    return [line for line in lines if not line.endswith("> ")]


def problems_in(lines):
    found = []
    for line in lines:
        text = line.split("> ", 1)[1]
        words = set(re.findall(r"[\wåäöÅÄÖ]+", text))
        found += [f"raw value {word!r} in {line!r}" for word in RAW if word in words]
        found += [
            f"English {phrase!r} in {line!r}"
            for phrase in ENGLISH
            if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(phrase)}(?![\wåäöÅÄÖ])", text)
        ]
        if "16:35" in text or "16.35" in text:
            found.append(f"UTC time in {line!r}")
        found += [f"capitalised month in {line!r}" for _ in CAPITALISED_MONTH.findall(text)[:1]]
        found += [f"amount without spaces in {line!r}" for _ in BARE_AMOUNT.findall(text)[:1]]
    return found


def at_known_time(model, **filters):
    """Sets the record's automatic times to KNOWN_TIME."""
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    ]
    model.objects.filter(**filters).update(**dict.fromkeys(fields, KNOWN_TIME))


@pytest.fixture
def governance_data(make_user):
    small = build_small_budget()
    add_register_data(small)
    project = small.project
    leader = make_user(PROJECT_LEADER, username="projektledare", first_name="", last_name="")
    Person.objects.filter(name="Styrgruppsledamot").update(name="Carina Lindberg")
    person = Person.objects.get(name="Carina Lindberg")
    person.user = leader
    person.save()
    # Time reports, hourly costs and contributions in kind; the leader reports her own time.
    add_cofinancing(small)
    Membership.objects.create(
        project=project, person=person, body=Membership.Body.PROJECT_MANAGEMENT
    )
    make_user(STEERING_GROUP, username="styrgrupp")
    make_user(PROJECT_GROUP, username="projektgrupp")
    get_user_model().objects.create_superuser("admin", password="secret-pass-123")
    for user in get_user_model().objects.all():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "sv"
        profile.save()

    build_report(small)
    add_funder_setup(small)  # the funder's cost types, the mapping and the flat rate
    meeting = MeetingFactory(project=project, starts_at=KNOWN_TIME, agenda_published=True)
    AgendaItem.objects.create(meeting=meeting, title="Lägesrapport", presenter=person)
    first = DecisionFactory(
        meeting=meeting, title="Budget 2013", user=leader, registry_number="KS 2013/13"
    )
    DecisionFactory(meeting=meeting, title="Upphäver budgeten", revokes=first, user=leader)
    DecisionFactory(meeting=meeting, title="Personalärende", is_confidential=True, user=leader)
    submitted = ChangeRequestFactory(project=project, prepared_by=leader, submitted_at=KNOWN_TIME)
    # An attachment not yet frozen (the change request) and a frozen one (the meeting).
    document = get_document_model()(title="Konsekvensanalys")
    document.file.save("konsekvensanalys.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    ChangeRequestAttachment.objects.create(change_request=submitted, document=document)
    MeetingAttachment.objects.create(meeting=meeting, document=document)
    MeetingAttachment.objects.update(
        frozen_at=KNOWN_TIME, size=9, sha256="0" * 64, file_name="konsekvensanalys.pdf"
    )
    Meeting.objects.update(registry_number="KS 2013/12")
    ChangeRequestFactory(project=project, title="Utkast", state=ChangeRequest.State.DRAFT)
    batch = CostImportBatch.objects.create(
        project=project,
        file_name="huvudbok-2014.xlsx",
        imported_by=leader,
        row_count=2,
        total_amount=Decimal("1927317.35"),
    )
    CostEntry.objects.filter(project=project).update(amount=Decimal("1927317.35"))
    CostEntry.objects.filter(voucher="V5").update(batch=batch)
    for model in (Meeting, Decision, ChangeRequest, CostImportBatch, TimeReport):
        at_known_time(model)
    Meeting.objects.update(starts_at=KNOWN_TIME)
    return small


def governance_urls(records=2):
    """Every list, add, inspect and edit view of the Styrning menu's viewsets (for the first
    `records` records of each model), and the views of its other viewsets that take no
    argument."""
    urls = []
    for viewset in register_governance_viewsets().registerables:
        if isinstance(viewset, ModelViewSet):
            urls += [reverse(viewset.get_url_name("index"))]
            with contextlib.suppress(NoReverseMatch):
                urls += [reverse(viewset.get_url_name("add"))]
            for pk in viewset.model._default_manager.values_list("pk", flat=True)[:records]:
                for view in ("inspect", "edit"):
                    with contextlib.suppress(NoReverseMatch):
                        urls.append(reverse(viewset.get_url_name(view), args=[pk]))
        else:
            for pattern in viewset.get_urlpatterns():
                if not pattern.pattern.converters:
                    urls.append(reverse(viewset.get_url_name(pattern.name)))
    return urls


ROLES = ["projektledare", "styrgrupp", "projektgrupp", "admin"]


def test_the_swedish_admin_shows_no_raw_value_english_word_or_utc_time(client, governance_data):
    # The administrator sees every record kind (a revoked and a confidential decision, a
    # draft change request); the roles, whose pages differ in buttons and fields, the first.
    urls = {username: governance_urls(records=1) for username in ROLES}
    urls["admin"] = governance_urls(records=2)
    assert len(urls["admin"]) > 60
    found = []
    seen_stockholm_time = set()
    for username in ROLES:
        client.force_login(get_user_model().objects.get(username=username))
        for url in urls[username]:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
            if response.status_code in (302, 403) or not response["Content-Type"].startswith(
                "text/html"
            ):
                continue
            assert response.status_code == 200, (username, url, response.status_code)
            lines = visible_text(response.content.decode())
            found += [f"{username} {url}: {problem}" for problem in problems_in(lines)]
            if any("18:35" in line or "18.35" in line for line in lines):
                seen_stockholm_time.add(url.split("/")[3])
    assert not found, "\n".join(sorted(set(found)))
    # A user is shown by the name of the person linked to them, not by their user name.
    change_request = ChangeRequest.objects.get(prepared_by__username="projektledare")
    page = client.get(reverse("changerequest:inspect", args=[change_request.pk]))
    assert "Carina Lindberg" in " ".join(visible_text(page.content.decode()))
    # The meetings, decisions, change requests and cost imports show the known time.
    assert {
        "moten",
        "beslut",
        "andringsforslag",
        "kostnadsimporter",
        "medfinansiering",
    } <= seen_stockholm_time, seen_stockholm_time


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("Autosave is paused", "Automatisk sparning är pausad"),
        ("Saved", "Sparat"),
        ("To be created by %(user)s", "Skapas av %(user)s"),
        (
            "There are validation errors, click save to highlight them.",
            "Det finns fel i formuläret. Klicka på Spara för att se var.",
        ),
    ],
)
def test_wagtail_strings_missing_upstream_read_swedish(english, swedish):
    """The project's catalogue (LOCALE_PATHS) fills what Wagtail's Swedish one lacks."""
    with translation.override("sv"):
        assert translation.gettext(english) == swedish


def test_the_meeting_form_preselects_the_only_project_and_names_the_group(
    client, project_leader, project
):
    client.force_login(project_leader)
    response = client.get(reverse("meeting:add"), HTTP_ACCEPT_LANGUAGE="sv")
    form = lxml.html.fromstring(response.content.decode())
    selected = form.xpath('//select[@name="project"]/option[@selected]')
    assert [option.get("value") for option in selected] == [str(project.pk)]
    label = form.xpath('//label[@for="id_body"]')[0].text_content().strip()
    assert label.startswith("Grupp"), label


def test_a_closed_decision_tells_the_project_leader_why_it_cannot_change(
    client, project_leader, meeting
):
    decision = DecisionFactory(meeting=meeting, title="Budget 2013")
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    client.force_login(project_leader)
    response = client.get(reverse("decision:edit", args=[decision.pk]), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 403
    text = " ".join(visible_text(response.content.decode()))
    assert "står i ett justerat protokoll" in text
    assert "Bara ett nytt beslut kan upphäva det" in text
    assert "Be en projektledare" not in text
