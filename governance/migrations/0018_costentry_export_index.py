from django.db import migrations, models


class Migration(migrations.Migration):
    """The date index also holds the voucher: a project's cost export reads its entries in
    the order ORDER BY date, voucher asks for, and the monthly sums stay index-only. The
    new index is made before the old one goes, so the sums never lose theirs."""

    dependencies = [
        ("governance", "0017_project_page_per_language"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="costentry",
            index=models.Index(
                fields=["project", "date", "voucher", "amount"], name="costentry_by_date_voucher"
            ),
        ),
        migrations.RemoveIndex(model_name="costentry", name="costentry_by_date"),
    ]
