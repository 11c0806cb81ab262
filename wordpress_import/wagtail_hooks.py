from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from core.admin_views import policy_menu_item

from . import views
from .models import WordPressImport


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.IndexView.as_view(), name="index"),
        path("<int:pk>/", views.DetailView.as_view(), name="detail"),
        path("<int:pk>/bekrafta/", views.ConfirmView.as_view(), name="confirm"),
    ]
    return [path("wordpress-import/", include((urls, "wordpress_import")))]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return policy_menu_item(WordPressImport, ["add"])(
        _("Import from WordPress"),
        reverse("wordpress_import:index"),
        icon_name="upload",
        order=900,
    )
