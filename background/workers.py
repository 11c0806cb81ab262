"""Tasks survive their worker. Every `db_worker` (ours, background/management/commands/
db_worker.py) writes a heartbeat every TASK_HEARTBEAT_SECONDS from a thread of its own. A
task left RUNNING is lost when its worker is gone: its heartbeat is older than
TASK_LOST_AFTER_SECONDS, or the worker ran on this machine and its process is dead
(SIGKILL, out of memory, a reboot). A lost task is marked failed, never run again by
itself (a task that kills its worker would otherwise kill every worker in turn), and
`task_lost` tells the app whose task it was, which marks its job failed with a Swedish
message and offers to retry.

Any worker looks for lost tasks when it starts and every TASK_LOST_AFTER_SECONDS / 2
while it runs; the pages that follow a task look too. With several workers, each
heartbeat is its own row, so one worker never takes another live worker's task for lost;
the update that marks a task failed is conditional, so two workers that find the same lost
task report it once.
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Sent once per lost task, with task_id (as the app stored it), task_path, args, kwargs.
task_lost = Signal()

LOST_CLASS_PATH = "background.workers.WorkerLost"


def heartbeat_seconds():
    return getattr(settings, "TASK_HEARTBEAT_SECONDS", 10)


def lost_after():
    return datetime.timedelta(seconds=getattr(settings, "TASK_LOST_AFTER_SECONDS", 120))


def host_name():
    return socket.gethostname()[:255]


def beat(worker_id, started_at):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": host_name(),
            "pid": os.getpid(),
            "started_at": started_at,
            "beat_at": now,
        },
    )


def process_is_dead(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def _is_lost(result, heartbeats, now, here):
    worker_id = result.worker_ids[-1] if result.worker_ids else None
    heartbeat = heartbeats.get(worker_id)
    if heartbeat is None:
        # A worker without a heartbeat (an older one, or gone before its first beat).
        return (result.started_at or result.enqueued_at) < now - lost_after()
    if heartbeat.beat_at < now - lost_after():
        return True
    return heartbeat.host == here and process_is_dead(heartbeat.pid)


def recover_lost_tasks(now=None):
    """Marks every task whose worker is gone as failed and tells its app. Returns the
    number of tasks found lost."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING))
    if not running:
        return 0
    worker_ids = {r.worker_ids[-1] for r in running if r.worker_ids}
    heartbeats = WorkerHeartbeat.objects.in_bulk(worker_ids)
    here = host_name()
    found = 0
    for result in running:
        if not _is_lost(result, heartbeats, now, here):
            continue
        worker = result.worker_ids[-1] if result.worker_ids else "?"
        marked = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST_CLASS_PATH,
            traceback=f"The worker {worker} stopped while running this task.",
        )
        if not marked:
            continue
        found += 1
        logger.warning("Task %s (%s) was lost with worker %s", result.pk, result.task_path, worker)
        task_lost.send(
            sender=DBTaskResult,
            task_id=str(result.pk),
            task_path=result.task_path,
            args=result.args_kwargs.get("args", []),
            kwargs=result.args_kwargs.get("kwargs", {}),
        )
    # The rows of workers gone long ago.
    WorkerHeartbeat.objects.filter(beat_at__lt=now - 10 * lost_after()).delete()
    return found


def lost_message():
    """What a user reads on the page of a job whose worker stopped."""
    return _(
        "The background worker stopped while this was running (it was restarted, or the "
        "server ran out of memory)."
    )


class Heartbeat:
    """The worker's thread: beats, and looks for lost tasks now and then. Its database
    connection is its own and is closed when it stops."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self):
        beat(self.worker_id, self.started_at)
        recover_lost_tasks()
        # SQLite in memory (the tests) locks whole tables between threads and never waits.
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def _run(self):
        interval = heartbeat_seconds()
        recover_every = max(1, int(lost_after().total_seconds() / 2 / interval))
        beats = 0
        try:
            while not self._stop.wait(interval):
                beats += 1
                try:
                    close_old_connections()
                    beat(self.worker_id, self.started_at)
                    if beats % recover_every == 0:
                        recover_lost_tasks()
                except Exception:
                    logger.exception("The worker's heartbeat failed; trying again")
        finally:
            connection.close()
