"""Who moderates which comments: a user moderates the comments of the pages they may edit.

The model permission (`comments.change_comment`…, granted to the project leaders' role) says
whether a user moderates at all; for a comment, or a page's comment setting, the user must
also hold Wagtail's page permission "change" or "publish" on its page. In an installation
with several projects, those page permissions are carried by each project's groups on its
own site (governance/register/project_groups.py), so a project leader by membership
moderates the comments of their own project's site only; a superuser, and anyone whose
groups hold page permissions at the root (the role's own group), moderate them all.

A site's comment settings (`CommentSiteSettings`) follow its home page the same way: Wagtail's
site permission, and change or publish on the site's root page."""

from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import register_permission_policy

# The page permissions that let a user look after a page's comments.
PAGE_ACTIONS = ("change", "publish")

page_policy = PagePermissionPolicy()


def edits_every_page(user):
    """A superuser, or a user whose groups may change or publish at the root of the tree."""
    if not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    codenames = {page_policy._get_permission_codename(action) for action in PAGE_ACTIONS}
    return any(
        perm.page.depth == 1 and perm.permission.codename in codenames
        for perm in page_policy.get_cached_permissions_for_user(user)
    )


def may_edit_page(user, page):
    return page_policy.user_has_any_permission_for_instance(user, PAGE_ACTIONS, page)


def on_editable_pages(user, queryset, page_field="page"):
    """The rows of `queryset` whose page (`page_field`) the user may change or publish:
    one subquery, whatever the number of rows."""
    if edits_every_page(user):
        return queryset
    pages = page_policy.instances_user_has_any_permission_for(user, PAGE_ACTIONS)
    return queryset.filter(**{f"{page_field}__in": pages.values("pk")})


class PageBoundPermissionPolicy(ModelPermissionPolicy):
    """The model permission, and for a record, change or publish on the record's page."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if instance.page_id is None:
            # A page's comment setting still to be made: its form checks the page chosen.
            return True
        return edits_every_page(user) or may_edit_page(user, instance.page)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return on_editable_pages(user, queryset)


class SiteBoundPermissionPolicy(SitePermissionPolicy):
    """Wagtail's site setting permission, and for one site, change or publish on its root
    page."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        site = instance if isinstance(instance, Site) else instance.site
        return edits_every_page(user) or may_edit_page(user, site.root_page)

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        return on_editable_pages(user, sites, page_field="root_page")


def register():
    from .models import Comment, CommentSiteSettings, PageCommentSettings

    for model in (Comment, PageCommentSettings):
        register_permission_policy(model, PageBoundPermissionPolicy(model), exact_class=True)
    register_permission_policy(
        CommentSiteSettings, SiteBoundPermissionPolicy(CommentSiteSettings), exact_class=True
    )
