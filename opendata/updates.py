"""The open data's update date: when what it publishes last changed.

governance/public_cache.py sends `data_changed` at every change of governance data the
public sees (and of indicators and cost categories, which only the open data shows); a
progress page published, unpublished or made private changes which projects are public.
The time is written once per transaction, when it commits (a rollback writes nothing), in
the one row of UpdateStamp.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from governance.public_cache import data_changed
from governance.register.pages import ProjectPage
from opendata.models import UpdateStamp

STAMP_ID = 1

_local = threading.local()


def note_change(**kwargs):
    """Stamps the update date when the current transaction commits, once however many
    changes it holds (an import of a thousand activities writes it once)."""
    connection = transaction.get_connection()
    waiting = getattr(_local, "stamp", None)
    if (
        waiting is not None
        and connection.in_atomic_block
        and any(hook[1] is waiting for hook in connection.run_on_commit)
    ):
        return

    def stamp():
        _local.stamp = None
        write_stamp()

    _local.stamp = stamp
    transaction.on_commit(stamp, robust=True)


def write_stamp(when=None):
    when = when or timezone.now()
    if not UpdateStamp.objects.filter(pk=STAMP_ID).update(changed_at=when):
        UpdateStamp.objects.create(pk=STAMP_ID, changed_at=when)


def last_changed():
    """The update date; before any change was noted, now (the data cannot be older than
    the question)."""
    changed_at = UpdateStamp.objects.filter(pk=STAMP_ID).values_list("changed_at", flat=True)
    return changed_at.first() or timezone.now()


def connect():
    data_changed.connect(note_change, dispatch_uid="opendata-data-changed")
    for signal in (page_published, page_unpublished):
        signal.connect(note_change, sender=ProjectPage, dispatch_uid=f"opendata-{id(signal)}")
    for signal in (post_save, post_delete):
        uid = f"opendata-restriction-{id(signal)}"
        signal.connect(note_change, sender=PageViewRestriction, dispatch_uid=uid)
