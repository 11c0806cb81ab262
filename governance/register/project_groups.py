"""Wagtail's page and collection permissions in each project, following the memberships.

A role with page or collection permissions (core/roles.py: project leaders, guest writers)
gets one Django group per project, "Projektledare · <short name>", recorded as a
`ProjectGroup`. The group holds the role's page permissions on the project's public site
(`Project.public_root`) and its collection permissions on the project's collection
(`Project.collection`, made under the root collection when missing), and no model
permissions: those come from the membership itself (`access.MembershipBackend`). A user's
project groups are the roles of their current memberships, through their person in the
register. Someone put directly in a role's own group keeps that role in every project.

One service function per change, called by the signals `connect()` wires (a membership
saved or deleted, a person's user account changed, a project saved) and at each login (a
membership that ended yesterday or starts today takes effect without anyone saving):

- `sync_project(project)`: the project's groups, their names, page and collection
  permissions, its collection, and its review workflow (guest posts on its site are
  approved by its own leaders);
- `sync_user(user)`: the user's project groups; also at a signed-in user's first admin
  request of the day (`DailySyncMiddleware`), so that a membership that ends does not
  outlive it in a session of several days (the governance rights, read per request by
  access.py, end the same day).

A translation of the home page (published beside it under the root) joins the project's
site when published.

The functions take an app registry, so that the data migration runs the same code on the
historical models.
"""

from django.apps import apps as global_apps
from django.contrib.auth import user_logged_in
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject

from wagtail.signals import page_published

from core import roles
from governance.register.access import ROLE_OF_BODY, current

SEPARATOR = " · "
# The project's own review of guest posts: the blog's "Granskning av projektledare"
# (blog/migrations/0002), approved by the project's leaders and the global ones.
REVIEW_WORKFLOW = "Granskning av projektledare"
REVIEW_TASK = "Godkännande av projektledare"

# The roles that carry page or collection permissions, and the bodies that give them.
TREE_ROLES = [
    role
    for role in dict.fromkeys(ROLE_OF_BODY.values())
    if role in roles.PAGE_PERMISSIONS or role in roles.COLLECTION_PERMISSIONS
]
BODIES_OF_ROLE = {
    role: [body for body, body_role in ROLE_OF_BODY.items() if body_role == role]
    for role in TREE_ROLES
}

# What Django, Wagtail and access.py cache on a user object about its permissions.
_USER_CACHES = (
    "_perm_cache",
    "_user_perm_cache",
    "_group_perm_cache",
    "_page_permission_cache",
    "_collection_permission_cache",
    "_explorable_root_page_cache",
    "_group_approval_task_checks",
    "_lagesbild_project_permissions",
)


def group_name(role, project):
    return f"{role}{SEPARATOR}{project.short_name or project.name}"


def _in_project(name, project):
    return f"{name}{SEPARATOR}{project.short_name or project.name}"


def _permissions(apps, dotted_codenames):
    permission_model = apps.get_model("auth", "Permission")
    query = Q(pk__in=[])
    for dotted in dotted_codenames:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(permission_model.objects.filter(query))


def _free_name(apps, name, project, group_id):
    """`name`, or `name (slug)` when another group (two projects with one short name) has it."""
    taken = apps.get_model("auth", "Group").objects.exclude(pk=group_id)
    return f"{name} ({project.slug})" if taken.filter(name=name).exists() else name


