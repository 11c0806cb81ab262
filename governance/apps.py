from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from governance.register.access import register_policies

        register_policies(self)

        from governance.decisions import private_documents

        private_documents.register()

        from governance import public_cache

        public_cache.connect()

        from governance.register import project_groups

        project_groups.connect()

        from governance.budget import cost_totals  # noqa: F401  (keeps the cost totals)
