"""Project leaders translate pages (wagtail.contrib.simple_translation's permission)."""

from django.db import migrations

from core.roles import PROJECT_LEADER, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, PROJECT_LEADER, ["simple_translation.submit_translation"])


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_site_colour"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
