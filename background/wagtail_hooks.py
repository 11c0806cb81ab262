from django.urls import include, path

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/", views.ExportPageView.as_view(), name="export"),
        path("<int:pk>/fil/", views.ExportDownloadView.as_view(), name="download"),
    ]
    return [path("exporter/", include((urls, "background")))]
