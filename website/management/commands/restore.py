from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from website.backup import SnapshotError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a snapshot made by `backup DIR` into an empty database (migrating it "
        "first), copies the media back and checks counts and money totals against the "
        "manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by the backup command")

    def handle(self, *args, directory, **options):
        try:
            read_manifest(directory)
            call_command("migrate", interactive=False, verbosity=0)
            manifest = restore_backup(directory)
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows in {len(manifest['models'])} models and "
                f"{manifest['media']['files']} media files from {directory}; counts, money "
                "totals and media match the manifest."
            )
        )
