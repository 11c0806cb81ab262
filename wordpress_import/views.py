"""Admin: upload a WordPress export, read the check's report, confirm, follow the import."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages

from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from .forms import UploadForm
from .models import WordPressImport
from .report import OUTCOMES, reason_rows, table_rows
from .tasks import check_wordpress_export, import_wordpress_export

PERMISSION = "wordpress_import.add_wordpressimport"


def _require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def index(request):
    _require_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = form.save(commit=False)
        job.original_name = form.cleaned_data["file"].name[:255]
        job.created_by = request.user
        job.save()
        _enqueue(check_wordpress_export, job)
        return redirect("wordpress_import:detail", job.pk)
    imports = WordPressImport.objects.select_related("blog", "created_by")[:20]
    return TemplateResponse(
        request, "wordpress_import/index.html", {"form": form, "imports": imports}
    )


def detail(request, pk):
    _require_permission(request)
    job = get_object_or_404(WordPressImport.objects.select_related("blog"), pk=pk)
    context = {
        "job": job,
        "waiting_for_worker": _waiting_for_worker(job),
        "outcomes": [str(label) for label in OUTCOMES.values()],
        "check_rows": table_rows(job.check_report) if job.check_report else None,
        "check_reasons": reason_rows(job.check_report),
        "report_rows": table_rows(job.report) if job.report else None,
        "report_reasons": reason_rows(job.report),
    }
    return TemplateResponse(request, "wordpress_import/detail.html", context)


@require_POST
def confirm(request, pk):
    _require_permission(request)
    job = get_object_or_404(WordPressImport, pk=pk)
    updated = WordPressImport.objects.filter(
        pk=job.pk, status=WordPressImport.Status.CHECKED
    ).update(status=WordPressImport.Status.IMPORTING, processed=0)
    if not updated:
        messages.error(request, _("This import has already been started."))
        return redirect("wordpress_import:detail", job.pk)
    _enqueue(import_wordpress_export, job)
    return redirect("wordpress_import:detail", job.pk)


def _enqueue(task, job):
    result = task.enqueue(job.pk)
    WordPressImport.objects.filter(pk=job.pk).update(task_id=result.id)


def _waiting_for_worker(job):
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
