"""The moderation admin: the comment list with approve / reject / spam / delete (one by one
and in bulk), erasing a commenter's data, the per-page switch, the pending count on the
dashboard, and the names of the moderation actions in the history."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.cache import purge_for_page

from . import admin_views
from .models import Comment, PageCommentSettings
from .moderation import pending_count


class ForbiddingSnippetViewSet(SnippetViewSet):
    """Every view answers 403 to a user without the permission, for the record too (a
    comment on a page the user may not edit), and the list shows only the records the
    model's permission policy allows the user (comments/permissions.py)."""

    index_view_class = admin_views.IndexView
    add_view_class = admin_views.CreateView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    inspect_view_class = admin_views.InspectView
    history_view_class = admin_views.HistoryView
    usage_view_class = admin_views.UsageView


class CommentViewSet(ForbiddingSnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Reader comments")
    url_prefix = "comments/comment"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "__str__",
        Column("page", label=_("Page")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Written")),
    ]
    index_view_class = admin_views.CommentIndexView
    chooser_viewset_class = admin_views.CommentChooserViewSet
    filterset_class = admin_views.CommentFilterSet
    search_fields = ["name", "text", "email"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "page",
        "parent",
        "name",
        "email",
        "website",
        "text",
        "status",
        "created_at",
        "moderated_at",
        "ip_address",
    ]

    def get_queryset(self, request):
        return admin_views.permitted(Comment, request.user).select_related("page")


class PageCommentSettingsViewSet(ForbiddingSnippetViewSet):
    model = PageCommentSettings
    icon = "cog"
    menu_label = _("Comments per page")
    url_prefix = "comments/page-settings"
    copy_view_enabled = False
    list_display = [
        "__str__",
        Column("comments", label=_("Comments"), accessor="get_comments_display"),
    ]
    chooser_viewset_class = admin_views.PageCommentSettingsChooserViewSet
    edit_handler = ObjectList(
        PageCommentSettings.panels, base_form_class=admin_views.PageCommentSettingsForm
    )

    def get_queryset(self, request):
        return admin_views.permitted(PageCommentSettings, request.user).select_related("page")


class CommentsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 140
    items = (CommentViewSet, PageCommentSettingsViewSet)


register_snippet(CommentsViewSetGroup)

# After Wagtail's own (order 0), so that the comments' deletion replaces the snippets' one.
for action in admin_views.BULK_ACTIONS:
    hooks.register("register_bulk_action", action, order=10)


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "comments/admin/pending_comments_panel.html"
    order = 90

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count, "list_url": admin_views.pending_list_url()}


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if admin_views.may_moderate(request.user):
        panels.append(PendingCommentsPanel(pending_count(request.user)))


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    actions.register_action("comments.approve", _("Approve comment"), _("Comment approved"))
    actions.register_action("comments.reject", _("Reject comment"), _("Comment rejected"))
    actions.register_action("comments.spam", _("Mark comment as spam"), _("Marked as spam"))


@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def empty_page_cache_after_comment_change(request, instance):
    """An edit in the admin may approve a comment or change a shown one; a deletion may
    remove one. Bulk deletion passes a list."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    pages = {item.page_id: item.page for item in instances if isinstance(item, Comment)}
    for page in pages.values():
        purge_for_page(page)
