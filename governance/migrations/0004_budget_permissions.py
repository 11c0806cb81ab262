from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

BUDGET_MODELS = [
    "financier",
    "costcategory",
    "budgetversion",
    "budgetline",
    "costentry",
    "costimportbatch",
    "costimportmapping",
    "forecast",
]
DEFAULT_COST_CATEGORIES = [
    "Personal",
    "Externa tjänster",
    "Resor",
    "Lokaler",
    "Utrustning",
    "Övrigt",
]


def grant(apps, schema_editor):
    every_action = [
        f"governance.{action}_{model}"
        for model in BUDGET_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    view_only = [f"governance.view_{model}" for model in BUDGET_MODELS]
    # The steering group decides the budget: it approves budget versions.
    approve = ["governance.approve_budgetversion"]
    grant_model_permissions(apps, PROJECT_LEADER, every_action + approve)
    grant_model_permissions(apps, STEERING_GROUP, view_only + approve)
    grant_model_permissions(apps, PROJECT_GROUP, view_only)


def give_existing_projects_default_categories(apps, schema_editor):
    project_model = apps.get_model("governance", "Project")
    category_model = apps.get_model("governance", "CostCategory")
    for project in project_model.objects.all():
        for order, name in enumerate(DEFAULT_COST_CATEGORIES):
            category_model.objects.get_or_create(
                project=project, name=name, defaults={"sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_budget"),
        ("website", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(give_existing_projects_default_categories, migrations.RunPython.noop),
    ]
