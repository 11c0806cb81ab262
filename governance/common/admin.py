"""What every governance admin view shares."""

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet


class ForbiddenMixin:
    """Answers a user without the permission with 403, not Wagtail's redirect to the
    dashboard, so that a read-only steering-group member who follows an edit link learns
    why instead of landing somewhere else."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)


class CreateView(ForbiddenMixin, generic.CreateView):
    pass


class EditView(ForbiddenMixin, generic.EditView):
    pass


class DeleteView(ForbiddenMixin, generic.DeleteView):
    pass


class GovernanceViewSet(ModelViewSet):
    """Inspect views for read-only roles, 403 on forbidden changes, no copying, and list
    rows without N+1 queries (name the foreign keys the list shows in list_select_related)."""

    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_select_related = ()

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)
