from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

REGISTER_MODELS = ["project", "workarea", "activity", "milestone", "organisation", "person"]


def grant(apps, schema_editor):
    every_action = [
        f"governance.{action}_{model}"
        for model in REGISTER_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    view_only = [f"governance.view_{model}" for model in REGISTER_MODELS]
    grant_model_permissions(apps, PROJECT_LEADER, every_action)
    grant_model_permissions(apps, STEERING_GROUP, view_only)
    grant_model_permissions(apps, PROJECT_GROUP, view_only)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
