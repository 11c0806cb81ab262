"""Admin: upload a WordPress export, read the check's report, confirm, follow the import."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.permission_policies.pages import PagePermissionPolicy

from background import workers
from blog.models import BlogIndexPage
from core.admin_views import PermittedView

from .forms import UploadForm
from .models import WordPressImport
from .report import OUTCOMES, fidelity_rows, losses, reason_rows, table_rows
from .tasks import (
    check_wordpress_export,
    enqueue,
    import_wordpress_export,
    purge_expired_uploads,
    retention_days,
    retry,
    waiting_for_worker,
)


class ImportView(PermittedView):
    """Only those who may start imports (the project leaders) see or start them, and only
    into the blogs where they may add posts (their own project's site)."""

    model = WordPressImport
    permission_required = "add"

    def blogs(self):
        pages = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "add")
        return BlogIndexPage.objects.filter(pk__in=pages.values("pk"))

    def imports(self):
        return WordPressImport.objects.filter(blog__in=self.blogs())


class IndexView(ImportView):
    def get(self, request):
        purge_expired_uploads()
        return self.page(request, UploadForm(blogs=self.blogs()))

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, blogs=self.blogs())
        if not form.is_valid():
            return self.page(request, form)
        job = form.save(commit=False)
        job.original_name = form.cleaned_data["file"].name[:255]
        job.created_by = request.user
        job.save()
        enqueue(check_wordpress_export, job)
        return redirect("wordpress_import:detail", job.pk)

    def page(self, request, form):
        imports = self.imports().select_related("blog", "created_by")[:20]
        return TemplateResponse(
            request, "wordpress_import/index.html", {"form": form, "imports": imports}
        )


class DetailView(ImportView):
    def get(self, request, pk):
        job = get_object_or_404(self.imports().select_related("blog"), pk=pk)
        if job.is_running and workers.recover_lost_tasks():
            job.refresh_from_db()
        context = {
            "job": job,
            "waiting_for_worker": waiting_for_worker(job),
            "outcomes": [str(label) for label in OUTCOMES.values()],
            "check_rows": table_rows(job.check_report) if job.check_report else None,
            "check_reasons": reason_rows(job.check_report),
            "report_rows": table_rows(job.report) if job.report else None,
            "report_reasons": reason_rows(job.report),
            "check_fidelity": fidelity_rows(job.check_report),
            "check_losses": len(losses(job.check_report)),
            "report_fidelity": fidelity_rows(job.report),
            "report_losses": len(losses(job.report)),
            "retention_days": retention_days(),
        }
        return TemplateResponse(request, "wordpress_import/detail.html", context)


class ConfirmView(ImportView):
    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(self.imports(), pk=pk)
        updated = WordPressImport.objects.filter(
            pk=job.pk, status=WordPressImport.Status.CHECKED
        ).update(status=WordPressImport.Status.IMPORTING, processed=0)
        if not updated:
            messages.error(request, _("This import has already been started."))
            return redirect("wordpress_import:detail", job.pk)
        enqueue(import_wordpress_export, job)
        return redirect("wordpress_import:detail", job.pk)


class RetryView(ImportView):
    """A check or import whose background worker died runs again."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(self.imports(), pk=pk)
        if not retry(job):
            messages.error(request, _("This import cannot be retried. Upload the export again."))
        return redirect("wordpress_import:detail", job.pk)
