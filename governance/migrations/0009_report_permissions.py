from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

REPORT_MODELS = ["risk", "indicator", "statusreport"]


def dotted(models, actions):
    return [f"governance.{action}_{model}" for model in models for action in actions]


def grant(apps, schema_editor):
    # Project leaders write the reports and keep risks and indicators; only the steering
    # group approves or returns a report. The project group reads.
    grant_model_permissions(
        apps, PROJECT_LEADER, dotted(REPORT_MODELS, ["add", "change", "delete", "view"])
    )
    grant_model_permissions(
        apps,
        STEERING_GROUP,
        dotted(REPORT_MODELS, ["view"]) + ["governance.approve_statusreport"],
    )
    grant_model_permissions(apps, PROJECT_GROUP, dotted(REPORT_MODELS, ["view"]))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_reports"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