def _next_child_path(parent, last_child_path):
    """The treebeard path of a new last child (for the historical models, which lack
    `add_child`): paths are steps of four base-36 digits."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if last_child_path is None:
        return parent.path + "0001"
    number = 0
    for digit in last_child_path[-4:]:
        number = number * 36 + alphabet.index(digit)
    number += 1
    step = ""
    for _position in range(4):
        number, digit = divmod(number, 36)
        step = alphabet[digit] + step
    return parent.path + step


def _ensure_collection(apps, project):
    """The project's collection: the one it names, else a collection under the root named
    after the project (one no other project uses, else a new one), stored on the project."""
    collection_model = apps.get_model("wagtailcore", "Collection")
    project_model = apps.get_model("governance", "Project")
    if project.collection_id is not None:
        return project.collection_id
    root = collection_model.objects.filter(depth=1).first()
    if root is None:  # a database emptied after Wagtail's migrations made it (a flushed test)
        root = collection_model.objects.create(name="Root", path="0001", depth=1, numchild=0)
    children = collection_model.objects.filter(depth=2, path__startswith=root.path)
    used = project_model.objects.exclude(collection=None).values("collection_id")
    collection = children.filter(name=project.name).exclude(pk__in=used).first()
    if collection is None:
        name = project.name
        if children.filter(name=name).exists():
            name = f"{project.name} ({project.slug})"
        if hasattr(root, "add_child"):
            collection = root.add_child(name=name)
        else:
            last = children.order_by("-path").values_list("path", flat=True).first()
            collection = collection_model.objects.create(
                name=name, path=_next_child_path(root, last), depth=2, numchild=0
            )
            collection_model.objects.filter(pk=root.pk).update(numchild=children.count())
    # An update, not a save: the project's own signals have run already.
    project_model.objects.filter(pk=project.pk).update(collection=collection)
    project.collection_id = collection.pk
    return collection.pk


def _site_pages(apps, project):
    """The project's public root and its translations (an English home is a sibling of the
    Swedish one, not below it)."""
    if project.public_root_id is None:
        return []
    pages = apps.get_model("wagtailcore", "Page").objects
    key = pages.filter(pk=project.public_root_id).values("translation_key")
    return sorted(pages.filter(translation_key__in=key).values_list("pk", flat=True))


def _set_rows(model, group, field, target_ids, permissions):
    """Exactly the rows (group, target, permission) of `targets` × `permissions` for
    `group`."""
    wanted = {(target, permission.pk) for permission in permissions for target in target_ids}
    rows = model.objects.filter(group=group)
    have = set(rows.values_list(f"{field}_id", "permission_id"))
    for target, permission_id in have - wanted:
        rows.filter(**{f"{field}_id": target, "permission_id": permission_id}).delete()
    for target, permission_id in wanted - have:
        model.objects.create(group=group, **{f"{field}_id": target}, permission_id=permission_id)


def sync_project(project, apps=global_apps):
    """Makes the project's groups match the project: one per role of TREE_ROLES, named
    after its short name, with the role's page permissions on its public site and its
    collection permissions on its collection (made if missing)."""
    group_model = apps.get_model("auth", "Group")
    project_group_model = apps.get_model("governance", "ProjectGroup")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection_id = _ensure_collection(apps, project)
    site_pages = _site_pages(apps, project)
    existing = {
        row.role: row
        for row in project_group_model.objects.filter(project_id=project.pk).select_related("group")
    }
    for role in TREE_ROLES:
        row = existing.get(role)
        if row is None:
            name = _free_name(apps, group_name(role, project), project, None)
            group = group_model.objects.create(name=name)
            project_group_model.objects.create(project_id=project.pk, role=role, group=group)
        else:
            group = row.group
            _rename(group, _free_name(apps, group_name(role, project), project, group.pk))
        page_codenames = [f"wagtailcore.{c}" for c in roles.PAGE_PERMISSIONS.get(role, [])]
        _set_rows(
            page_permission_model,
            group,
            "page",
            site_pages,
            _permissions(apps, page_codenames),
        )
        _set_rows(
            collection_permission_model,
            group,
            "collection",
            [collection_id],
            _permissions(apps, roles.COLLECTION_PERMISSIONS.get(role, [])),
        )
        if role == roles.PROJECT_LEADER:
            _sync_review(apps, project, group, site_pages)


def _rename(instance, name):
    if instance.name != name:
        instance.name = name
        instance.save(update_fields=["name"])


def _sync_review(apps, project, leader_group, site_pages):
    """The project's review workflow: a group approval task for the project's leaders (and
    the global ones), in a workflow of its own set on the project's public site, so that
    Wagtail asks the project's own leaders to approve what its guest writers submit."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    task = task_model.objects.filter(groups=leader_group).order_by("pk").first()
    if task is None:
        task_type, _created = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = task_model.objects.create(
            name=_in_project(REVIEW_TASK, project), content_type=task_type, active=True
        )
        global_leaders = apps.get_model("auth", "Group").objects.filter(name=roles.PROJECT_LEADER)
        task.groups.add(leader_group, *global_leaders)
    else:
        _rename(task, _in_project(REVIEW_TASK, project))
    workflow = workflow_model.objects.filter(workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = workflow_model.objects.create(
            name=_in_project(REVIEW_WORKFLOW, project), active=True
        )
        workflow_task_model.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        _rename(workflow, _in_project(REVIEW_WORKFLOW, project))
    workflow_page_model.objects.filter(workflow=workflow).exclude(page_id__in=site_pages).delete()
    # A workflow someone set on the site's home page by hand stays.
    for page_id in site_pages:
        workflow_page_model.objects.get_or_create(page_id=page_id, defaults={"workflow": workflow})


def wanted_group_ids(user_id, apps=global_apps, *, make_missing=False):
    """The project groups the user's current memberships give; with `make_missing`, a
    project without its groups yet (loaded without signals) gets them first."""
    membership_model = apps.get_model("governance", "Membership")
    project_group_model = apps.get_model("governance", "ProjectGroup")
    project_model = apps.get_model("governance", "Project")
    bodies = [body for role in TREE_ROLES for body in BODIES_OF_ROLE[role]]
    memberships = current(
        membership_model.objects.filter(person__user_id=user_id, body__in=bodies)
    ).values_list("project_id", "body")
    pairs = {(project_id, ROLE_OF_BODY[body]) for project_id, body in memberships}
    if not pairs:
        return set()
    project_ids = {project_id for project_id, _role in pairs}
    rows = project_group_model.objects.filter(project_id__in=project_ids)
    if make_missing:
        missing = project_ids - set(rows.values_list("project_id", flat=True))
        for project in project_model.objects.filter(pk__in=missing):
            sync_project(project, apps)
    return {
        group_id
        for project_id, role, group_id in rows.values_list("project_id", "role", "group_id")
        if (project_id, role) in pairs
    }


def sync_user(user, apps=global_apps, *, make_missing=False):
    """Puts the user in the project groups of their current memberships and takes them out
    of the others; the groups they hold directly (global roles) are left alone."""
    if user is None or user.pk is None:
        return
    wanted = wanted_group_ids(user.pk, apps, make_missing=make_missing)
    held = set(user.groups.filter(project_role__isnull=False).values_list("pk", flat=True))
    if held - wanted:
        user.groups.remove(*(held - wanted))
    if wanted - held:
        user.groups.add(*(wanted - held))
    if held != wanted:
        # request.user is a lazy object: the caches are on the user it wraps.
        cached_on = user._wrapped if isinstance(user, LazyObject) else user
        for name in _USER_CACHES:
            cached_on.__dict__.pop(name, None)


def sync_users(user_ids, apps=global_apps):
    user_model = apps.get_model(*_user_model_label().split("."))
    for user in user_model.objects.filter(pk__in={pk for pk in user_ids if pk}):
        sync_user(user, apps)


def sync_all(apps=global_apps):
    """Every project's groups and every member's project groups (the data migration)."""
    for project in apps.get_model("governance", "Project").objects.all():
        sync_project(project, apps)
    people = apps.get_model("governance", "Person").objects.exclude(user=None)
    sync_users(people.values_list("user_id", flat=True), apps)


def _user_model_label():
    from django.conf import settings

    return settings.AUTH_USER_MODEL


def prime_review_checks(user):
    """Answers in one query, for every review task, whether the user is in its groups:
    Wagtail's dashboard asks each GroupApprovalTask in turn (TaskState.objects.reviewable_by),
    one query per project's task otherwise. Wagtail keeps the answers on the user object."""
    from django.db.models import Exists, OuterRef

    from wagtail.models import GroupApprovalTask

    if not user.is_authenticated:
        return
    in_groups = GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id=OuterRef("pk"), group__user=user
    )
    checks = dict(
        GroupApprovalTask.objects.annotate(member=Exists(in_groups)).values_list("pk", "member")
    )
    if checks:
        user._group_approval_task_checks = checks


