"""An index on Wagtail's page tree by depth and path, for "the children of a page": the main
menu on every page asks for the live pages right under the home page, and without it the
database walks every page below the home page (at 50 000 posts ~15 ms a page on SQLite).
Wagtail's own tables get no index from Wagtail for this, so it is added here, by name, on
SQLite and PostgreSQL alike."""

from django.db import migrations

INDEX = "lagesbild_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0008_quote_language"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON "wagtailcore_page" ("depth", "path")',
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
