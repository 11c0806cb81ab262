"""The budget version's grid editor, as a project leader uses it in the admin: a version of
600 lines (20 work areas × 6 cost categories × 5 years) made and saved through the real
views, Swedish amounts, the script's packed post, bad cells, and the save's query count."""

import datetime
import json
import re
import string
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from governance.budget import services
from governance.budget.models import BudgetLine, BudgetVersion, CostCategory
from governance.budget.version_editor import cell_name as cell_name_of
from governance.budget.version_lines import LineKey
from tests.governance.budget.factories import (
    BudgetLineFactory,
    BudgetVersionFactory,
    FinancierFactory,
)
from tests.governance.register.factories import ActivityFactory, ProjectFactory, WorkAreaFactory

CELL = re.compile(r'name="(c\d+_\d+_\d+_\d+_\d{4}_[0-4])" value="([^"]*)"')
CODES = list(string.ascii_uppercase[:20])


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def cells_of(response):
    """{cell name: shown text} of every grid input on the page."""
    return dict(CELL.findall(response.content.decode()))


@pytest.fixture
def large_project(db):
    """A five-year project (2012–2016) with 20 work areas and the 6 default categories."""
    project = ProjectFactory(
        slug="storprojektet",
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2016, 12, 31),
    )
    for order, code in enumerate(CODES):
        WorkAreaFactory(project=project, code=code, title=f"Område {code}", sort_order=order)
    return project


def edit_url(version):
    return reverse("budget_version:edit", args=[version.pk])


def amount_for(index):
    """A distinct amount per cell, 1 000,25 kr upwards: "1 000,25", "2 000,50" …"""
    return Decimal(1000 * (index + 1)) + Decimal("0.25") * (index % 4 + 1)


def swedish(amount):
    whole, fraction = f"{amount:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join([whole, *groups]) + "," + fraction


def test_a_600_line_version_is_created_and_saved_through_the_admin_form(
    large_project, client, project_leader, django_assert_max_num_queries
):
    client.force_login(project_leader)
    response = client.post(
        reverse("budget_version:add"),
        {"project": large_project.pk, "number": 1, "label": "Budget enligt ansökan"},
    )
    version = BudgetVersion.objects.get(project=large_project, number=1)
    assert response.status_code == 302 and response.url == edit_url(version)

    page = client.get(edit_url(version))
    cells = cells_of(page)
    assert len(cells) == 20 * 6 * 5 and set(cells.values()) == {""}
    assert "Område T" in text(page) and "Övrigt" in text(page)

    # As a browser without the script posts it: every cell, each with its Swedish amount.
    data = {"number": "1", "label": "Budget enligt ansökan"}
    expected_total = Decimal(0)
    for index, name in enumerate(sorted(cells)):
        amount = amount_for(index)
        expected_total += amount
        data[name] = swedish(amount)
    assert len(data) < 1000  # what Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS)
    with django_assert_max_num_queries(60):
        response = client.post(edit_url(version), data)
    assert response.status_code == 302, text(response)[-3000:]

    assert version.lines.count() == 600
    assert version.lines.aggregate(total=Sum("amount"))["total"] == expected_total
    page = client.get(response.url)
    assert "600 nya" not in text(page)  # the message counts in words of its own
    assert "Tillagda poster: 600" in text(page)
    shown = cells_of(page)
    first = sorted(cells)[0]
    assert shown[first] == "1\xa0000,25"
    assert set(shown) == set(cells)


def test_a_swedish_amount_is_saved_as_the_decimal_it_says(large_project, client, project_leader):
    version = BudgetVersionFactory(project=large_project)
    client.force_login(project_leader)
    cells = sorted(cells_of(client.get(edit_url(version))))
    response = client.post(
        edit_url(version),
        {
            "number": version.number,
            "label": version.label,
            cells[0]: "22 500,00",
            cells[1]: "22\xa0500,5",
            cells[2]: "−1 250,00",
            cells[3]: "",
        },
    )
    assert response.status_code == 302
    amounts = sorted(version.lines.values_list("amount", flat=True))
    assert amounts == [Decimal("-1250.00"), Decimal("22500.00"), Decimal("22500.50")]
    assert "22\xa0500,00" in client.get(edit_url(version)).content.decode()


