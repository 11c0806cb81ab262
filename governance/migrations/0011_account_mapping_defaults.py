from django.db import migrations

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP, grant_model_permissions

# The BAS defaults as they were when this migration was written (budget/models.py keeps
# the current list for new projects).
DEFAULT_ACCOUNT_MAPPINGS = [
    (4000, 4999, "Övrigt", "Varor och material"),
    (5000, 5199, "Lokaler", "Lokal- och fastighetskostnader"),
    (5200, 5299, "Utrustning", "Hyra av inventarier och maskiner"),
    (5300, 5399, "Övrigt", "Energi"),
    (5400, 5599, "Utrustning", "Förbrukningsinventarier, förbrukningsmaterial, underhåll"),
    (5600, 5699, "Resor", "Transportmedel"),
    (5700, 5799, "Övrigt", "Frakter och transporter"),
    (5800, 5899, "Resor", "Resekostnader"),
    (5900, 5999, "Övrigt", "Reklam och PR"),
    (6000, 6999, "Övrigt", "Övriga externa kostnader"),
    (6400, 6599, "Externa tjänster", "Förvaltning, revision, konsulter, övriga externa tjänster"),
    (6800, 6899, "Externa tjänster", "Inhyrd personal"),
    (7000, 7699, "Personal", "Löner, sociala avgifter, övriga personalkostnader"),
]


def grant(apps, schema_editor):
    # Project leaders keep the mapping with the rest of the budget; the others read it.
    actions = ("add", "change", "delete", "view")
    grant_model_permissions(
        apps, PROJECT_LEADER, [f"governance.{action}_accountmapping" for action in actions]
    )
    for role in (STEERING_GROUP, PROJECT_GROUP):
        grant_model_permissions(apps, role, ["governance.view_accountmapping"])


def give_existing_projects_default_mappings(apps, schema_editor):
    project_model = apps.get_model("governance", "Project")
    category_model = apps.get_model("governance", "CostCategory")
    mapping_model = apps.get_model("governance", "AccountMapping")
    for project in project_model.objects.all():
        if mapping_model.objects.filter(project=project).exists():
            continue
        categories = {c.name.casefold(): c for c in category_model.objects.filter(project=project)}
        mapping_model.objects.bulk_create(
            mapping_model(
                project=project,
                first_account=first,
                last_account=last,
                category=categories[name.casefold()],
                note=note,
            )
            for first, last, name, note in DEFAULT_ACCOUNT_MAPPINGS
            if name.casefold() in categories
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0010_account_mappings"),
        ("website", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(give_existing_projects_default_mappings, migrations.RunPython.noop),
    ]
