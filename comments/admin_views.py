"""Moderation in the admin: the comment list's filter and row actions, and the bulk actions
(approve, reject, mark as spam, erase the commenter's data). A single comment's action is
the bulk action for one comment, so both go through the same confirmation and code.

Every view asks the models' permission policy (comments/permissions.py): a user moderates
the comments of the pages they may edit, sees only those, and gets the 403 page for any
other comment (or page comment setting)."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_list_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.defaults import permission_denied

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.button import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

import django_filters

from core.admin_views import ForbiddenMixin

from . import moderation, permissions, privacy
from .models import Comment

LIST_URL_NAME = "wagtailsnippets_comments_comment:list"


# What lets a user see a record in the list, its inspect, history and usage views.
LOOKING = ("view", "change", "delete")


def may_moderate(user, comment=None):
    """Whether the user moderates comments at all, or this comment (one on a page they may
    edit)."""
    policy = policy_registry.get_by_type(Comment)
    if comment is None:
        return policy.user_has_permission(user, "change")
    return policy.user_has_permission_for_instance(user, "change", comment)


def moderated_comments(user):
    """The comments the user moderates: those on the pages they may edit."""
    return policy_registry.get_by_type(Comment).instances_user_has_any_permission_for(
        user, ["change"]
    )


def permitted(model, user, actions=LOOKING):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, actions)


def pending_list_url():
    return reverse(LIST_URL_NAME) + "?" + urlencode({"status": Comment.Status.PENDING})


def bulk_action_url(action_type, comment, next_url):
    url = reverse("wagtail_bulk_action", args=("comments", "comment", action_type))
    return url + "?" + urlencode({"id": comment.pk, "next": next_url})


class RecordAccessMixin:
    """Lets in only users whom the policy allows this record: a comment on a page the user
    may not edit (another project's) answers 403. `instance_action` is what the view does
    to the record; a view that only shows it leaves it None."""

    instance_action = None

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, "object"):  # Wagtail's edit view finds it only in get()/post()
            self.object = self.get_object()
        policy = self.permission_policy
        actions = [self.instance_action] if self.instance_action else LOOKING
        if not policy.user_has_any_permission_for_instance(request.user, actions, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(ForbiddenMixin, snippet_views.IndexView):
    """The viewset's get_queryset() keeps only the records the user may act on; a row
    offers editing and deleting only where the policy allows it for that row."""

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class CreateView(ForbiddenMixin, snippet_views.CreateView):
    pass


class EditView(ForbiddenMixin, RecordAccessMixin, snippet_views.EditView):
    instance_action = "change"


class DeleteView(ForbiddenMixin, RecordAccessMixin, snippet_views.DeleteView):
    instance_action = "delete"


class InspectView(ForbiddenMixin, RecordAccessMixin, snippet_views.InspectView):
    pass


class HistoryView(ForbiddenMixin, RecordAccessMixin, snippet_views.HistoryView):
    pass


class UsageView(ForbiddenMixin, RecordAccessMixin, snippet_views.UsageView):
    pass


class PageCommentSettingsForm(WagtailAdminModelForm):
    """A page's comment setting is made or moved only for a page the user may edit."""

    def clean_page(self):
        page = self.cleaned_data.get("page")
        user = self.for_user
        if page is not None and user is not None and not permissions.may_edit_page(user, page):
            raise ValidationError(_("You may not change the comments of this page."))
        return page


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Comment.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Comment
        fields = ["status"]


class CommentIndexView(IndexView):
    ROW_ACTIONS = (
        (
            "approve",
            pgettext_lazy("comment moderation", "Approve"),
            "check",
            Comment.Status.APPROVED,
        ),
        ("reject", pgettext_lazy("comment moderation", "Reject"), "cross", Comment.Status.REJECTED),
        ("spam", _("Mark as spam"), "warning", Comment.Status.SPAM),
    )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not may_moderate(self.request.user, instance):
            return buttons
        next_url = self.request.get_full_path()
        for priority, (action_type, label, icon, status) in enumerate(self.ROW_ACTIONS):
            if instance.status != status:
                buttons.append(
                    MenuItem(
                        label,
                        url=bulk_action_url(action_type, instance, next_url),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        buttons.append(
            MenuItem(
                _("Erase the commenter's data"),
                url=bulk_action_url("erase_commenter", instance, next_url),
                icon_name="bin",
                priority=40,
            )
        )
        return buttons


class ModeratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CommentBulkAction(ForbiddenMixin, ModeratorsOnly, SnippetBulkAction):
    """Shared by the moderation actions: only for comments, only for moderators, and each
    only for the comments on pages the user may edit (the others are listed as out of
    reach and left alone)."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_action.html"
    question = ""
    button_text = ""

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("page"), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return moderated_comments(self.request.user).values_list("pk", flat=True)

    def check_perm(self, comment):
        return may_moderate(self.request.user, comment)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "heading": self.display_name,
            "question": self.question,
            "button_text": self.button_text,
        }


class ApproveBulkAction(CommentBulkAction):
    display_name = pgettext_lazy("comment moderation", "Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    question = _("Approve and publish these comments?")
    button_text = _("Yes, approve")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.approve(objects, kwargs["self"].request.user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects
        ) % {"count": num_parent_objects}


class RejectBulkAction(CommentBulkAction):
    display_name = pgettext_lazy("comment moderation", "Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    question = _("Reject these comments? They will not be shown.")
    button_text = _("Yes, reject")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.reject(objects, kwargs["self"].request.user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


class SpamBulkAction(CommentBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    question = _("Mark these comments as spam? They will not be shown.")
    button_text = _("Yes, mark as spam")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.mark_spam(objects, kwargs["self"].request.user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class EraseCommenterForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            ("erase", _("Delete every comment written with these email addresses")),
            ("anonymise", _("Keep the texts but remove name, email, website and IP address")),
        ],
        initial="erase",
        widget=forms.RadioSelect,
    )


class EraseCommenterBulkAction(CommentBulkAction):
    """The commenter's right to erasure: everything written with the selected comments'
    email addresses, not only the selected comments."""

    display_name = _("Erase the commenter's data")
    action_type = "erase_commenter"
    aria_label = _("Erase all data of the commenters of the selected comments")
    action_priority = 40
    classes = {"serious"}
    form_class = EraseCommenterForm
    question = _(
        "Erase the data of everyone who wrote these comments? This covers every comment "
        "written with their email addresses and cannot be undone."
    )
    button_text = _("Yes, erase")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        emails = {item["item"].email for item in context["items"] if item["item"].email}
        context["emails"] = sorted(emails)
        context["affected_count"] = (
            moderated_comments(self.request.user).filter(email__in=emails).count()
        )
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "mode": self.cleaned_form.cleaned_data["mode"]}

    @classmethod
    def execute_action(cls, objects, user=None, mode="erase", **kwargs):
        """Within the comments the user moderates: a project leader erases what the
        commenter wrote on their project's pages, not on another project's."""
        emails = {comment.email for comment in objects if comment.email}
        anonymise = mode == "anonymise"
        within = moderated_comments(kwargs["self"].request.user)
        erased = sum(
            privacy.erase_commenter(email, anonymise=anonymise, within=within) for email in emails
        )
        return erased, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The commenter's data was erased from %(count)d comment.",
            "The commenters' data was erased from %(count)d comments.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeleteCommentsBulkAction(ForbiddenMixin, DeleteBulkAction):
    """Wagtail's deletion, with each comment's page read in the same query (the policy
    asks for it per comment)."""

    models = [Comment]

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("page"), pk__in=object_ids)


BULK_ACTIONS = [
    ApproveBulkAction,
    RejectBulkAction,
    SpamBulkAction,
    EraseCommenterBulkAction,
    DeleteCommentsBulkAction,
]


class PermittedChoices:
    """A chooser for the users whom the model's policy allows any of `actions`: any other
    admin user (guest writers, the steering group) gets the 403 page, and the choices are
    the records the policy allows the user (the comments of the pages they may edit)."""

    actions = LOOKING

    @cached_property
    def policy(self):
        return policy_registry.get_by_type(self.model_class)

    def dispatch(self, request, *args, **kwargs):
        if not self.policy.user_has_any_permission(request.user, self.actions):
            return permission_denied(request, PermissionDenied())
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            return permission_denied(request, denied)

    def permitted(self):
        user = self.request.user
        return self.policy.instances_user_has_any_permission_for(user, self.actions)

    def get_object_list(self):  # choose and results views
        return self.permitted().select_related("page")

    def get_object(self, pk):  # chosen view
        instance = super().get_object(pk)
        user = self.request.user
        if not self.policy.user_has_any_permission_for_instance(user, self.actions, instance):
            raise PermissionDenied
        return instance

    def get_objects(self, pks):  # chosen multiple view
        return self.permitted().filter(pk__in=pks)


class ModeratorChoices(PermittedChoices):
    """Comments, pending and spam ones too, are chosen by their moderators only."""

    actions = ("change",)


def chooser_viewset_class(mixin):
    """A snippet chooser whose views all ask the policy through `mixin`."""
    views = {
        "choose_view_class": snippet_chooser.ChooseView,
        "choose_results_view_class": snippet_chooser.ChooseResultsView,
        "chosen_view_class": snippet_chooser.SnippetChosenView,
        "chosen_multiple_view_class": snippet_chooser.SnippetChosenMultipleView,
        "create_view_class": snippet_chooser.SnippetCreateView,
    }
    attrs = {
        name: type(f"{mixin.__name__}{view.__name__}", (mixin, view), {})
        for name, view in views.items()
    }
    return type(f"{mixin.__name__}ChooserViewSet", (snippet_chooser.SnippetChooserViewSet,), attrs)


CommentChooserViewSet = chooser_viewset_class(ModeratorChoices)
PageCommentSettingsChooserViewSet = chooser_viewset_class(PermittedChoices)
