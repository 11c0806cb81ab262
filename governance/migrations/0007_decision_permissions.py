from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions


def dotted(models, actions):
    return [f"governance.{action}_{model}" for model in models for action in actions]


def grant(apps, schema_editor):
    # Project leaders prepare meetings and change requests; the steering group also
    # keeps meetings and is the only role that records decisions. Nobody may delete a
    # decision: a mistaken one is revoked by a later decision.
    grant_model_permissions(
        apps,
        PROJECT_LEADER,
        dotted(["meeting", "changerequest"], ["add", "change", "delete", "view"])
        + dotted(["decision"], ["view"]),
    )
    grant_model_permissions(
        apps,
        STEERING_GROUP,
        dotted(["meeting"], ["add", "change", "view"])
        + dotted(["decision"], ["add", "change", "view"])
        + dotted(["changerequest"], ["view"]),
    )
    grant_model_permissions(
        apps, PROJECT_GROUP, dotted(["meeting", "decision", "changerequest"], ["view"])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0006_decisions"),
        ("website", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