# Signals ------------------------------------------------------------------------------

_BEFORE = "_project_groups_before"
_MEMBERSHIP_FIELDS = ("person_id", "project_id", "body", "valid_from", "valid_to")


def _user_of_person(person_id):
    from governance.register.models import Person

    return Person.objects.filter(pk=person_id).values_list("user_id", flat=True).first()


def _membership_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = (
        sender.objects.filter(pk=instance.pk)
        .values_list("person__user_id", *_MEMBERSHIP_FIELDS)
        .first()
    )
    setattr(instance, _BEFORE, before)


def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    now = tuple(getattr(instance, field) for field in _MEMBERSHIP_FIELDS)
    if before is not None and tuple(before[1:]) == now:
        return
    sync_users({_user_of_person(instance.person_id), before and before[0]})


def _membership_deleted(sender, instance, **kwargs):
    sync_users({_user_of_person(instance.person_id)})


def _person_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
    setattr(instance, _BEFORE, before)


def _person_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if created or before != instance.user_id:
        sync_users({before, instance.user_id})


def _project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_project(instance)


def _home_published(sender, instance, **kwargs):
    """A translation of a project's home page (under the root, beside it) joins its site."""
    if instance.depth != 2:
        return
    from governance.register.models import Project

    for project in Project.objects.filter(
        public_root__translation_key=instance.translation_key
    ).exclude(public_root=instance):
        sync_project(project)


