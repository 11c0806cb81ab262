"""The admin's imports run as background tasks (django-tasks, queued in the database for
`manage.py db_worker --backend background`): first a check (a dry run whose report the
project leader reads), then, once confirmed, the import itself."""

import datetime
import shutil
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from background import workers
from blog.models import BlogPostPage  # noqa: F401  (the blog's models must be loaded)

from . import media
from .importer import WordPressImporter
from .models import WordPressImport
from .wxr import WXRError

PROGRESS_EVERY = 20  # items between progress writes: visible progress at few queries


def _progress_writer(job_id):
    def write(done, total):
        if done == total or done % PROGRESS_EVERY == 0:
            WordPressImport.objects.filter(pk=job_id).update(processed=done, total=total)

    return write


def unpacked_uploads(job):
    """The folder the job's uploads .zip is unpacked into, once, for the check and the
    import; in the private store, like the files themselves."""
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "wxr-media-unpacked" / str(job.pk)


def delete_uploaded_files(job):
    """The export holds commenters' email addresses: once the import has finished or
    failed, it and the images go."""
    for field in (job.file, job.uploads):
        if field:
            field.storage.delete(field.name)
    shutil.rmtree(unpacked_uploads(job), ignore_errors=True)
    WordPressImport.objects.filter(pk=job.pk).update(file="", uploads="")


def retention_days():
    return getattr(settings, "WORDPRESS_UPLOAD_RETENTION_DAYS", 7)


def purge_expired_uploads(now=None):
    """Uploads never confirmed are deleted WORDPRESS_UPLOAD_RETENTION_DAYS (default 7)
    after they came, at the latest; the import is marked as failed with the reason."""
    days = retention_days()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    expired = WordPressImport.objects.filter(created_at__lt=cutoff).exclude(file="", uploads="")
    for job in expired.exclude(status=WordPressImport.Status.IMPORTING):
        message = _(
            "The uploaded files were deleted after %(days)s days without an import: they hold "
            "commenters' email addresses. Upload the export again to import it."
        ) % {"days": days}
        _fail(job, message)


def _fail(job, message):
    WordPressImport.objects.filter(pk=job.pk).update(
        status=WordPressImport.Status.FAILED, error=message, finished_at=timezone.now()
    )
    delete_uploaded_files(job)


def run_job(job_id, dry_run):
    job = WordPressImport.objects.select_related("blog", "created_by").get(pk=job_id)
    media_dir = None
    try:
        if job.uploads:
            media_dir = unpacked_uploads(job)
            if not media_dir.is_dir():
                media.extract_uploads(job.uploads.path, media_dir)
        importer = WordPressImporter(
            job.file.path,
            job.blog,
            dry_run=dry_run,
            media_dir=media_dir,
            fetch_media=job.fetch_media,
            unmatched_categories=job.unmatched_categories,
            user=job.created_by,
            progress=_progress_writer(job.pk),
        )
        report = importer.run().as_dict()
    except (WXRError, media.MediaError) as error:
        _fail(job, str(error))
        return
    except Exception as error:
        _fail(
            job,
            _("The import stopped on an unexpected error (%(error)s); nothing more was saved.")
            % {"error": f"{type(error).__name__}: {error}"},
        )
        raise
    if dry_run:
        WordPressImport.objects.filter(pk=job.pk).update(
            status=WordPressImport.Status.CHECKED, check_report=report, processed=F("total")
        )
    else:
        WordPressImport.objects.filter(pk=job.pk).update(
            status=WordPressImport.Status.DONE,
            report=report,
            processed=F("total"),
            finished_at=timezone.now(),
        )
        delete_uploaded_files(job)


@task(backend="background")
def check_wordpress_export(job_id):
    run_job(job_id, dry_run=True)


@task(backend="background")
def import_wordpress_export(job_id):
    run_job(job_id, dry_run=False)


def mark_lost_jobs_failed(sender, task_id, **kwargs):
    """The worker running the check or the import died (background/workers.py): the job
    says so and how far it came, keeps its files, and can be retried. The import writes
    each post in a transaction of its own, so what it wrote is whole posts, and a retry
    updates them instead of making them twice."""
    for job in WordPressImport.objects.filter(task_id=task_id).filter(
        status__in=[WordPressImport.Status.CHECKING, WordPressImport.Status.IMPORTING]
    ):
        if job.status == WordPressImport.Status.CHECKING:
            outcome = _("The check saves nothing; retry it.")
        else:
            outcome = _(
                "%(done)s of %(total)s items were imported before it stopped, and are kept. "
                "Retry to import the rest: what was already imported is updated, not "
                "imported twice."
            ) % {"done": job.processed, "total": job.total or "?"}
        WordPressImport.objects.filter(pk=job.pk, status=job.status).update(
            status=WordPressImport.Status.FAILED,
            retry_status=job.status,
            error=f"{workers.lost_message()} {outcome}",
            finished_at=timezone.now(),
        )


workers.task_lost.connect(mark_lost_jobs_failed, dispatch_uid="wordpress_import.tasks")


def retry(job):
    """Queues again the check or import whose worker died. False when it cannot be."""
    updated = WordPressImport.objects.filter(
        pk=job.pk, status=WordPressImport.Status.FAILED
    ).exclude(retry_status="")
    if not job.can_retry or not updated.update(
        status=job.retry_status, retry_status="", error="", finished_at=None
    ):
        return False
    importing = job.retry_status == WordPressImport.Status.IMPORTING
    enqueue(import_wordpress_export if importing else check_wordpress_export, job)
    return True


def enqueue(task, job):
    """Queues the check or the import of a job and remembers which task it is."""
    result = task.enqueue(job.pk)
    WordPressImport.objects.filter(pk=job.pk).update(task_id=result.id)


def waiting_for_worker(job):
    """True while the job's task is queued and no worker has started it."""
    if not (job.is_running and job.task_id):
        return False
    importing = job.status == WordPressImport.Status.IMPORTING
    task = import_wordpress_export if importing else check_wordpress_export
    try:
        status = task.get_result(job.task_id).status
    except TaskResultDoesNotExist:
        return False
    return status == TaskResultStatus.READY
