from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.index, name="index"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/bekrafta/", views.confirm, name="confirm"),
    ]
    return [path("wordpress-import/", include((urls, "wordpress_import")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return ImportMenuItem(
        _("Import from WordPress"),
        reverse("wordpress_import:index"),
        icon_name="upload",
        order=900,
    )
