from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from core.cache import connect_signals

        from .models import SiteSettings

        connect_signals(SiteSettings)
