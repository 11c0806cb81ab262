"""An export's page (its progress, then its download link), its download, and its retry
after it failed: for the user who asked, while they still have the permission the export
needs."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from core.admin_views import ForbiddenMixin

from . import exports, workers
from .models import ExportJob


class ExportJobView(ForbiddenMixin, View):
    def job(self, request, pk):
        job = get_object_or_404(ExportJob, pk=pk)
        if job.requested_by_id != request.user.pk:
            raise PermissionDenied
        if not exports.export_of(job).may_download(request.user):
            raise PermissionDenied
        return job


class ExportPageView(ExportJobView):
    def get(self, request, pk):
        job = self.job(request, pk)
        if job.is_running:
            workers.recover_lost_tasks()
            job.refresh_from_db()
        context = {"job": job, "retention_hours": exports.retention_hours()}
        response = TemplateResponse(request, "background/export.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


class ExportDownloadView(ExportJobView):
    def get(self, request, pk):
        job = self.job(request, pk)
        if job.status != ExportJob.Status.DONE or not job.file:
            raise Http404
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=job.file_name,
            content_type=exports.export_of(job).content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ExportRetryView(ExportJobView):
    """A failed export (its worker died, or it stopped on an error) queued again: the same
    export with the same filters for the same user, as a new job whose page follows."""

    def post(self, request, pk):
        job = self.job(request, pk)
        if job.status != ExportJob.Status.FAILED:
            return redirect("background:export", job.pk)
        return redirect("background:export", exports.retry(job).pk)
