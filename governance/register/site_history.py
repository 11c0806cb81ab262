"""Wagtail's site history lists the log entries of every model for which the user holds a
permission anywhere: it knows nothing of projects, so it would show a member of project A
the titles of project B's decisions and reports. It is for those who hold rights across
the installation (an administrator, a user in a role's group itself); a member by
membership reads the history of each of their project's records on the record itself."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from core.admin_views import ForbiddenMixin
from governance.register.access import holds_rights_everywhere


class RightsEverywhereOnly:
    def dispatch(self, request, *args, **kwargs):
        if not holds_rights_everywhere(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SiteHistoryView(ForbiddenMixin, RightsEverywhereOnly, LogEntriesView):
    pass


def is_shown_to(user):
    return holds_rights_everywhere(user)


def urlpatterns():
    """Put before Wagtail's admin URLs, so that they answer first at the same addresses."""

    def view(**kwargs):
        return never_cache(require_admin_access(SiteHistoryView.as_view(**kwargs)))

    return [
        path("admin/reports/site-history/", view()),
        path("admin/reports/site-history/results/", view(results_only=True)),
    ]
