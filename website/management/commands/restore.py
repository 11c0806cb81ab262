from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from website.backup import (
    NOT_EMPTY,
    SnapshotError,
    database_is_empty,
    restore_backup,
    verify_snapshot,
)


class Command(BaseCommand):
    help = (
        "Restores a snapshot made by `backup DIR` into an empty database (migrating it "
        "first) after checking its signature and every file's SHA-256, copies the media and "
        "private files back, rebuilds the search index and checks counts, money totals, "
        "search entries and the decisions' locks against the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by the backup command")

    def handle(self, *args, directory, **options):
        try:
            verify_snapshot(directory)  # before the database is touched
            if not database_is_empty():
                raise SnapshotError(NOT_EMPTY)
            call_command("migrate", interactive=False, verbosity=0)
            manifest = restore_backup(directory)
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows in {len(manifest['models'])} models and "
                f"{manifest['media']['files']} media files from {directory}; signature, "
                "hashes, counts, money totals, media, search index and decisions match the "
                "manifest."
            )
        )
