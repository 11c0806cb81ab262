from django.core.management.base import BaseCommand

from governance.workspace.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mails the reminders that are due: before meetings (with a calendar invitation) and "
        "before status reports are due. Run it daily from cron; it never sends the same "
        "reminder twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            f"Reminders sent: {sent.messages} messages "
            f"({sent.meetings} meetings, {sent.reports} reports)."
        )
