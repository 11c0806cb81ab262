"""What the reminders have sent, so that `manage.py send_reminders` never sends the same
reminder twice (governance/workspace/reminders.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    class Kind(models.TextChoices):
        MEETING = "mote", _("meeting")
        REPORT_DUE = "rapport", _("report due")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("record"))
    # What the reminder was about: the meeting's calendar sequence (a moved meeting is
    # announced again) or the report's due date (a new date is reminded of again).
    key = models.CharField(_("version"), max_length=40)
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "key", "recipient"], name="unique_sent_reminder"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.key}) → {self.recipient}"
