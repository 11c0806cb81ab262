from django.db import migrations

from core.roles import PROJECT_LEADER, grant_model_permissions


def grant(apps, schema_editor):
    # Project leaders move a blog in; the import creates pages they may publish anyway.
    grant_model_permissions(
        apps,
        PROJECT_LEADER,
        ["wordpress_import.add_wordpressimport", "wordpress_import.view_wordpressimport"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress_import", "0001_initial"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
