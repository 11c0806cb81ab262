"""The reading limits at the two uploads of a spreadsheet, the cost import and the activity
plan import: a bomb is refused on the upload form with a Swedish message, and nothing is
imported or kept in the private pending-upload store."""

import io
from pathlib import Path

from django.urls import reverse

import pytest

from governance.budget.models import CostEntry
from governance.register.models import Activity
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.common import spreadsheet_bombs as bombs

pytestmark = pytest.mark.django_db

ACTIVITY_PLAN_IMPORT_URL = "/admin/styrning/aktiviteter/excel/import/"


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    return Path(settings.PRIVATE_UPLOAD_ROOT)


def kept_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def named(content, name):
    file = io.BytesIO(content)
    file.name = name
    return file


def page_text(response):
    return " ".join(response.content.decode().replace("\xa0", " ").split())


BOMBS = {
    "zip bomb": (bombs.zip_bomb, "kostnader.xlsx", "Excelfilen packas upp till mer än 100,0 MB"),
    "shared strings": (
        bombs.shared_strings_bomb,
        "kostnader.xlsx",
        "Excelfilen packas upp till mer än 10,0 MB",
    ),
    "million empty rows": (
        bombs.million_empty_rows,
        "kostnader.xlsx",
        "Filen har fler än 50 000 rader.",
    ),
    "19 MB CSV": (bombs.large_csv, "kostnader.csv", "Filen har fler än 50 000 rader."),
}


@pytest.mark.parametrize("name", BOMBS)
def test_the_cost_import_refuses_a_bomb_on_upload(client, project_leader, private_root, name):
    small = build_small_budget()
    entries = CostEntry.objects.count()
    make, file_name, message = BOMBS[name]
    client.force_login(project_leader)

    response = client.post(
        reverse("budget:import"),
        {"step": "upload", "project": small.project.pk, "file": named(make(), file_name)},
    )

    assert response.status_code == 200
    assert message in page_text(response)
    assert CostEntry.objects.count() == entries
    assert kept_files(private_root) == []


@pytest.mark.parametrize("name", ["zip bomb", "shared strings", "million empty rows"])
def test_the_activity_plan_import_refuses_a_bomb_on_upload(
    client, project, project_leader, private_root, name
):
    make, _file_name, message = BOMBS[name]
    client.force_login(project_leader)

    response = client.post(
        ACTIVITY_PLAN_IMPORT_URL, {"project": project.pk, "file": named(make(), "plan.xlsx")}
    )

    assert response.status_code == 200  # the form again, not a preview
    assert message in page_text(response)
    assert not Activity.objects.exists()
    assert kept_files(private_root) == []


def test_the_activity_plan_import_has_the_upload_size_limit(
    client, project, project_leader, private_root, settings
):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 1024
    client.force_login(project_leader)
    content = bombs.xlsx_with({})  # a real, small workbook: about 5 kB
    assert len(content) > 1024

    response = client.post(
        ACTIVITY_PLAN_IMPORT_URL, {"project": project.pk, "file": named(content, "plan.xlsx")}
    )

    assert "ett kalkylark får vara högst 1,0 kB." in page_text(response)
    assert kept_files(private_root) == []
