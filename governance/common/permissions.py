"""The one permission mechanism of the governance admin: Wagtail's permission policies.

Every governance model gets `GovernancePermissionPolicy` (registered in the app's ready()):
Django's model permissions, and on top of them the rule that a closed record (a decision
in approved minutes, a decided change request, a submitted report: `is_closed`) is neither
changed nor deleted by anyone. Admin views ask the policy through Wagtail's
PermissionCheckedMixin; services that must refuse a user on their own call
`require_permission`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

CLOSED_ACTIONS = ("change", "delete")


class GovernancePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if action in CLOSED_ACTIONS and getattr(instance, "is_closed", False):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def register_policies(app_config):
    """Pages keep Wagtail's page permissions; every other model of the app gets ours."""
    for model in app_config.get_models():
        if not issubclass(model, Page):
            register_permission_policy(model, GovernancePermissionPolicy(model), exact_class=True)


def require_permission(user, model, action, message=None):
    if not policy_registry.get_by_type(model).user_has_permission(user, action):
        raise PermissionDenied(message or _("You do not have permission to do this."))


def closed_message(instance=None):
    """Why a closed record is refused: the record's own `closed_reason` if it has one."""
    reason = getattr(instance, "closed_reason", None)
    return reason or _("This record is closed and can no longer be changed.")
