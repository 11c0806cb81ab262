"""The four roles of a project, as Django groups, and the permissions each holds.

Data migrations call these functions with the historical app registry, so that every
installation gets the same groups; apps added later grant their own model permissions
to these groups from their own migrations with grant_model_permissions().
"""

PROJECT_LEADER = "Projektledare"
GUEST_WRITER = "Gästskribent"
STEERING_GROUP = "Styrgrupp"
PROJECT_GROUP = "Projektgrupp"

PAGE_PERMISSIONS = {
    PROJECT_LEADER: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    GUEST_WRITER: ["add_page"],
}

COLLECTION_PERMISSIONS = {
    PROJECT_LEADER: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
    GUEST_WRITER: ["wagtailimages.add_image", "wagtailimages.choose_image"],
}

MODEL_PERMISSIONS = {
    PROJECT_LEADER: [
        "wagtailadmin.access_admin",
        "website.change_sitesettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    GUEST_WRITER: ["wagtailadmin.access_admin"],
    STEERING_GROUP: ["wagtailadmin.access_admin"],
    PROJECT_GROUP: ["wagtailadmin.access_admin"],
}


def ensure_permissions_exist(apps):
    """Permissions are normally made after migrate; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, dotted_codenames):
    permission_model = apps.get_model("auth", "Permission")
    for dotted in dotted_codenames:
        app_label, codename = dotted.split(".")
        yield permission_model.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(apps, role, dotted_codenames):
    ensure_permissions_exist(apps)
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=role)
    group.permissions.add(*_permissions(apps, dotted_codenames))


def create_roles(apps, schema_editor=None):
    ensure_permissions_exist(apps)
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = page_model.objects.get(depth=1)
    root_collection = collection_model.objects.get(depth=1)

    for role in MODEL_PERMISSIONS:
        group_model.objects.get_or_create(name=role)
        grant_model_permissions(apps, role, MODEL_PERMISSIONS[role])
    for role, codenames in PAGE_PERMISSIONS.items():
        group = group_model.objects.get(name=role)
        for permission in _permissions(apps, [f"wagtailcore.{c}" for c in codenames]):
            page_permission_model.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
    for role, codenames in COLLECTION_PERMISSIONS.items():
        group = group_model.objects.get(name=role)
        for permission in _permissions(apps, codenames):
            collection_permission_model.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
