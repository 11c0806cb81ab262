"""English pages: the locale editors translate into, and the permission for project
leaders to translate (wagtail.contrib.simple_translation)."""

from django.db import migrations

from core.roles import PROJECT_LEADER, grant_model_permissions


def forwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")
    grant_model_permissions(apps, PROJECT_LEADER, ["simple_translation.submit_translation"])


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0006_accessibility_statement_and_funder_statement"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
