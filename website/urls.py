from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from governance.decisions import private_documents
from governance.register import site_history
from opendata import views as open_data_views

from . import views
from .sitemap import TranslatedSitemap

urlpatterns = [
    *site_history.urlpatterns(),  # before Wagtail's: only for rights across every project
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, plus no caching of private governance documents.
    path(
        "dokument/<int:document_id>/<str:document_filename>",
        private_documents.serve,
        name="wagtaildocs_serve",
    ),
    path("dokument/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The open data: a read-only JSON API and CSV files of what is public (opendata/).
    path("api/v1/", include("opendata.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns += [
        # Documents only through /dokument/, which checks who may read them.
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    ]

# Swedish without a prefix, English under /en/: the language of these addresses is the
# page's (website/language.py).
urlpatterns += i18n_patterns(
    path("sok/", views.search, name="search"),
    path("oppna-data/", open_data_views.index, name="open_data"),
    path("kommentarer/", include("comments.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "core.errors.bad_request"
