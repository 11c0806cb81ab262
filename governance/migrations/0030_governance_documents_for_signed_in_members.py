"""The private collection "Styrdokument" is restricted to signed-in users instead of the
three role groups: members of a project hold their rights through memberships, not
groups, and which signed-in user reads which document is decided per project by
governance/decisions/private_documents.py's serve hook."""

from django.db import migrations

COLLECTION_NAME = "Styrdokument"


def to_login(apps, schema_editor):
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    for restriction in Restriction.objects.filter(
        collection__name=COLLECTION_NAME, collection__depth=2
    ):
        restriction.restriction_type = "login"
        restriction.save(update_fields=["restriction_type"])
        restriction.groups.clear()


def to_groups(apps, schema_editor):
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    for restriction in Restriction.objects.filter(
        collection__name=COLLECTION_NAME, collection__depth=2
    ):
        restriction.restriction_type = "groups"
        restriction.save(update_fields=["restriction_type"])
        restriction.groups.set(
            Group.objects.filter(name__in=["Projektledare", "Styrgrupp", "Projektgrupp"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0029_project_public_root"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_login, to_groups)]
