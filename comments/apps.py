from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import fragments


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from comments import permissions
        from comments.models import CommentSiteSettings

        permissions.register()
        # A site's comment settings are remembered with the fragments (templatetags).
        post_save.connect(_site_settings_saved, sender=CommentSiteSettings)
        post_delete.connect(fragments.changed, sender=CommentSiteSettings)


def _site_settings_saved(sender, created, **kwargs):
    # A row made on a site's first view holds the defaults its pages already showed.
    if not created:
        fragments.changed(**kwargs)
