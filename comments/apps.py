from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import fragments


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from comments import permissions
        from comments.models import Comment, CommentSiteSettings, PageCommentSettings

        permissions.register()
        # A site's comment settings, a page's own setting and its approved comments are
        # remembered with the fragments (display.py, templatetags); moderation.py moves the
        # version on where it changes comments without saving them one by one.
        post_save.connect(_site_settings_saved, sender=CommentSiteSettings)
        post_delete.connect(fragments.changed, sender=CommentSiteSettings)
        for signal in (post_save, post_delete):
            signal.connect(fragments.changed, sender=PageCommentSettings)
        post_save.connect(_comment_saved, sender=Comment)
        post_delete.connect(_comment_deleted, sender=Comment)


def _site_settings_saved(sender, created, **kwargs):
    # A row made on a site's first view holds the defaults its pages already showed.
    if not created:
        fragments.changed(**kwargs)


def _comment_saved(sender, instance, created, **kwargs):
    # A new comment waiting for moderation shows nowhere: a flood of them leaves the
    # fragments alone.
    if instance.is_approved or not created:
        fragments.changed(**kwargs)


def _comment_deleted(sender, instance, **kwargs):
    if instance.is_approved:
        fragments.changed()
