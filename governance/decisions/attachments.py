"""Attachments of meetings, change requests and status reports: documents of the private
collection "Styrdokument" (governance/decisions/private_documents.py), frozen when their
record is closed for good: approved minutes (services.approve_minutes), a decided change
request (services.grant_change_request / reject_change_request), an approved report
(governance/reports/review.approve). Frozen means a copy of the file in the private store
and its SHA-256 kept on the attachment; from then on neither the attachment nor its
document's file changes."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wagtail.admin.panels import FieldPanel, InlinePanel

from governance.decisions import private_documents


def freeze(attachments):
    """Freezes each attachment not yet frozen; returns how many were frozen now."""
    attachments = list(attachments)
    count = 0
    now = timezone.now()
    for attachment in attachments:
        if attachment.is_frozen:
            continue
        document = attachment.document
        size, sha256, name = private_documents.store_copy(document, attachment.copy.storage)
        type(attachment).objects.filter(pk=attachment.pk).update(
            file_name=document.filename[:255],
            size=size,
            sha256=sha256,
            copy=name,
            frozen_at=now,
        )
        count += 1
    private_documents.keep_private([attachment.document_id for attachment in attachments])
    return count


def listed(record):
    """The record's attachments in their order, with their documents."""
    return list(record.attachments.select_related("document").order_by("sort_order", "pk"))


def panel():
    """The edit form's list of attachments, each a document chooser."""
    return InlinePanel(
        "attachments",
        heading=gettext_lazy("Attachments"),
        label=gettext_lazy("attachment"),
        panels=[FieldPanel("document")],
        help_text=gettext_lazy(
            "Documents are kept in the private collection “Styrdokument”, readable only by "
            "the governance roles, and frozen when the record is closed."
        ),
    )


def inspect_html(record):
    """The record's attachments as the inspect views show them, frozen ones with SHA-256."""
    return render_to_string(
        "governance/decisions/attachments.html", {"attachments": listed(record)}
    )
