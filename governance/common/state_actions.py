"""State changes as buttons where a record is shown, each with a confirmation page.

A viewset names its state changes in `state_actions` (a list of `StateAction`); the list
row's "more" menu, the edit view and the inspect view then show a button for each change
the user may make on that record now, and the button opens the change's confirmation page:
a `StateChangeView` that says what will happen and, when confirmed, calls the one service
function of that change (DEVELOPERS.md: a view never sets a state itself).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.permissions import policy_registry

from core.admin_views import PermittedView


@dataclass(frozen=True)
class StateAction:
    """`url_name` is the confirmation page's URL name; `permission` the policy action of
    `model` (default: the viewset's model) the user needs; `applies(record)` says whether
    the record is in a state the change can start from."""

    url_name: str
    label: str
    permission: str
    applies: Callable
    model: type | None = None
    icon_name: str = "arrow-right"

    def is_offered(self, user, record):
        policy = policy_registry.get_by_type(self.model or type(record))
        return self.applies(record) and policy.user_has_permission(user, self.permission)

    def url(self, record):
        return reverse(self.url_name, args=[record.pk])


def offered_actions(state_actions, user, record):
    return [action for action in state_actions if action.is_offered(user, record)]


class IndexViewActionsMixin:
    """The list row's "more" menu offers the record's state changes."""

    state_actions = ()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for action in offered_actions(self.state_actions, self.request.user, instance):
            buttons.append(
                Button(
                    action.label, url=action.url(instance), icon_name=action.icon_name, priority=5
                )
            )
        return buttons


class ObjectViewActionsMixin:
    """The edit and inspect views show the record's state changes in their header."""

    state_actions = ()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        for action in offered_actions(self.state_actions, self.request.user, self.object):
            buttons.append(
                HeaderButton(action.label, url=action.url(self.object), icon_name=action.icon_name)
            )
        return buttons


class StateChangeView(PermittedView, WagtailAdminTemplateMixin, FormView):
    """The confirmation page of one state change. Subclasses set `model`, `action` (the
    StateAction), `template_name` when the page shows more than `consequences()`, and
    implement `perform(form)`, which calls the service and returns the success message."""

    action = None
    form_class = forms.Form
    template_name = "governance/common/confirm_state_change.html"
    header_icon = "check"
    confirm_label = None
    related = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = self.model._default_manager.select_related(*self.related)
        self.object = get_object_or_404(queryset, pk=kwargs["pk"])

    @property
    def permission_required(self):
        return self.action.permission

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(self.action.model or self.model)

    def get(self, request, *args, **kwargs):
        if not self.action.applies(self.object):
            return self.not_applicable()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.action.applies(self.object):
            return self.not_applicable()
        return super().post(request, *args, **kwargs)

    def not_applicable(self):
        messages.error(self.request, self.not_applicable_message())
        return redirect(self.done_url())

    def not_applicable_message(self):
        raise NotImplementedError

    def get_page_title(self):
        return f"{self.action.label}: {self.object}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.done_url(), "label": str(self.object)},
            {"url": "", "label": self.action.label, "sublabel": str(self.object)},
        ]

    def consequences(self):
        """What will happen, one sentence each, shown before the user confirms."""
        return []

    def done_url(self):
        return reverse(f"{self.model._meta.model_name}:inspect", args=[self.object.pk])

    def cancel_url(self):
        return self.done_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            consequences=self.consequences(),
            confirm_label=self.confirm_label or self.action.label,
            cancel_url=self.cancel_url(),
        )
        return context

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as error:
            # A service's refusal, shown above the form whatever field it names.
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.done_url())

    def perform(self, form):
        raise NotImplementedError
