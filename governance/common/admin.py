"""What every governance admin view shares.

- Permissions come from the model's permission policy (governance/common/permissions.py),
  asked through Wagtail's PermissionCheckedMixin; a view of your own is a
  core.admin_views.PermittedView with `model` and `permission_required`.
- A refused request answers 403 (core.admin_views.ForbiddenMixin), never a redirect.
- A closed record shows no edit or delete button, and its edit and delete URLs answer 403.
- Files (xlsx, PDF) leave through `file_response`.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.forms import ModelChoiceField
from django.http import HttpResponse
from django.utils.functional import cached_property

from wagtail.admin.ui.fields import BaseFieldDisplay
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_views import ForbiddenMixin
from governance.common.display import EMPTY, display_value
from governance.common.permissions import closed_message
from governance.common.spreadsheets import XLSX_CONTENT_TYPE
from governance.common.state_actions import IndexViewActionsMixin, ObjectViewActionsMixin

PDF_CONTENT_TYPE = "application/pdf"


LOOKING = ("view", "change", "delete")


class RecordAccessMixin:
    """Lets in only users who may act on this record: one of another project answers 403
    (the policy reads the user's memberships), and a closed record is refused with the
    reason to those who could otherwise change it. `instance_action` is what the view
    does to the record; a view that only shows it leaves it None."""

    instance_action = None

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, "object"):  # Wagtail's edit view finds it only in get()/post()
            self.object = self.get_object()
        policy = self.permission_policy
        if not policy.user_has_any_permission_for_instance(request.user, LOOKING, self.object):
            raise PermissionDenied
        action = self.instance_action
        if action and not policy.user_has_permission_for_instance(
            request.user, action, self.object
        ):
            if getattr(self.object, "is_closed", False):
                raise PermissionDenied(closed_message(self.object))
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProjectChoicesMixin:
    """Offers in every choice of a project, or of something in a project (work area,
    meeting, financier, person…), only the projects where the user may do what the form
    does, in the form and in its inline forms."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        policy, user, action = self.permission_policy, self.request.user, self.permission_required
        limit_choices(
            form, lambda queryset: policy.within_permitted_projects(user, [action], queryset)
        )
        return form


def limit_choices(form, limit):
    """Applies `limit` to every model choice of a form and of its inline forms, also those
    an inline adds later (the formset's empty form)."""
    for field in form.fields.values():
        if isinstance(field, ModelChoiceField):
            field.queryset = limit(field.queryset)
    for formset in getattr(form, "formsets", {}).values():
        for inline_form in formset.forms:
            limit_choices(inline_form, limit)
        formset.form = limited_form_class(formset.form, limit)


def limited_form_class(form_class, limit):
    class LimitedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            limit_choices(self, limit)

    LimitedForm.__name__ = form_class.__name__
    return LimitedForm


def shown_value(value, field=None):
    """A field's value as the Swedish admin shows it; a user by their person's name."""
    if isinstance(value, AbstractBaseUser):
        person = getattr(value, "person", None)
        return (person and person.name) or value.get_full_name() or value.get_username()
    return display_value(value, field)


class DisplayColumn(Column):
    """A list column that shows "–", "Ja"/"Nej", amounts with thousands spaces and
    Stockholm time instead of raw values."""

    def __init__(self, *args, field=None, **kwargs):
        self.field = field
        super().__init__(*args, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = shown_value(context["raw_value"], self.field)
        return context


class IndexView(ForbiddenMixin, IndexViewActionsMixin, generic.IndexView):
    """Lists only the records of the projects the user may act on, and offers only those
    projects (and their work areas, meetings…) in its filters."""

    def get_base_queryset(self):
        permitted = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.any_permission_required
        )
        return super().get_base_queryset() & permitted

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None:
            policy, user, actions = (
                self.permission_policy,
                self.request.user,
                self.any_permission_required,
            )
            limit_choices(
                filterset.form,
                lambda queryset: policy.within_permitted_projects(user, actions, queryset),
            )
        return filterset

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = DisplayColumn
            try:
                kwargs["field"] = self.model._meta.get_field(field_name)
            except FieldDoesNotExist:  # a method or a lookup across a relation
                kwargs["field"] = None
        return super()._get_custom_column(field_name, column_class, **kwargs)

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class InspectView(ForbiddenMixin, RecordAccessMixin, ObjectViewActionsMixin, generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, BaseFieldDisplay) and value.value is None:
            return EMPTY  # Wagtail's display of a document or image that is not there
        return shown_value(value, field)

    def get_edit_url(self):
        if self.user_has_permission_for_instance("change", self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if self.user_has_permission_for_instance("delete", self.object):
            return super().get_delete_url()
        return None


class CreateView(ForbiddenMixin, ProjectChoicesMixin, generic.CreateView):
    pass


class HistoryView(ForbiddenMixin, RecordAccessMixin, history.HistoryView):
    pass


class UsageView(ForbiddenMixin, RecordAccessMixin, usage.UsageView):
    pass


class EditView(
    ForbiddenMixin,
    RecordAccessMixin,
    ProjectChoicesMixin,
    ObjectViewActionsMixin,
    generic.EditView,
):
    instance_action = "change"


class DeleteView(ForbiddenMixin, RecordAccessMixin, generic.DeleteView):
    instance_action = "delete"


class GovernanceViewSet(ModelViewSet):
    """Inspect views for read-only roles, 403 on forbidden changes, no copying, and list
    rows without N+1 queries (name the foreign keys the list shows in list_select_related)."""

    index_view_class = IndexView
    inspect_view_class = InspectView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_select_related = ()
    # State changes offered as buttons (governance/common/state_actions.py).
    state_actions = ()

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(
            queryset=queryset, state_actions=self.state_actions, **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(state_actions=self.state_actions, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(state_actions=self.state_actions, **kwargs)


class AdminPage(WagtailAdminTemplateMixin):
    """An admin page whose title shows in the breadcrumbs after "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def file_response(content, file_name, content_type, inline=False):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    return response


def xlsx_response(content, file_name):
    return file_response(content, file_name, XLSX_CONTENT_TYPE)


def pdf_response(content, file_name):
    return file_response(content, file_name, PDF_CONTENT_TYPE, inline=True)
