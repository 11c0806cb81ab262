from django.db import migrations

from core.roles import PROJECT_LEADER, grant_model_permissions


def grant(apps, schema_editor):
    # Project leaders moderate; comments come from readers, so nobody adds them by hand.
    grant_model_permissions(
        apps,
        PROJECT_LEADER,
        [
            "comments.view_comment",
            "comments.change_comment",
            "comments.delete_comment",
            "comments.add_pagecommentsettings",
            "comments.change_pagecommentsettings",
            "comments.delete_pagecommentsettings",
            "comments.view_pagecommentsettings",
            "comments.change_commentsitesettings",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
