from django.core.management.base import BaseCommand
from django.db import transaction

from website import demo


class Command(BaseCommand):
    help = "Fills the database with the demo project. Safe to run again: changes nothing then."

    @transaction.atomic
    def handle(self, *args, **options):
        demo.load_site()
        self.stdout.write("Demo users (local only, see README.md):")
        demo.load_users(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
