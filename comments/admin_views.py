"""Moderation in the admin: the comment list's filter and row actions, and the bulk actions
(approve, reject, mark as spam, erase the commenter's data). A single comment's action is
the bulk action for one comment, so both go through the same confirmation and code."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.defaults import permission_denied

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views

import django_filters

from core.admin_views import ForbiddenMixin

from . import moderation, privacy
from .models import Comment

LIST_URL_NAME = "wagtailsnippets_comments_comment:list"


def may_moderate(user):
    return policy_registry.get_by_type(Comment).user_has_permission(user, "change")


def pending_list_url():
    return reverse(LIST_URL_NAME) + "?" + urlencode({"status": Comment.Status.PENDING})


def bulk_action_url(action_type, comment, next_url):
    url = reverse("wagtail_bulk_action", args=("comments", "comment", action_type))
    return url + "?" + urlencode({"id": comment.pk, "next": next_url})


class IndexView(ForbiddenMixin, snippet_views.IndexView):
    pass


class CreateView(ForbiddenMixin, snippet_views.CreateView):
    pass


class EditView(ForbiddenMixin, snippet_views.EditView):
    pass


class DeleteView(ForbiddenMixin, snippet_views.DeleteView):
    pass


class InspectView(ForbiddenMixin, snippet_views.InspectView):
    pass


class HistoryView(ForbiddenMixin, snippet_views.HistoryView):
    pass


class UsageView(ForbiddenMixin, snippet_views.UsageView):
    pass


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
        if not may_moderate(self.request.user):
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
    """Shared by the moderation actions: only for comments, only for moderators."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_action.html"
    question = ""
    button_text = ""

    def check_perm(self, comment):
        return may_moderate(self.request.user)

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
        context["affected_count"] = Comment.objects.filter(email__in=emails).count()
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "mode": self.cleaned_form.cleaned_data["mode"]}

    @classmethod
    def execute_action(cls, objects, user=None, mode="erase", **kwargs):
        emails = {comment.email for comment in objects if comment.email}
        anonymise = mode == "anonymise"
        return sum(privacy.erase_commenter(email, anonymise=anonymise) for email in emails), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The commenter's data was erased from %(count)d comment.",
            "The commenters' data was erased from %(count)d comments.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [ApproveBulkAction, RejectBulkAction, SpamBulkAction, EraseCommenterBulkAction]


class ModeratorsOnly:
    """Comments, pending and spam ones too, are for the moderators only: any other admin
    user (guest writers, the steering group) gets the 403 page from the chooser as well."""

    def dispatch(self, request, *args, **kwargs):
        if not may_moderate(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class CommentChooseView(ModeratorsOnly, snippet_chooser.ChooseView):
    pass


class CommentChooseResultsView(ModeratorsOnly, snippet_chooser.ChooseResultsView):
    pass


class CommentChosenView(ModeratorsOnly, snippet_chooser.SnippetChosenView):
    pass


class CommentChosenMultipleView(ModeratorsOnly, snippet_chooser.SnippetChosenMultipleView):
    pass


class CommentCreateView(ModeratorsOnly, snippet_chooser.SnippetCreateView):
    pass


class CommentChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = CommentChooseView
    choose_results_view_class = CommentChooseResultsView
    chosen_view_class = CommentChosenView
    chosen_multiple_view_class = CommentChosenMultipleView
    create_view_class = CommentCreateView
