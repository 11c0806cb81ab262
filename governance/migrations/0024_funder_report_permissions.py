from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

FUNDER_MODELS = ["funderreportsettings", "fundercosttype", "fundercostmapping"]


def dotted(models, actions):
    return [f"governance.{action}_{model}" for model in models for action in actions]


def grant(apps, schema_editor):
    # The project leaders keep the funder's cost types, the mapping and the flat rate (they
    # write the reports); the steering group and the project group read them.
    grant_model_permissions(
        apps, PROJECT_LEADER, dotted(FUNDER_MODELS, ["add", "change", "delete", "view"])
    )
    grant_model_permissions(apps, STEERING_GROUP, dotted(FUNDER_MODELS, ["view"]))
    grant_model_permissions(apps, PROJECT_GROUP, dotted(FUNDER_MODELS, ["view"]))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0023_funder_report"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