def test_the_script_posts_only_changed_cells_in_one_field(large_project, client, project_leader):
    """The packed field of version_editor.js: a cell it names is set or emptied, a cell it
    does not name keeps its line, however many cells the grid has."""
    version = BudgetVersionFactory(project=large_project)
    area_a = large_project.work_areas.get(code="A")
    personal = CostCategory.objects.get(project=large_project, name="Personal")
    travel = CostCategory.objects.get(project=large_project, name="Resor")
    kept = BudgetLineFactory(
        version=version, work_area=area_a, category=personal, year=2012, amount=Decimal("100")
    )
    emptied = BudgetLineFactory(
        version=version, work_area=area_a, category=personal, year=2013, amount=Decimal("200")
    )
    BudgetLineFactory(
        version=version, work_area=area_a, category=travel, year=2012, amount=Decimal("300")
    )
    client.force_login(project_leader)
    packed = {
        f"c{area_a.pk}_{personal.pk}_0_0_2013_0": "",
        f"c{area_a.pk}_{travel.pk}_0_0_2012_0": "350,75",
        f"c{area_a.pk}_{travel.pk}_0_0_2016_3": "1 000",
    }
    response = client.post(
        edit_url(version),
        {"number": version.number, "label": version.label, "cells": json.dumps(packed)},
    )
    assert response.status_code == 302
    lines = {(line.category_id, line.year, line.quarter): line for line in version.lines.all()}
    assert set(lines) == {(personal.pk, 2012, None), (travel.pk, 2012, None), (travel.pk, 2016, 3)}
    assert lines[(personal.pk, 2012, None)].pk == kept.pk
    assert lines[(travel.pk, 2012, None)].amount == Decimal("350.75")
    assert lines[(travel.pk, 2016, 3)].amount == Decimal("1000.00")
    assert not BudgetLine.objects.filter(pk=emptied.pk).exists()
    entry = ModelLogEntry.objects.for_instance(version).get(action=services.SAVE_LINES)
    assert entry.data == {"added": 1, "changed": 1, "removed": 1}

    # The quarterly line opens 2016 by quarter: a year column and four quarter columns.
    page = client.get(response.url)
    assert (
        f'name="c{area_a.pk}_{travel.pk}_0_0_2016_3" value="1\xa0000,00"' in page.content.decode()
    )
    assert len(cells_of(page)) == 20 * 6 * (5 + 4)


