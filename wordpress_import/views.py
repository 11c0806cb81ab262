"""Admin: upload a WordPress export, read the check's report, confirm, follow the import."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages

from .forms import UploadForm
from .models import WordPressImport
from .report import OUTCOMES, reason_rows, table_rows
from .tasks import (
    check_wordpress_export,
    enqueue,
    import_wordpress_export,
    waiting_for_worker,
)

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
        enqueue(check_wordpress_export, job)
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
        "waiting_for_worker": waiting_for_worker(job),
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
    enqueue(import_wordpress_export, job)
    return redirect("wordpress_import:detail", job.pk)
