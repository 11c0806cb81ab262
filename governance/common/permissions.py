"""What every governance permission check shares. The policy itself, which reads each
user's memberships, is governance/register/access.py; admin views ask it through Wagtail's
PermissionCheckedMixin, and services that must refuse a user on their own call
`require_permission`."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

# Nobody changes or deletes a closed record (a decision in approved minutes, a decided
# change request, a submitted report: `is_closed`).
CLOSED_ACTIONS = ("change", "delete")


def require_permission(user, model, action, message=None, instance=None):
    policy = policy_registry.get_by_type(model)
    if instance is None:
        allowed = policy.user_has_permission(user, action)
    else:
        allowed = policy.user_has_permission_for_instance(user, action, instance)
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def closed_message(instance=None):
    """Why a closed record is refused: the record's own `closed_reason` if it has one."""
    reason = getattr(instance, "closed_reason", None)
    return reason or _("This record is closed and can no longer be changed.")
