"""Each existing project gets its groups (Projektledare · <short name>, Gästskribent · …)
with the roles' page permissions on its public site and collection permissions on its
collection, made under the root collection when missing; each member with a user account
joins the groups of their current memberships; each project's leaders approve guest posts
on its site in a review workflow of its own (governance/register/project_groups.py)."""

from django.db import migrations


def create_project_groups(apps, schema_editor):
    from core.roles import ensure_permissions_exist
    from governance.register import project_groups

    if not apps.get_model("governance", "Project").objects.exists():
        return
    ensure_permissions_exist(apps)
    project_groups.sync_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0031_project_groups"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_project_groups, migrations.RunPython.noop)]
