"""Two projects in one installation: a member of project A, in whatever body, reaches
nothing of project B through the governance admin.

Every URL is found through the viewsets of the "Styrning" menu (and the meeting documents),
so a new view is covered without touching this test. For each URL of a record of B that
the administrator can open, each role of A (by membership only, no global group) must be
refused; each list, export and project choice must show nothing of B. B's texts carry the
word BORTRE so that a leak is found in HTML, .xlsx and PDF alike."""

import contextlib
import io
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.log_actions import log

import lxml.html
import pytest
from pypdf import PdfReader

from governance.budget.models import CostEntry, CostImportBatch
from governance.decisions.models import AgendaItem, ChangeRequest, Decision, Meeting
from governance.register.access import project_path
from governance.register.models import Activity, Membership, Person, Project, WorkArea
from governance.reports.models import Risk, StatusReport
from governance.wagtail_hooks import register_governance_viewsets
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.decisions.factories import (
    ChangeRequestFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.governance.funder_report.fixtures import add_funder_setup
from tests.governance.register.factories import ActivityFactory, ProjectFactory
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db

MARK = "BORTRE"
BODIES = {
    "projektledare": Membership.Body.PROJECT_MANAGEMENT,
    "styrgrupp": Membership.Body.STEERING_GROUP,
    "projektgrupp": Membership.Body.PROJECT_GROUP,
    "gastskribent": Membership.Body.GUEST_WRITERS,
}
# Views whose pk is another model's than their viewset's.
PK_MODEL = {("funder_report", name): StatusReport for name in ("pdf", "docx", "xlsx")}


def build_project(slug, name):
    small = build_small_budget(slug=slug, name=name, short_name=name)
    add_register_data(small)
    add_cofinancing(small)
    project = small.project
    report = build_report(small)
    add_funder_setup(small)
    meeting = MeetingFactory(project=project, agenda_published=True)
    AgendaItem.objects.create(meeting=meeting, title=f"{name}: lägesrapport")
    DecisionFactory(meeting=meeting, title=f"{name}: budget 2013")
    ChangeRequestFactory(project=project, title=f"{name}: utkast", state=ChangeRequest.State.DRAFT)
    ChangeRequestFactory(project=project, title=f"{name}: inlämnat")
    CostImportBatch.objects.create(project=project, file_name=f"{slug}.xlsx", row_count=1)
    small.report = report
    return small


def mark(project):
    """Puts MARK in B's texts that lists, exports and PDFs show."""
    WorkArea.objects.filter(project=project).update(title=f"{MARK} område")
    Activity.objects.filter(work_area__project=project).update(title=f"{MARK} aktivitet")
    CostEntry.objects.filter(project=project).update(description=f"{MARK} verifikation")
    Decision.objects.filter(project=project).update(title=f"{MARK} beslut")
    Meeting.objects.filter(project=project).update(place=f"{MARK} sal")
    ChangeRequest.objects.filter(project=project).update(title=f"{MARK} förslag")
    Risk.objects.filter(project=project).update(title=f"{MARK} risk")
    StatusReport.objects.filter(project=project).update(summary=f"{MARK} sammanfattning")
    Person.objects.filter(memberships__project=project).update(name=f"{MARK} person")


@pytest.fixture
def two_projects(make_user):
    a = build_project("projekt-a", "Projekt A")
    b = build_project("projekt-b", f"{MARK} projekt B")
    mark(b.project)
    users = {}
    for username, body in BODIES.items():
        user = make_user(username=username)
        person = Person.objects.create(name=f"{username} i A", user=user)
        Membership.objects.create(project=a.project, person=person, body=body)
        users[username] = user
    users["admin"] = get_user_model().objects.create_superuser("admin", password="pw-123-abc")
    return a, b, users


def records_of(model, project):
    path = project_path(model)
    if path is None:
        return model._default_manager.none()
    return model._default_manager.filter(**{path: project.pk}).distinct()


def record_urls(project):
    """Every URL of the governance viewsets that takes a record's pk, for the first record
    of `project` of that view's model; and the meeting documents."""
    urls = []
    for viewset in register_governance_viewsets().registerables:
        if not isinstance(viewset, ModelViewSet):
            continue
        for pattern in viewset.get_urlpatterns():
            if "pk" not in pattern.pattern.converters:
                continue
            model = PK_MODEL.get((viewset.name, pattern.name), viewset.model)
            record = records_of(model, project).first()
            if record is not None:
                kwargs = dict.fromkeys(pattern.pattern.converters, "x") | {"pk": record.pk}
                urls.append(reverse(viewset.get_url_name(pattern.name), kwargs=kwargs))
    meeting = Meeting.objects.filter(project=project).first()
    for name in ("agenda", "minutes", "agenda_pdf", "minutes_pdf"):
        urls.append(reverse(f"meeting_documents:{name}", args=[meeting.pk]))
    return urls


def project_urls(project):
    """Every governance view without a record in its URL, asked about `project`."""
    urls = []
    for viewset in register_governance_viewsets().registerables:
        for pattern in viewset.get_urlpatterns():
            if pattern.pattern.converters:
                continue
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(viewset.get_url_name(pattern.name)) + f"?project={project.pk}")
    return urls


