from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from comments import permissions

        permissions.register()