def test_a_bad_cell_gives_a_swedish_message_and_nothing_is_saved(
    large_project, client, project_leader
):
    version = BudgetVersionFactory(project=large_project, label="Utkast")
    area_b = large_project.work_areas.get(code="B")
    travel = CostCategory.objects.get(project=large_project, name="Resor")
    line = BudgetLineFactory(
        version=version, work_area=area_b, category=travel, year=2014, amount=Decimal("5000")
    )
    client.force_login(project_leader)
    bad = f"c{area_b.pk}_{travel.pk}_0_0_2015_0"
    good = f"c{area_b.pk}_{travel.pk}_0_0_2014_0"
    response = client.post(
        edit_url(version),
        {"number": version.number, "label": "Nytt namn", good: "6 000", bad: "tolvtusen"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Område B · Resor · 2015: ”tolvtusen” är inte ett belopp." in page
    assert "Inget har sparats" in page
    # The typed texts stay in the grid for correcting, the bad one marked.
    assert f'name="{bad}" value="tolvtusen"' in page
    assert 'aria-invalid="true"' in page
    assert f'name="{good}" value="6 000"' in page
    line.refresh_from_db()
    version.refresh_from_db()
    assert line.amount == Decimal("5000.00") and version.lines.count() == 1
    assert version.label == "Utkast"


def test_a_row_for_a_financier_and_an_activity_is_added(large_project, client, project_leader):
    version = BudgetVersionFactory(project=large_project)
    area_c = large_project.work_areas.get(code="C")
    activity = ActivityFactory(work_area=area_c, code="C.1")
    financier = FinancierFactory(project=large_project, organisation__name="Umeå kommun")
    personal = CostCategory.objects.get(project=large_project, name="Personal")
    client.force_login(project_leader)
    response = client.post(
        edit_url(version),
        {
            "number": version.number,
            "label": version.label,
            "add_row": "1",
            "new_work_area": area_c.pk,
            "new_category": personal.pk,
            "new_activity": activity.pk,
            "new_financier": financier.pk,
        },
    )
    assert response.status_code == 302
    row = f"c{area_c.pk}_{personal.pk}_{activity.pk}_{financier.pk}"
    page = client.get(response.url)
    assert f'name="{row}_2012_0"' in page.content.decode()
    response = client.post(
        response.url,
        {
            "number": version.number,
            "label": version.label,
            "rad": f"{area_c.pk}_{personal.pk}_{activity.pk}_{financier.pk}",
            f"{row}_2013_0": "48 000",
        },
    )
    line = version.lines.get()
    assert (line.activity, line.financier, line.amount) == (activity, financier, Decimal(48000))

    # An activity of another work area is refused with a message, and nothing is saved.
    response = client.post(
        edit_url(version),
        {
            "number": version.number,
            "label": version.label,
            "add_row": "1",
            "new_work_area": large_project.work_areas.get(code="A").pk,
            "new_category": personal.pk,
            "new_activity": activity.pk,
        },
    )
    assert response.status_code == 200
    assert "Aktiviteten hör till ett annat arbetsområde." in text(response)


def test_a_year_opens_by_quarter_and_keeps_what_was_typed(large_project, client, project_leader):
    version = BudgetVersionFactory(project=large_project)
    client.force_login(project_leader)
    cells = sorted(cells_of(client.get(edit_url(version))))
    response = client.post(
        edit_url(version),
        {
            "number": version.number,
            "label": version.label,
            "show_quarters": "2013",
            cells[0]: "1 000",
        },
    )
    assert response.url == edit_url(version) + "?kvartal=2013"
    assert version.lines.count() == 1
    assert len(cells_of(client.get(response.url))) == 20 * 6 * (5 + 4)


def test_saving_600_lines_takes_a_bounded_number_of_queries(
    large_project, django_assert_max_num_queries
):
    version = BudgetVersionFactory(project=large_project)
    categories = list(CostCategory.objects.filter(project=large_project))
    keys = [
        LineKey(area.pk, category.pk, None, None, year, None)
        for area in large_project.work_areas.all()
        for category in categories
        for year in range(2012, 2017)
    ]
    # The lock, the lookups, one read, one delete, the inserts in batches (SQLite takes
    # about 120 lines a statement), Wagtail's reference index in batches too, and the log:
    # some 50 queries for 600 lines, never one a line.
    with django_assert_max_num_queries(60):
        changes = services.save_draft_lines(version, dict.fromkeys(keys, Decimal("10.00")))
    assert len(changes.added) == 600
    with django_assert_max_num_queries(60):
        changes = services.save_draft_lines(
            version, dict.fromkeys(keys, Decimal("20.00")), replace=True
        )
    assert len(changes.changed) == 600
    assert version.lines.aggregate(total=Sum("amount"))["total"] == Decimal("12000.00")


def test_an_approved_version_is_not_changed_by_the_service(large_project):
    version = BudgetVersionFactory(project=large_project, approved=True)
    area = large_project.work_areas.first()
    category = CostCategory.objects.filter(project=large_project).first()
    with pytest.raises(Exception, match="är fastställd och kan inte ändras"):
        services.save_draft_lines(
            version, {LineKey(area.pk, category.pk, None, None, 2013, None): Decimal(1)}
        )
    assert not version.lines.exists()


def test_a_post_with_more_fields_than_django_accepts_gets_a_swedish_page(
    large_project, client, project_leader
):
    version = BudgetVersionFactory(project=large_project)
    client.force_login(project_leader)
    data = {f"c1_1_0_0_2013_{n % 5}x{n}": "1" for n in range(1200)}
    response = client.post(edit_url(version), data)
    assert response.status_code == 400
    page = text(response)
    assert "Bad Request" not in page
    assert "fler fält än servern tar emot" in page
    assert not version.lines.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_chromium_the_grid_posts_only_the_changed_cells(migrated_db, live_server, monkeypatch):
    """The editor's script in a real browser: two cells changed in a 600-cell grid go in a
    post of a handful of fields, and exactly those two lines change."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.roles import PROJECT_LEADER
    from tests.quality.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    project = ProjectFactory(
        slug="storprojektet",
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2016, 12, 31),
    )
    for order, code in enumerate(CODES):
        WorkAreaFactory(project=project, code=code, title=f"Område {code}", sort_order=order)
    version = BudgetVersionFactory(project=project)
    categories = list(CostCategory.objects.filter(project=project))
    keys = [
        LineKey(area.pk, category.pk, None, None, year, None)
        for area in project.work_areas.all()
        for category in categories
        for year in range(2012, 2017)
    ]
    services.save_draft_lines(version, dict.fromkeys(keys, Decimal("1000.00")))
    leader = get_user_model().objects.create_user("ledaren", password="secret-pass-123")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    changed_key, emptied_key = keys[0], keys[-1]

    posts = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="sv-SE", viewport={"width": 1280, "height": 900})
        page.on("request", lambda request: request.method == "POST" and posts.append(request))
        page.goto(live_server.url + reverse("wagtailadmin_login"))
        page.fill("input[name=username]", "ledaren")
        page.fill("input[name=password]", "secret-pass-123")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        posts.clear()
        page.goto(live_server.url + edit_url(version))
        assert page.locator("input[data-saved]").count() == 600
        page.fill(f'input[name="{cell_name_of(changed_key)}"]', "22 500,00")
        page.fill(f'input[name="{cell_name_of(emptied_key)}"]', "")
        assert page.locator("[data-grand-total]").inner_text() == "620\xa0500,00\xa0kr"
        with page.expect_navigation():
            page.locator("footer button[type=submit]").first.click()
        assert "Tillagda poster: 0, ändrade: 1, borttagna: 1" in page.content()
        browser.close()

    fields = posts[0].post_data.split("&")
    assert len(fields) < 20
    lines = {(line.work_area_id, line.category_id, line.year): line for line in version.lines.all()}
    assert len(lines) == 599
    assert lines[changed_key[:2] + (changed_key.year,)].amount == Decimal("22500.00")
    assert sum(line.amount for line in lines.values()) == Decimal("620500.00")
