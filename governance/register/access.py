"""Who may do what in which project: the one permission policy of the governance models.

A user's rights in a project follow from their current membership there: the body they
sit in names a role (core/roles.py), and the role's Django group holds the permissions
(what a project leader may do is granted to the group "Projektledare" by the migrations).
On top of that, rights a user holds directly (a superuser, a user put in a role's group
itself: a regional coordinator, or the one person of a single-project installation) count
in every project.

- `MembershipBackend` makes `user.has_perm()` true for a permission the user holds in some
  project, so that Wagtail's admin, menus and model-level checks let them in.
- `GovernancePermissionPolicy` answers for a record (its project must be one where the
  user holds the permission) and filters querysets to those projects. It also refuses
  changing or deleting a closed record (`is_closed`), to everyone.
- `permitted_projects(user, model, actions)` is the list of projects a view may offer.

The path from a model to its project is the model's `project` field, or its
`project_path` (e.g. "work_area__project"); a model with neither (organisations) is
shared by all projects and keeps Django's model permissions.
"""

from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from core import roles
from governance.common.permissions import CLOSED_ACTIONS, closed_message
from governance.register.models import Membership, Project

ROLE_OF_BODY = {
    Membership.Body.PROJECT_MANAGEMENT: roles.PROJECT_LEADER,
    Membership.Body.STEERING_GROUP: roles.STEERING_GROUP,
    Membership.Body.PROJECT_GROUP: roles.PROJECT_GROUP,
    Membership.Body.GUEST_WRITERS: roles.GUEST_WRITER,
}

_PROJECT_PERMISSIONS_CACHE = "_lagesbild_project_permissions"


def current(memberships, on=None):
    on = on or timezone.localdate()
    return memberships.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def _role_permissions():
    permissions = {}
    rows = Group.objects.filter(name__in=ROLE_OF_BODY.values()).values_list(
        "name", "permissions__content_type__app_label", "permissions__codename"
    )
    for role, app_label, codename in rows:
        if codename:
            permissions.setdefault(role, set()).add(f"{app_label}.{codename}")
    return permissions


def project_permissions(user):
    """{project id: the permissions the user holds there through their memberships},
    read once per request (kept on the user object, like Django's own permission cache)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _PROJECT_PERMISSIONS_CACHE, None)
    if cached is None:
        memberships = current(Membership.objects.filter(person__user=user)).values_list(
            "project_id", "body"
        )
        memberships = list(memberships)
        by_role = _role_permissions() if memberships else {}
        cached = {}
        for project_id, body in memberships:
            granted = by_role.get(ROLE_OF_BODY.get(body), set())
            cached.setdefault(project_id, set()).update(granted)
        setattr(user, _PROJECT_PERMISSIONS_CACHE, cached)
    return cached


def holds_everywhere(user, permission):
    """A permission held in every project: a superuser's, or one granted to the user or
    their groups directly."""
    if not user.is_active:
        return False
    return user.is_superuser or permission in ModelBackend().get_all_permissions(user)


def holds_rights_everywhere(user):
    """Whether the user holds any right across the installation, not only in projects."""
    return user.is_active and (user.is_superuser or bool(ModelBackend().get_all_permissions(user)))


def project_ids_with(user, permissions):
    """The ids of the projects where the user holds any of `permissions`, or None for all."""
    if any(holds_everywhere(user, permission) for permission in permissions):
        return None
    return {
        project_id
        for project_id, granted in project_permissions(user).items()
        if granted.intersection(permissions)
    }


# What a membership grants of its role's permissions: what a policy can hold to the
# user's project (governance records; comments and blog authors and imports by the pages
# they belong to) and entry to the admin. A role's site-wide permissions (redirects, a
# site's settings) stay with those who hold the role globally.
PROJECT_SCOPED_APPS = {"governance", "comments", "blog", "wordpress_import", "simple_translation"}


def is_project_scoped(permission):
    app_label = permission.split(".", 1)[0]
    return app_label in PROJECT_SCOPED_APPS or permission == "wagtailadmin.access_admin"


class MembershipBackend(BaseBackend):
    """Answers `has_perm` for permissions held through a membership in some project. It
    authenticates nobody, and keeps its own cache apart from ModelBackend's, whose
    permissions are the ones held everywhere."""

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active:
            return set()
        held = set().union(*project_permissions(user_obj).values())
        return {permission for permission in held if is_project_scoped(permission)}

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))


def project_path(model):
    if model is Project:
        return "pk"
    path = getattr(model, "project_path", None)
    if path:
        return path
    try:
        model._meta.get_field("project")
    except FieldDoesNotExist:
        return None
    return "project"


def project_ids_of(instance):
    """The projects a record belongs to: one for most, none for an unsaved record without
    a project, several for a person who sits in several projects' bodies."""
    path = project_path(type(instance))
    if path is None:
        return None
    if path == "pk":
        return {instance.pk}
    if getattr(type(instance), "project_path_is_many", False):
        if instance.pk is None:
            return set()
        rows = type(instance)._default_manager.filter(pk=instance.pk).values_list(path, flat=True)
        return {row for row in rows if row is not None}
    *hops, last = path.split("__")
    related = instance
    for hop in hops:
        related = getattr(related, hop, None)
        if related is None:
            return set()
    project_id = getattr(related, f"{last}_id", None)
    return set() if project_id is None else {project_id}