def shown_text(response):
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        with zipfile.ZipFile(io.BytesIO(body)) as workbook:
            return " ".join(
                workbook.read(name).decode()
                for name in workbook.namelist()
                if name.startswith("xl/") and name.endswith(".xml")
            )
    if "wordprocessingml" in content_type:
        with zipfile.ZipFile(io.BytesIO(body)) as document:
            return document.read("word/document.xml").decode()
    if "pdf" in content_type:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode(errors="replace")


def opened(client, url):
    response = client.get(url, follow=True)
    return response.status_code, response


def test_every_record_view_of_project_b_refuses_every_role_of_project_a(client, two_projects):
    _a, b, users = two_projects
    urls = record_urls(b.project)
    client.force_login(users["admin"])
    reachable = [url for url in urls if opened(client, url)[0] == 200]
    # Every kind of record and its views: inspect, edit, delete, history, state changes,
    # PDFs, workbooks, the funder's report, agendas and minutes.
    assert len(reachable) > 150, len(reachable)
    leaks = []
    for username in BODIES:
        client.force_login(users[username])
        for url in reachable:
            status, _response = opened(client, url)
            if status not in (403, 404):
                leaks.append(f"{username} {url}: {status}")
    assert not leaks, "\n".join(leaks)


def fingerprint(project):
    """Every row of B's governance records, to see that nothing of B changed."""
    rows = []
    for viewset in register_governance_viewsets().registerables:
        if isinstance(viewset, ModelViewSet):
            rows += [(viewset.name, row) for row in records_of(viewset.model, project).values()]
    return sorted(map(repr, rows))


def test_posting_to_project_b_changes_nothing(client, two_projects):
    _a, b, users = two_projects
    before = fingerprint(b.project)
    posts = [url for url in record_urls(b.project) if "/history/" not in url]
    for username in BODIES:
        client.force_login(users[username])
        for url in posts:
            response = client.post(url, {"project": b.project.pk, "title": "Ändrad"})
            assert response.status_code in (403, 404, 405), (username, url)
    assert fingerprint(b.project) == before


def b_record_links(project):
    links = set()
    for viewset in register_governance_viewsets().registerables:
        if isinstance(viewset, ModelViewSet):
            for pk in records_of(viewset.model, project).values_list("pk", flat=True):
                with contextlib.suppress(NoReverseMatch):
                    links.add(reverse(viewset.get_url_name("inspect"), args=[pk]))
                with contextlib.suppress(NoReverseMatch):
                    links.add(reverse(viewset.get_url_name("edit"), args=[pk]))
    return links


