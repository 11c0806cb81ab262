"""What every admin view of the project's own shares: a refused request answers 403."""

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied


class ForbiddenMixin:
    """Answers a user without the permission with the 403 page, not Wagtail's redirect to
    the dashboard, so that a read-only member who follows a link learns why it fails.
    Put it first among a view's bases: it answers for every check made after it."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)
