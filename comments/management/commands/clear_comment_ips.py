from django.core.management.base import BaseCommand

from comments.privacy import clear_old_ip_addresses


class Command(BaseCommand):
    help = (
        "Clears commenters' IP addresses older than the retention period in the comment "
        "settings (30 days unless changed). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Clear addresses older than this many days instead of the site setting.",
        )

    def handle(self, *args, days=None, **options):
        count = clear_old_ip_addresses(days=days)
        self.stdout.write(f"Cleared the IP address of {count} comment(s).")