def test_lists_exports_and_project_choices_show_nothing_of_project_b(client, two_projects):
    a, b, users = two_projects
    urls = project_urls(b.project) + project_urls(a.project)
    links = b_record_links(b.project)
    client.force_login(users["admin"])
    # Guard: the administrator does see B through these URLs.
    seen_by_admin = [url for url in urls if MARK in shown_text(opened(client, url)[1])]
    assert len(seen_by_admin) > 15, seen_by_admin
    leaks = []
    for username in BODIES:
        client.force_login(users[username])
        for url in urls:
            status, response = opened(client, url)
            if status != 200:
                continue
            text = shown_text(response)
            if MARK in text:
                leaks.append(f"{username} {url}: {MARK}")
            leaks += [f"{username} {url}: link {link}" for link in links if link in text]
    assert not leaks, "\n".join(leaks)


def test_a_leader_in_one_project_and_steering_member_in_another_approves_only_there(
    client, two_projects
):
    a, b, users = two_projects
    user = users["projektledare"]
    Membership.objects.create(
        project=b.project, person=user.person, body=Membership.Body.STEERING_GROUP
    )
    for report in (a.report, b.report):
        StatusReport.objects.filter(pk=report.pk).update(state=StatusReport.State.SUBMITTED)
    client.force_login(user)
    # Approving is the steering group's: in B, not in A, where the user leads the project.
    assert client.get(reverse("statusreport:approve", args=[a.report.pk])).status_code == 403
    assert client.get(reverse("statusreport:approve", args=[b.report.pk])).status_code == 200
    # Editing B's activities is the project leaders': not for a steering-group member.
    b_activity = Activity.objects.filter(work_area__project=b.project).first()
    a_activity = Activity.objects.filter(work_area__project=a.project).first()
    assert client.get(reverse("activity:edit", args=[b_activity.pk])).status_code == 403
    assert client.get(reverse("activity:edit", args=[a_activity.pk])).status_code == 200
    assert client.get(reverse("activity:inspect", args=[b_activity.pk])).status_code == 200


