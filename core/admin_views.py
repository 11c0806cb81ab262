"""What every admin view of the project's own shares: permissions asked of the model's
Wagtail permission policy, and a refused request answered with 403."""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.views import View
from django.views.defaults import permission_denied

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry


class ForbiddenMixin:
    """Answers a user without the permission with the 403 page, not Wagtail's redirect to
    the dashboard, so that a read-only member who follows a link learns why it fails.
    Put it first among a view's bases: it answers for every check made after it."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)


class RecordCheckedMixin:
    """A view that sets `self.object` in setup() acts on that record: the policy must allow
    the action on the record itself (its project, its state), not only on some record."""

    def dispatch(self, request, *args, **kwargs):
        if self.permission_policy is None:  # no model: Wagtail would check nothing at all
            raise ImproperlyConfigured(f"{type(self).__name__} names no model")
        record = getattr(self, "object", None)
        if record is not None:
            actions = self.any_permission_required or [self.permission_required]
            policy = self.permission_policy
            if not policy.user_has_any_permission_for_instance(request.user, actions, record):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermittedView(ForbiddenMixin, RecordCheckedMixin, PermissionCheckedMixin, View):
    """A view of our own for users whom `model`'s policy allows `permission_required` (an
    action such as "view", "add", "approve"), or any of `any_permission_required`; when it
    sets `self.object` in setup(), for that record."""

    model = None


def policy_menu_item(model, actions):
    """A menu item class shown to users whom `model`'s policy allows any of `actions`."""

    def is_shown(self, request):
        return policy_registry.get_by_type(model).user_has_any_permission(request.user, actions)

    return type(f"{model.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})
