"""Frozen copies of decision documents, and the private collection "Styrdokument" for
governance documents: made with a group view restriction for the governance roles, and
every document already attached to a meeting, an agenda item or a decision moved into it
(governance/decisions/private_documents.py keeps it so from then on)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import core.uploads

COLLECTION_NAME = "Styrdokument"
READER_ROLES = ["Projektledare", "Styrgrupp", "Projektgrupp"]
# Treebeard's materialised path: four base-36 characters per level.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _step(number):
    digits = ""
    for _position in range(STEP):
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits


def make_private_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    Document = apps.get_model("wagtaildocs", "Document")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=COLLECTION_NAME).first()
    if collection is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        number = int(last.path[-STEP:], 36) + 1 if last else 1
        collection = Collection.objects.create(
            name=COLLECTION_NAME, depth=2, path=root.path + _step(number), numchild=0
        )
        Collection.objects.filter(pk=root.pk).update(numchild=models.F("numchild") + 1)
    if not Restriction.objects.filter(collection=collection).exists():
        restriction = Restriction.objects.create(collection=collection, restriction_type="groups")
        restriction.groups.set(Group.objects.filter(name__in=READER_ROLES))

    Meeting = apps.get_model("governance", "Meeting")
    AgendaItem = apps.get_model("governance", "AgendaItem")
    Decision = apps.get_model("governance", "Decision")
    ids = set(Meeting.objects.exclude(signed_minutes=None).values_list("signed_minutes", flat=True))
    ids |= set(AgendaItem.objects.exclude(document=None).values_list("document", flat=True))
    ids |= set(Decision.bases.through.objects.values_list("document_id", flat=True))
    Document.objects.filter(pk__in=ids).update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0012_replanning_and_budget_change"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
        ("website", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="FrozenDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("underlag", "decision basis"), ("protokoll", "signed minutes")],
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                ("size", models.PositiveBigIntegerField(verbose_name="size in bytes")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                (
                    "copy",
                    models.FileField(
                        max_length=255,
                        storage=core.uploads.PrivateStorage(),
                        upload_to="",
                        verbose_name="copy",
                    ),
                ),
                (
                    "frozen_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="frozen at"
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="frozen_documents",
                        to="governance.decision",
                        verbose_name="decision",
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="document",
                    ),
                ),
            ],
            options={
                "verbose_name": "frozen document",
                "verbose_name_plural": "frozen documents",
                "ordering": ["decision", "role", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("decision", "document", "role"), name="unique_frozen_document"
                    )
                ],
            },
        ),
        migrations.RunPython(make_private_collection, migrations.RunPython.noop),
    ]