def test_a_new_record_can_only_be_put_in_ones_own_project(client, two_projects):
    a, b, users = two_projects
    client.force_login(users["projektledare"])
    form = lxml.html.fromstring(client.get(reverse("risk:add")).content.decode())
    offered = form.xpath('//select[@name="project"]/option/@value')
    assert [value for value in offered if value] == [str(a.project.pk)]
    response = client.post(
        reverse("risk:add"),
        {"project": b.project.pk, "title": "Smygrisk", "likelihood": 2, "impact": 2},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Risk.objects.filter(title="Smygrisk").exists()


def test_a_membership_that_has_ended_gives_nothing(client, two_projects):
    a, _b, users = two_projects
    Membership.objects.filter(person__user=users["projektledare"]).update(
        valid_to=a.project.start_date
    )
    client.force_login(users["projektledare"])
    # No right left in any project: not even into the admin.
    response = client.get(reverse("activity:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("wagtailadmin_login"))


def test_the_chosen_project_is_remembered_per_user(client, two_projects):
    a, b, users = two_projects
    user = users["projektledare"]
    Membership.objects.create(
        project=b.project, person=user.person, body=Membership.Body.PROJECT_MANAGEMENT
    )
    client.force_login(user)
    overview = reverse("budget:overview")
    assert (
        client.get(overview + f"?project={b.project.pk}").context["overview"].project == b.project
    )
    assert client.get(overview).context["overview"].project == b.project
    client.get(overview + f"?project={a.project.pk}")
    assert client.get(overview).context["overview"].project == a.project


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_queries_stay_bounded_with_ten_projects_of_a_thousand_activities(client, make_user):
    own = ProjectFactory(name="Eget projekt", work_areas=[("A", "Eget område")])
    user = make_user(username="ledare")
    person = Person.objects.create(name="Ledare", user=user)
    Membership.objects.create(project=own, person=person, body=Membership.Body.PROJECT_MANAGEMENT)
    ActivityFactory(work_area=own.work_areas.get(), code="A.1", title="Egen aktivitet")
    client.force_login(user)
    urls = [
        reverse("activity:index"),
        reverse("budget:overview"),
        reverse("statusreport:index"),
        reverse("wagtailadmin_home"),
    ]
    alone = {url: queries_of(client, url) for url in urls}
    for number in range(10):
        other = ProjectFactory(name=f"Annat {number}", work_areas=[("A", "Annat område")])
        area = other.work_areas.get()
        Activity.objects.bulk_create(
            Activity(
                work_area=area,
                code=f"A.{n}",
                title=f"Annan aktivitet {n}",
                planned_start=other.start_date,
                planned_end=other.end_date,
            )
            for n in range(1000)
        )
    assert Project.objects.count() == 11 and Activity.objects.count() == 10_001
    with_others = {url: queries_of(client, url) for url in urls}
    assert with_others == alone
    page = client.get(reverse("activity:index")).content.decode()
    assert "Egen aktivitet" in page and "Annan aktivitet" not in page


def test_a_project_documents_are_read_only_by_its_own_members(client, two_projects):
    a, b, users = two_projects
    documents = {}
    for small in (a, b):
        document = get_document_model()(title=f"Protokoll {small.project.slug}")
        document.file.save(f"{small.project.slug}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        meeting = Meeting.objects.filter(project=small.project).first()
        meeting.signed_minutes = document
        meeting.save()  # moves it into the private collection, as the admin's form does
        documents[small.project.slug] = document
    try:
        for username in ("projektledare", "styrgrupp", "projektgrupp"):
            client.force_login(users[username])
            own = client.get(documents["projekt-a"].url)
            assert own.status_code == 200, username
            assert client.get(documents["projekt-b"].url).status_code == 403, username
    finally:
        for document in documents.values():
            document.file.storage.delete(document.file.name)


def test_the_dashboard_shows_each_project_what_the_user_does_there(client, two_projects):
    a, b, users = two_projects
    user = users["projektledare"]
    Membership.objects.create(
        project=b.project, person=user.person, body=Membership.Body.STEERING_GROUP
    )
    Project.objects.update(state=Project.State.ONGOING)
    StatusReport.objects.filter(pk=a.report.pk).update(state=StatusReport.State.RETURNED)
    StatusReport.objects.filter(pk=b.report.pk).update(state=StatusReport.State.SUBMITTED)
    client.force_login(user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    # To review: B's report (steering group there), not A's; to revise: A's, not B's.
    assert reverse("statusreport:inspect", args=[b.report.pk]) in home
    assert reverse("statusreport:edit", args=[a.report.pk]) in home
    assert reverse("statusreport:inspect", args=[a.report.pk]) not in home
    assert reverse("statusreport:edit", args=[b.report.pk]) not in home


def test_the_site_history_is_only_for_rights_across_every_project(client, two_projects):
    _a, b, users = two_projects
    decision = Decision.objects.filter(project=b.project).first()
    log(decision, "wagtail.edit", user=users["admin"])
    url = reverse("wagtailadmin_reports:site_history")
    client.force_login(users["admin"])
    assert MARK in client.get(url).content.decode()
    for username in ("projektledare", "styrgrupp"):
        client.force_login(users[username])
        response = client.get(url)
        assert response.status_code == 403, username
        assert MARK not in response.content.decode()
        reports_menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert url not in reports_menu


def test_only_who_manages_the_sites_chooses_a_projects_site(client, two_projects):
    a, _b, users = two_projects
    url = reverse("project:edit", args=[a.project.pk])
    client.force_login(users["admin"])
    assert 'name="public_root"' in client.get(url).content.decode()
    # A project leader edits the project but cannot move its rights onto another site.
    client.force_login(users["projektledare"])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="public_root"' not in page.content.decode()
    assert 'name="collection"' not in page.content.decode()


def test_a_refusal_shows_no_raw_value(client, two_projects):
    a, b, users = two_projects
    client.force_login(users["styrgrupp"])
    for activity in (
        Activity.objects.filter(work_area__project=a.project).first(),  # may see, not change
        Activity.objects.filter(work_area__project=b.project).first(),  # another project's
    ):
        response = client.get(reverse("activity:edit", args=[activity.pk]))
        assert response.status_code == 403
        text = lxml.html.fromstring(response.content.decode()).text_content()
        assert "None" not in text and MARK not in text
