"""What long work leaves in the database beside django-tasks-db's queue: the workers that
are alive (their heartbeat), and the exports that run in the background with their files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import PrivateStorage


class WorkerHeartbeat(models.Model):
    """A running `db_worker` says every TASK_HEARTBEAT_SECONDS that it is alive. A task
    whose worker stopped saying so is lost (background/workers.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


def export_storage():
    """Exports hold what their list holds (ledger rows, names): the private store."""
    return PrivateStorage()


class ExportJob(models.Model):
    """An export too large for one request: queued, written by the worker into the private
    store, downloaded by the user who asked, deleted EXPORT_RETENTION_HOURS later."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    # The dotted path of the background.exports.Export that writes it (set by code only).
    export = models.CharField(max_length=200)
    title = models.CharField(_("export"), max_length=255)
    params = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(storage=export_storage, upload_to="exports/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return self.title

    @property
    def is_running(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0
