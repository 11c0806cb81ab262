"""Exports that may be too large for one request. A view answers with `respond(request,
export, params)`: an export of at most EXPORT_BACKGROUND_ROWS rows is sent at once, as
before; a larger one is queued as a task (`write_export`, run by `db_worker`), the user
follows its progress on its page and downloads the file from there. The file is kept in
the private store, sent only to the user who asked while they still have the permission
the export needs, with `Cache-Control: private, no-store`, and deleted
EXPORT_RETENTION_HOURS after it was asked for.

An export is described once, beside its view (governance/budget/cost_views.py):

    COST_ENTRIES = Export(
        path="governance.budget.cost_views.COST_ENTRIES",   # where the worker finds it
        title=gettext_lazy("Cost entries"),
        model=CostEntry,                    # whose permission policy decides
        action="view",
        rows=cost_entry_rows,               # (params, user) → the queryset it writes, of
                                            # the records the user may see
        write=cost_entries_workbook,        # (queryset, progress, file=None) → the file's
                                            # bytes, or (given a binary file) written there
        file_name=lambda: "utfall.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
"""

import datetime
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from django_tasks import task

from .models import ExportJob
from .workers import lost_message, task_lost

PROGRESS_EVERY = 10_000  # rows between progress writes


@dataclass(frozen=True)
class Export:
    path: str
    title: Any
    model: type
    action: str
    rows: Callable
    write: Callable
    file_name: Callable
    content_type: str

    def may_download(self, user):
        policy = policy_registry.get_by_type(self.model)
        return user.is_active and policy.user_has_permission(user, self.action)


def threshold():
    return getattr(settings, "EXPORT_BACKGROUND_ROWS", 50_000)


def is_large(queryset):
    """More rows than one request should write; counts at most the threshold + 1."""
    limit = threshold()
    return queryset.order_by()[: limit + 1].count() > limit


def file_response(content, file_name, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def respond(request, export, params):
    """The file at once, or (over the threshold) a queued job and its page."""
    rows = export.rows(params, request.user)
    if not is_large(rows):
        return file_response(export.write(rows, None), export.file_name(), export.content_type)
    job = start(export, params, request.user)
    return redirect("background:export", job.pk)


def start(export, params, user):
    if import_string(export.path) is not export:
        raise ValueError(f"{export.path} does not name this export")
    purge_expired_exports()
    job = ExportJob.objects.create(
        export=export.path,
        title=str(export.title),
        params=dict(params.lists()),
        requested_by=user,
        file_name=export.file_name(),
    )
    result = write_export.enqueue(job.pk)
    ExportJob.objects.filter(pk=job.pk).update(task_id=result.id)
    job.task_id = result.id
    return job


def retry(job):
    """A failed job's export queued again for the same user with the same filters; the
    failed job (it has no file) goes."""
    again = start(export_of(job), params_of(job), job.requested_by)
    job.delete()
    return again


def export_of(job):
    export = import_string(job.export)
    if not isinstance(export, Export):
        raise ValueError(f"{job.export} is not an Export")
    return export


def params_of(job):
    params = QueryDict(mutable=True)
    for key, values in job.params.items():
        params.setlist(key, values)
    return params


def _progress_writer(job_id, own_connection):
    """Progress is written through a connection of its own: the export's connection holds
    its read open while it writes the file, and on SQLite a connection reading an older
    state of the database may not write once another (the heartbeat, the site) has."""
    sql = f"UPDATE {ExportJob._meta.db_table} SET processed = %s, total = %s WHERE id = %s"
    # Inside a transaction (a task run at once, in the tests) the job's row is the
    # transaction's own: only its connection may write it.
    writer = connections[DEFAULT_DB_ALIAS] if transaction.get_autocommit() is False else None

    def write(done, total):
        if done == total or done % PROGRESS_EVERY == 0:
            with (writer or own_connection).cursor() as cursor:
                cursor.execute(sql, [done, total, job_id])

    return write


@task(backend="background")
def write_export(job_id):
    job = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is None:  # deleted, or already written
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    own_connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        export = export_of(job)
        rows = export.rows(params_of(job), job.requested_by)
        # Written into a temporary file, not memory: 1 000 000 cost entries are 34 MB.
        with tempfile.TemporaryFile() as content:
            export.write(rows, _progress_writer(job.pk, own_connection), file=content)
            own_connection.close()
            job.file.save(job.file_name, File(content), save=False)
    except Exception as error:
        own_connection.close()
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            error=_("The export stopped on an unexpected error (%(error)s).")
            % {"error": type(error).__name__},
            finished_at=timezone.now(),
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file=job.file.name,
        processed=F("total"),
        finished_at=timezone.now(),
    )


def retention_hours():
    return getattr(settings, "EXPORT_RETENTION_HOURS", 24)


def purge_expired_exports(now=None):
    """Deletes the exports (files and rows) asked for over EXPORT_RETENTION_HOURS ago."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=retention_hours())
    for job in ExportJob.objects.filter(created_at__lt=cutoff):
        if job.file:
            job.file.storage.delete(job.file.name)
        job.delete()


def mark_lost_exports_failed(sender, task_id, **kwargs):
    ExportJob.objects.filter(task_id=task_id, status__in=["queued", "running"]).update(
        status=ExportJob.Status.FAILED,
        error=lost_message() + " " + _("Nothing was saved. Start the export again."),
        finished_at=timezone.now(),
    )


task_lost.connect(mark_lost_exports_failed, dispatch_uid="background.exports")
