from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from django.core.checks import Tags, register

        from wagtail.images import get_image_model

        from taggit.models import Tag

        from blog.models import Author
        from core import fragments
        from core.cache import connect_signals
        from governance.register.models import Project, WorkArea

        from . import db_router
        from .models import SiteSettings

        register(db_router.check_replica_is_synchronous, Tags.database)

        connect_signals(SiteSettings)
        # What the fragments show besides pages (core/fragments.py).
        fragments.connect_signals(SiteSettings, Project, WorkArea, Author, Tag, get_image_model())
