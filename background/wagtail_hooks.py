from django.urls import include, path

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/", views.ExportPageView.as_view(), name="export"),
        path("<int:pk>/fil/", views.ExportDownloadView.as_view(), name="download"),
        path("<int:pk>/forsok-igen/", views.ExportRetryView.as_view(), name="retry"),
    ]
    return [path("exporter/", include((urls, "background")))]
