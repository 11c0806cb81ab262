"""Hooks the activity plan's Excel views into the activity viewset: header buttons on the
list, and the export and import URLs under the viewset's own prefix."""

from django.urls import path

from governance.views.activity_plan import (
    ActivityIndexView,
    ActivityPlanExportView,
    ActivityPlanImportView,
    ActivityPlanPreviewView,
)


class ActivityPlanViewSetMixin:
    index_view_class = ActivityIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self.activity_plan_url_names(), **kwargs)

    def activity_plan_url_names(self):
        return {
            "export_url_name": self.get_url_name("export_plan"),
            "import_url_name": self.get_url_name("import_plan"),
            "preview_url_name": self.get_url_name("import_plan_preview"),
        }

    def activity_plan_view(self, view_class):
        return self.construct_view(view_class, **self.activity_plan_url_names())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "excel/export/",
                self.activity_plan_view(ActivityPlanExportView),
                name="export_plan",
            ),
            path(
                "excel/import/",
                self.activity_plan_view(ActivityPlanImportView),
                name="import_plan",
            ),
            path(
                "excel/import/<uuid:token>/",
                self.activity_plan_view(ActivityPlanPreviewView),
                name="import_plan_preview",
            ),
        ]