def _project_group_deleted(sender, instance, **kwargs):
    """A project's groups go with it (or with its ProjectGroup rows), and its review
    workflow is switched off (Wagtail keeps workflows, for their history)."""
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Workflow

    for workflow in Workflow.objects.filter(
        workflow_tasks__task__in=GroupApprovalTask.objects.filter(groups=instance.group_id)
    ).distinct():
        workflow.deactivate()
    Group.objects.filter(pk=instance.group_id).delete()


_SYNCED_ON = "_project_groups_synced_on"


def _logged_in(sender, request, user, **kwargs):
    sync_user(user, make_missing=True)
    if request is not None and hasattr(request, "session"):
        request.session[_SYNCED_ON] = timezone.localdate().isoformat()


class DailySyncMiddleware:
    """Keeps a signed-in user's project groups in step once a day, at their first admin
    request of the day; public pages are left alone (their sessions are not read)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if request.path.startswith(self.admin_prefix) and request.user.is_authenticated:
            today = timezone.localdate().isoformat()
            if request.session.get(_SYNCED_ON) != today:
                sync_user(request.user, make_missing=True)
                request.session[_SYNCED_ON] = today
        return self.get_response(request)


def connect():
    from governance.register.models import Membership, Person, Project, ProjectGroup

    uid = "governance-project-groups"
    pre_save.connect(_membership_before, sender=Membership, dispatch_uid=f"{uid}-m-pre")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid=f"{uid}-m-save")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid=f"{uid}-m-delete")
    pre_save.connect(_person_before, sender=Person, dispatch_uid=f"{uid}-p-pre")
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}-p-save")
    post_save.connect(_project_saved, sender=Project, dispatch_uid=f"{uid}-project-save")
    post_delete.connect(
        _project_group_deleted, sender=ProjectGroup, dispatch_uid=f"{uid}-group-delete"
    )
    page_published.connect(_home_published, dispatch_uid=f"{uid}-home-published")
    user_logged_in.connect(_logged_in, dispatch_uid=f"{uid}-login")
