from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

COFINANCING_MODELS = ["cofinancingsettings", "hourlycost", "timereport", "inkindcontribution"]


def dotted(models, actions):
    return [f"governance.{action}_{model}" for model in models for action in actions]


def grant(apps, schema_editor):
    # Project leaders keep the co-financing registers and report their own time. The
    # steering group reads time reports and contributions in kind (not the hourly costs:
    # they are salaries). The project group reports its own hours through the monthly form.
    grant_model_permissions(
        apps,
        PROJECT_LEADER,
        dotted(COFINANCING_MODELS, ["add", "change", "delete", "view"])
        + ["governance.report_timereport"],
    )
    grant_model_permissions(
        apps,
        STEERING_GROUP,
        dotted(["cofinancingsettings", "timereport", "inkindcontribution"], ["view"]),
    )
    grant_model_permissions(apps, PROJECT_GROUP, ["governance.report_timereport"])


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0025_cofinancing"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
