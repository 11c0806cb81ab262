"""Admin views of the funder's report: the funder's cost types with our categories mapped
to them, the project's settings (funder, case number, flat rate), and the report itself as
PDF, .docx and .xlsx, offered on a submitted status report's page. The work is done by
figures.py (once per request), document.py and exports.py."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.ui.tables import Column

from background import exports as background_exports
from core.admin_views import PermittedView
from governance.common import admin as base
from governance.common.spreadsheets import XLSX_CONTENT_TYPE
from governance.funder_report import exports, figures
from governance.funder_report.models import FunderCostType, FunderReportSettings
from governance.register.access import permitted_object
from governance.reports.models import StatusReport


class FunderReportView(PermittedView):
    """One export of the funder's report of a submitted or approved status report, for
    those who may read the status report."""

    model = StatusReport
    permission_required = "view"

    def get(self, request, pk):
        reports = StatusReport.objects.select_related("project")
        report = permitted_object(request.user, reports, pk, ["view"])
        if not report.is_frozen:
            raise PermissionDenied(figures.NOT_FROZEN)
        # The report is for a Swedish funder: in Swedish whatever the editor's language.
        with translation.override(settings.LANGUAGE_CODE):
            funder_report = figures.build(report)
            return self.respond(request, funder_report, figures.file_stem(report))


class FunderPdfView(FunderReportView):
    def respond(self, request, funder_report, stem):
        content = exports.pdf_bytes(funder_report, base_url=request.build_absolute_uri("/"))
        return base.pdf_response(content, f"{stem}.pdf")


class FunderDocxView(FunderReportView):
    def respond(self, request, funder_report, stem):
        return base.file_response(
            exports.docx_bytes(funder_report), f"{stem}.docx", exports.DOCX_CONTENT_TYPE
        )


class ReportVouchers:
    """What background.exports counts and writes for the funder's workbook: the report's
    voucher list (its entries, counted) and the report itself."""

    def __init__(self, report):
        self.report = report

    def order_by(self, *fields):
        return figures.voucher_entries(self.report).order_by(*fields)


def report_vouchers(params, user):
    report = permitted_object(
        user, StatusReport.objects.select_related("project"), params.get("report"), ["view"]
    )
    if not report.is_frozen:
        raise PermissionDenied(figures.NOT_FROZEN)
    return ReportVouchers(report)


def funder_workbook(vouchers, progress=None, file=None):
    with translation.override(settings.LANGUAGE_CODE):
        return exports.xlsx_bytes(figures.build(vouchers.report), progress, file)


# A final report over a whole project can list 100 000 vouchers: over
# EXPORT_BACKGROUND_ROWS the worker writes the workbook (background/exports.py).
FUNDER_XLSX = background_exports.Export(
    path="governance.funder_report.admin.FUNDER_XLSX",
    title=gettext_lazy("Funder's report: costs and vouchers"),
    model=StatusReport,
    action="view",
    rows=report_vouchers,
    write=funder_workbook,
    file_name=lambda: f"finansiarsrapport-{datetime.date.today():%Y-%m-%d}.xlsx",
    content_type=XLSX_CONTENT_TYPE,
)


class FunderXlsxView(PermittedView):
    model = StatusReport
    permission_required = "view"

    def get(self, request, pk):
        return background_exports.respond(request, FUNDER_XLSX, QueryDict(f"report={pk}"))


class FunderReportSettingsViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/finansiarsrapport"
    name = "funder_report"
    model = FunderReportSettings
    icon = "doc-full"
    menu_label = gettext_lazy("Funder's report")
    list_display = ["project", "funder", "case_number", "flat_rate_percent"]
    list_select_related = ["project"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("funder"), FieldPanel("case_number")]),
        FieldRowPanel([FieldPanel("flat_rate_percent"), FieldPanel("flat_rate_label")]),
        FieldPanel("working_methods"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("rapport/<int:pk>/finansiar.pdf", FunderPdfView.as_view(), name="pdf"),
            path("rapport/<int:pk>/finansiar.docx", FunderDocxView.as_view(), name="docx"),
            path("rapport/<int:pk>/finansiar.xlsx", FunderXlsxView.as_view(), name="xlsx"),
        ]


def _categories(cost_type):
    return ", ".join(str(mapping.category) for mapping in cost_type.mappings.all()) or "–"


class FunderCostTypeIndexView(base.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("mappings__category")


class FunderCostTypeViewSet(base.GovernanceViewSet):
    url_prefix = "styrning/finansiarens-kostnadsslag"
    model = FunderCostType
    icon = "tag"
    menu_label = gettext_lazy("Funder's cost types")
    index_view_class = FunderCostTypeIndexView
    list_display = [
        "name",
        Column("categories", label=gettext_lazy("our cost categories"), accessor=_categories),
        "kind",
        "is_flat_rate_base",
        "project",
    ]
    list_select_related = ["project"]
    list_filter = ["project"]
    panels = [
        FieldRowPanel([FieldPanel("project"), FieldPanel("name"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_flat_rate_base")]),
        InlinePanel(
            "mappings",
            heading=gettext_lazy("Our cost categories in this cost type"),
            label=gettext_lazy("cost category"),
            panels=[FieldPanel("category")],
        ),
    ]


FUNDER_REPORT_VIEWSETS = [FunderReportSettingsViewSet, FunderCostTypeViewSet]
