"""Every state change of a governance record is a button, never a form field
(DEVELOPERS.md, "State changes in the admin").

For every viewset of the "Styrning" menu: the add and edit forms, as each role that may use
them, have no input for a state (`state`, `status`) or a state flag (`agenda_published`,
`minutes_approved`, `is_locked`, …); every model with a lifecycle state names its changes in
`state_actions`; and each change is offered where the record is shown (the list row's menu,
the inspect view and the edit view) and opens a confirmation that says what will happen.

Two kinds of field named like a state are data that users set, decided with the domain
(/work/shared/DOMAIN.md): an activity's status is the project leaders' report of where the
work stands (planned, in progress, done, late, cancelled: they "run the work" and set it in
the form and in the activity plan's Excel round trip), and a report's status per work area
is that period's traffic light, not a lifecycle."""

import contextlib
import re

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

import lxml.html
import pytest

from governance.register.models import Project
from governance.reports import review
from governance.wagtail_hooks import register_governance_viewsets
from tests.governance.common.test_admin_text import governance_data  # noqa: F401 (fixture)
from tests.governance.decisions.factories import MeetingFactory
from tests.governance.register.factories import ProjectFactory
from tests.governance.reports.fixtures import build_report

pytestmark = pytest.mark.django_db

STATE_NAMES = {"state", "status"}
STATE_FLAGS = {
    "agenda_published",
    "minutes_approved",
    "is_locked",
    "is_closed",
    "narrative_is_draft",
    "complete",
}
# (model, input name without the inline's row number): why users set it in a form.
EDITED_AS_DATA = {
    ("activity", "status"): "where the work stands, set by the project leaders",
    ("workarea", "activities-status"): "the same, in the work area's inline of activities",
    ("statusreport", "work_area_statuses-status"): "a work area's traffic light in the period",
}
# Models whose state no button changes: it follows from other records.
FOLLOWS_FROM_OTHER_RECORDS = {
    # Decided → implemented when the change request it settles is granted; revoked by a
    # later decision (governance/decisions/services.py record_decision).
    "decision",
}
ROLES = ["projektledare", "styrgrupp", "projektgrupp", "admin"]


def model_viewsets():
    return [
        viewset
        for viewset in register_governance_viewsets().registerables
        if isinstance(viewset, ModelViewSet)
    ]


def form_inputs(html):
    """The names of the inputs of the page's forms, with an inline's row number (or its
    template's __prefix__) taken out: "work_area_statuses-0-status" becomes
    "work_area_statuses-status"."""
    root = lxml.html.fromstring(html)
    names = set()
    for element in root.xpath("//main//*[self::input or self::select or self::textarea][@name]"):
        if element.get("type") in ("hidden", "submit", "button"):
            continue
        names.add(re.sub(r"^(\w+)-(?:\d+|__prefix__)-", r"\1-", element.get("name")))
    return names


def is_state_input(name):
    field = name.rsplit("-", 1)[-1]
    return field in STATE_NAMES or field in STATE_FLAGS


@pytest.fixture
def records_in_every_state(governance_data):  # noqa: F811
    """Beside the walker's data: a planned and an ongoing project, a meeting whose agenda
    is not published, and a report that waits for the steering group."""
    small = governance_data
    ProjectFactory(name="Nästa projekt", short_name="Nästa", state=Project.State.PLANNED)
    ProjectFactory(name="Pågående projekt", short_name="Pågående", state=Project.State.ONGOING)
    MeetingFactory(project=small.project, agenda_published=False, place="Kommunhuset")
    submitted = build_report(small, title="Lägesrapport 2013 kvartal 1")
    leader = get_user_model().objects.get(username="projektledare")
    review.submit(submitted, leader, notify=False)
    return small


def test_no_form_edits_a_state(client, records_in_every_state):
    found = []
    walked = 0
    for username in ROLES:
        client.force_login(get_user_model().objects.get(username=username))
        for viewset in model_viewsets():
            model_name = viewset.model._meta.model_name
            urls = []
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(viewset.get_url_name("add")))
            for pk in viewset.model._default_manager.values_list("pk", flat=True)[:3]:
                with contextlib.suppress(NoReverseMatch):
                    urls.append(reverse(viewset.get_url_name("edit"), args=[pk]))
            for url in urls:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
                if response.status_code != 200:
                    continue
                walked += 1
                for name in form_inputs(response.content.decode()):
                    if is_state_input(name) and (model_name, name) not in EDITED_AS_DATA:
                        found.append(f"{username} {url}: the form edits {name!r}")
    assert walked > 30
    assert not found, "\n".join(sorted(set(found)))


def test_every_model_with_a_state_names_its_state_changes():
    missing = []
    for viewset in model_viewsets():
        model = viewset.model
        names = {field.name for field in model._meta.concrete_fields}
        if "state" not in names or model._meta.model_name in FOLLOWS_FROM_OTHER_RECORDS:
            continue
        if not viewset.state_actions:
            missing.append(model._meta.model_name)
    assert not missing, f"no state_actions (buttons) for the state of: {missing}"


def offered_to(action, record):
    """The first role (else the administrator) offered the change on the record."""
    for username in ROLES:
        user = get_user_model().objects.get(username=username)
        if action.is_offered(user, record):
            return user
    return None


def links_to(html, url, within="//main"):
    root = lxml.html.fromstring(html)
    return bool(root.xpath(f'{within}//a[@href="{url}"]'))


def test_every_state_change_is_a_button_where_the_record_is_shown(client, records_in_every_state):
    problems = []
    checked = []
    for viewset in model_viewsets():
        model = viewset.model
        for action in viewset.state_actions:
            records = [r for r in model._default_manager.all() if action.applies(r)]
            if not records:
                problems.append(f"{action.url_name}: no record in the test data it applies to")
                continue
            record = records[0]
            user = offered_to(action, record)
            if user is None:
                problems.append(f"{action.url_name}: offered to no role")
                continue
            client.force_login(user)
            url = action.url(record)
            index = client.get(reverse(viewset.get_url_name("index")))
            if not links_to(index.content.decode(), url):
                problems.append(f"{action.url_name}: not in the list row of {record}")
            inspect = client.get(reverse(viewset.get_url_name("inspect"), args=[record.pk]))
            if not links_to(inspect.content.decode(), url, within="//header"):
                problems.append(f"{action.url_name}: not in the inspect view of {record}")
            policy = policy_registry.get_by_type(model)
            if policy.user_has_permission_for_instance(user, "change", record):
                edit = client.get(reverse(viewset.get_url_name("edit"), args=[record.pk]))
                if not links_to(edit.content.decode(), url, within="//header"):
                    problems.append(f"{action.url_name}: not in the edit view of {record}")
            confirm = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
            page = lxml.html.fromstring(confirm.content.decode())
            said = [li.text_content().strip() for li in page.xpath("//main//section//li")]
            if confirm.status_code != 200 or "Vad som kommer att hända" not in (
                page.text_content()
            ):
                problems.append(f"{action.url_name}: no confirmation page ({confirm.status_code})")
            elif not all(said) or not said:
                problems.append(f"{action.url_name}: the confirmation says nothing will happen")
            checked.append(action.url_name)
    assert not problems, "\n".join(problems)
    assert {
        "statusreport:submit",
        "statusreport:approve",
        "statusreport:return",
        "meeting:publish_agenda",
        "meeting:mark_held",
        "meeting:approve_minutes",
        "changerequest:submit",
        "changerequest:decide",
        "budget_version:approve",
        "risk:close",
        "risk:reopen",
        "project:start",
        "project:close",
    } <= set(checked)
