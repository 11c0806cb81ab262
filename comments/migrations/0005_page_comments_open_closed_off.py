from django.db import migrations, models


def from_switch(apps, schema_editor):
    """A page switched on was open; a page switched off stays off."""
    settings = apps.get_model("comments", "PageCommentSettings")
    settings.objects.filter(comments_enabled=True).update(comments="open")


def to_switch(apps, schema_editor):
    settings = apps.get_model("comments", "PageCommentSettings")
    settings.objects.exclude(comments="off").update(comments_enabled=True)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_address_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="pagecommentsettings",
            name="comments",
            field=models.CharField(
                choices=[
                    ("open", "open: readers may comment"),
                    ("closed", "closed: the comments are shown, no new ones are taken"),
                    ("off", "off: neither the comments nor the form are shown"),
                ],
                default="off",
                max_length=6,
                verbose_name="comments",
            ),
        ),
        migrations.RunPython(from_switch, to_switch),
        migrations.RemoveField(model_name="pagecommentsettings", name="comments_enabled"),
    ]
