from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdateStamp(models.Model):
    """When the public governance data last changed: the open data's update date, one row
    written by opendata/updates.py when a transaction that changed it commits."""

    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("open data update date")
        verbose_name_plural = _("open data update dates")

    def __str__(self):
        return str(self.changed_at)
