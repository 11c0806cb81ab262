from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

PROJECT_APPS = ("website", "governance", "blog", "comments")


def demo_loaders():
    """Each project app that has a demo module contributes its load(stdout), in app order."""
    for app_config in apps.get_app_configs():
        if app_config.name.split(".")[0] in PROJECT_APPS and find_spec(f"{app_config.name}.demo"):
            yield import_module(f"{app_config.name}.demo").load


class Command(BaseCommand):
    help = "Fills the database with the demo project. Safe to run again: changes nothing then."

    @transaction.atomic
    def handle(self, *args, **options):
        for load in demo_loaders():
            load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
