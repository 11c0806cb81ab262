from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .viewsets.budget import BUDGET_VIEWSETS
from .viewsets.register import REGISTER_VIEWSETS


class GovernanceViewSetGroup(ModelViewSetGroup):
    """The "Styrning" menu: every governance view, one entry per kind of record."""

    menu_label = _("Governance")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = [*REGISTER_VIEWSETS, *BUDGET_VIEWSETS]


@hooks.register("register_admin_viewset")
def register_governance_viewsets():
    return GovernanceViewSetGroup()
