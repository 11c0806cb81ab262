from django.core.management.base import BaseCommand, CommandError

from website.backup import SnapshotError, make_backup


class Command(BaseCommand):
    help = (
        "Writes a consistent snapshot of the site into DIR, readable by the owner only: every "
        "model's rows (data.json), the uploaded media (media/), the private files (private/) "
        "and a signed manifest with counts, money totals, search entries, the decisions and "
        "every file's SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty directory")

    def handle(self, *args, directory, **options):
        try:
            manifest = make_backup(directory)
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {directory}: {rows} rows in {len(manifest['models'])} "
                f"models, {manifest['media']['files']} media files "
                f"({manifest['media']['bytes']} bytes)."
            )
        )
