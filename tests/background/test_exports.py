"""An export over EXPORT_BACKGROUND_ROWS is written by the worker: its page shows the
progress, then a link; the file is the asker's alone and is deleted after the retention
period. The cost entry export is the example."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from background import exports
from background.models import ExportJob
from core.roles import STEERING_GROUP
from tests.governance.budget.fixtures import add_entries, build_small_budget


@pytest.fixture
def small(db, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_BACKGROUND_ROWS = 20
    return build_small_budget()


def export_url(small):
    return reverse("budget:export_costs") + f"?project={small.project.pk}"


def test_a_small_export_is_sent_at_once(small, client, project_leader):
    client.force_login(project_leader)
    response = client.get(export_url(small))  # 5 entries
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not ExportJob.objects.exists()


def test_a_large_export_is_written_in_the_background_for_the_asker_alone(
    small, client, project_leader, make_user, settings, tmp_path
):
    add_entries(small, 40)
    client.force_login(project_leader)

    response = client.get(export_url(small) + f"&financier={small.umea.pk}")
    assert response.status_code == 200, "14 entries of one financier: at once"
    response = client.get(export_url(small))

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/exporter/{job.pk}/"
    assert (job.status, job.processed, job.total) == ("done", 45, 45)
    page = client.get(response["Location"])
    assert {"private", "no-store"} <= set(page["Cache-Control"].split(", "))
    assert f"/admin/exporter/{job.pk}/fil/" in page.content.decode()
    assert "45 rader" in page.content.decode()

    download = client.get(f"/admin/exporter/{job.pk}/fil/")
    assert download.status_code == 200
    assert {"private", "no-store"} <= set(download["Cache-Control"].split(", "))
    assert (
        f'filename="utfall-{datetime.date.today():%Y-%m-%d}.xlsx"'
        in download["Content-Disposition"]
    )
    rows = list(
        load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 1 + 45 + 1 and rows[-1][1] == "45 poster"
    assert round(rows[-1][2], 2) == float(Decimal("69000.60") + 40 * Decimal("1.01"))
    # The file is in the private store, never under MEDIA_ROOT.
    stored = Path(job.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_UPLOAD_ROOT).resolve())

    # Another member of the steering group may export the same, but not fetch this file.
    client.force_login(make_user(STEERING_GROUP, username="ledamot"))
    assert client.get(f"/admin/exporter/{job.pk}/fil/").status_code == 403
    assert client.get(f"/admin/exporter/{job.pk}/").status_code == 403
    # Nor may the asker once they lose the permission to see cost entries.
    project_leader.groups.clear()
    client.force_login(project_leader)
    assert client.get(f"/admin/exporter/{job.pk}/fil/").status_code in (302, 403)
    client.logout()
    assert client.get(f"/admin/exporter/{job.pk}/fil/").status_code == 302  # to the login

    # After the retention period the file and the job are gone.
    later = timezone.now() + datetime.timedelta(hours=settings.EXPORT_RETENTION_HOURS + 1)
    exports.purge_expired_exports(now=later)
    assert not ExportJob.objects.exists() and not stored.exists()


def test_the_background_export_reads_the_entries_in_one_query_in_index_order(small, project_leader):
    add_entries(small, 40)
    job = exports.start(exports_of_costs(), query(project=small.project.pk), project_leader)
    with CaptureQueriesContext(connection) as captured:
        job.status = ExportJob.Status.QUEUED
        job.save()
        exports.write_export.call(job.pk)
    selects = [q["sql"] for q in captured if "governance_costentry" in q["sql"]]
    assert len(selects) == 2, selects  # the count, then the rows


def exports_of_costs():
    from governance.budget.cost_views import COST_ENTRIES

    return COST_ENTRIES


def query(**params):
    from django.http import QueryDict

    result = QueryDict(mutable=True)
    for key, value in params.items():
        result[key] = str(value)
    return result
