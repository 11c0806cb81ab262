"""Which RUNNING tasks are lost: those whose worker stopped beating or whose process on
this machine is dead. A live worker's task, here or on another machine, is left alone,
so several workers can share the queue."""

import datetime
import os
import subprocess
import sys

from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background import workers
from background.models import ExportJob, WorkerHeartbeat
from core.roles import STEERING_GROUP


def running_task(worker_id, started=None):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="background.exports.write_export",
        backend_name="background",
        run_after=timezone.now(),
        started_at=started or timezone.now(),
        worker_ids=[worker_id],
    )


def heartbeat(worker_id, host, pid, seconds_ago=0):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host=host,
        pid=pid,
        started_at=now - datetime.timedelta(hours=1),
        beat_at=now - datetime.timedelta(seconds=seconds_ago),
    )


@pytest.fixture
def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_the_tasks_of_gone_workers_are_lost(db, settings, dead_pid):
    settings.TASK_LOST_AFTER_SECONDS = 120
    here = workers.host_name()
    heartbeat("alive-here", here, os.getpid(), seconds_ago=5)
    heartbeat("alive-elsewhere", "other-machine", 4242, seconds_ago=30)
    heartbeat("killed-here", here, dead_pid, seconds_ago=5)
    heartbeat("silent-elsewhere", "other-machine", 4243, seconds_ago=600)
    tasks = {
        name: running_task(name)
        for name in ["alive-here", "alive-elsewhere", "killed-here", "silent-elsewhere"]
    }
    tasks["never-beat-long-ago"] = running_task(
        "never-beat", started=timezone.now() - datetime.timedelta(minutes=10)
    )
    tasks["never-beat-just-now"] = running_task("just-claimed")
    lost = []
    workers.task_lost.connect(lambda sender, task_id, **kw: lost.append(task_id), weak=False)

    assert workers.recover_lost_tasks() == 3
    assert workers.recover_lost_tasks() == 0, "a lost task is reported once"

    status = {name: DBTaskResult.objects.get(pk=t.pk).status for name, t in tasks.items()}
    assert status == {
        "alive-here": "RUNNING",
        "alive-elsewhere": "RUNNING",
        "killed-here": "FAILED",
        "silent-elsewhere": "FAILED",
        "never-beat-long-ago": "FAILED",
        "never-beat-just-now": "RUNNING",
    }
    assert sorted(lost) == sorted(
        str(tasks[name].pk) for name in ["killed-here", "silent-elsewhere", "never-beat-long-ago"]
    )


def test_an_export_whose_worker_died_says_so(db, project_leader, dead_pid):
    job = ExportJob.objects.create(
        export="governance.budget.cost_views.COST_ENTRIES",
        title="Utfall",
        requested_by=project_leader,
        status=ExportJob.Status.RUNNING,
        file_name="utfall.xlsx",
    )
    heartbeat("killed", workers.host_name(), dead_pid)
    task = running_task("killed")
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(task.pk))

    workers.recover_lost_tasks()

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error.startswith("Bakgrundsprocessen stannade")
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.FAILED


def test_a_dead_export_is_retried_for_the_same_user_with_the_same_filters(
    db, client, project_leader, make_user, dead_pid, settings, tmp_path
):
    from tests.governance.budget.fixtures import build_small_budget

    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.EXPORT_BACKGROUND_ROWS = 2
    small = build_small_budget()
    job = ExportJob.objects.create(
        export="governance.budget.cost_views.COST_ENTRIES",
        title="Utfall",
        params={"project": [str(small.project.pk)], "financier": [str(small.umea.pk)]},
        requested_by=project_leader,
        status=ExportJob.Status.RUNNING,
        file_name="utfall.xlsx",
    )
    heartbeat("killed", workers.host_name(), dead_pid)
    task = running_task("killed")
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(task.pk))
    client.force_login(project_leader)

    page = client.get(f"/admin/exporter/{job.pk}/").content.decode()
    assert "Bakgrundsprocessen stannade" in page
    assert f'action="/admin/exporter/{job.pk}/forsok-igen/"' in page
    assert "Försök igen</button>" in page

    # Only the asker may retry it.
    other = make_user(STEERING_GROUP, username="ledamot")
    client.force_login(other)
    assert client.post(f"/admin/exporter/{job.pk}/forsok-igen/").status_code == 403
    client.force_login(project_leader)

    response = client.post(f"/admin/exporter/{job.pk}/forsok-igen/")
    again = ExportJob.objects.get()
    assert again.pk != job.pk, "the failed job goes, a new one takes its place"
    assert response["Location"] == f"/admin/exporter/{again.pk}/"
    assert again.requested_by == project_leader
    assert again.params == job.params
    # The test settings run tasks at once: the retried export is written.
    assert (again.status, again.total) == (ExportJob.Status.DONE, again.processed)
    assert again.total > 0
    page = client.get(response["Location"]).content.decode()
    assert f"/admin/exporter/{again.pk}/fil/" in page and "Försök igen" not in page
