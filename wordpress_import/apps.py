from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressImportConfig(AppConfig):
    name = "wordpress_import"
    verbose_name = _("WordPress import")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401  (marks an import whose worker died as failed)
