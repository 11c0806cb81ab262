from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.privacy import erase_commenter


class Command(BaseCommand):
    help = (
        "Erases every comment written with an email address (the commenter's right to "
        "erasure). With --anonymise the texts stay, without name, email, website and IP."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--anonymise",
            action="store_true",
            help="Keep the comment texts; remove name, email, website and IP address.",
        )

    def handle(self, *args, email, anonymise, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        count = erase_commenter(email, anonymise=anonymise)
        verb = "Anonymised" if anonymise else "Erased"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} comment(s) by {email}."))