def in_projects(queryset, path, project_ids):
    """The records of `queryset` in those projects; a person also when in no project yet."""
    if not getattr(queryset.model, "project_path_is_many", False):
        return queryset.filter(**{f"{path}__in": project_ids})
    inside = Q(**{f"{path}__in": project_ids}) | Q(**{f"{path}__isnull": True})
    return queryset.filter(pk__in=queryset.model._default_manager.filter(inside).values("pk"))


class GovernancePermissionPolicy(ModelPermissionPolicy):
    def _permissions(self, actions):
        return [self._get_permission_name(action) for action in actions]

    def user_has_permission_for_instance(self, user, action, instance):
        if action in CLOSED_ACTIONS and getattr(instance, "is_closed", False):
            return False
        if not self.user_has_permission(user, action):
            return False
        allowed = project_ids_with(user, self._permissions([action]))
        if allowed is None:
            return True
        in_projects = project_ids_of(instance)
        if not in_projects:
            # Shared data, or a new record whose project is still to be chosen (the form
            # offers only allowed projects).
            return in_projects is None or getattr(type(instance), "project_path_is_many", False)
        return bool(in_projects & allowed)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        allowed = project_ids_with(user, self._permissions(actions))
        path = project_path(self.model)
        if allowed is None or path is None:
            return queryset
        return in_projects(queryset, path, allowed)

    def within_permitted_projects(self, user, actions, queryset):
        """`queryset` (of records in projects: work areas, meetings…) limited to the projects
        where the user may do any of `actions` to this policy's model; shared records
        (organisations, people) are all kept."""
        path = project_path(queryset.model)
        allowed = project_ids_with(user, self._permissions(actions))
        if path is None or allowed is None:
            return queryset
        return in_projects(queryset, path, allowed)


def register_policies(app_config):
    """Pages keep Wagtail's page permissions; every other model of the app gets ours."""
    for model in app_config.get_models():
        if not issubclass(model, Page):
            register_permission_policy(model, GovernancePermissionPolicy(model), exact_class=True)


def permitted_projects(user, model, actions=("view",)):
    """The projects in which the user may do any of `actions` to `model`'s records."""
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_any_permission(user, actions):
        return Project.objects.none()
    allowed = project_ids_with(user, [policy._get_permission_name(action) for action in actions])
    if allowed is None:
        return Project.objects.all()
    return Project.objects.filter(pk__in=allowed)


def projects_allowing_all(user, model, actions):
    """The projects in which the user may do every one of `actions` (an import that adds
    and changes records needs both)."""
    projects = Project.objects.all()
    for action in actions:
        projects = projects & permitted_projects(user, model, [action])
    return projects


def permitted_object(user, queryset, pk, actions=("view",)):
    """The record `pk` of `queryset` if the user may do any of `actions` to it: 404 when
    there is none, 403 when it belongs to a project the user may not act in (or is closed)."""
    instance = get_object_or_404(queryset, pk=pk)
    policy = policy_registry.get_by_type(type(instance))
    if not policy.user_has_any_permission_for_instance(user, actions, instance):
        if getattr(instance, "is_closed", False) and set(actions) <= set(CLOSED_ACTIONS):
            raise PermissionDenied(closed_message(instance))
        raise PermissionDenied
    return instance
