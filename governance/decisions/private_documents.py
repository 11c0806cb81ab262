"""Governance documents (signed minutes, decision bases, agenda attachments) are private:
they live in the Wagtail collection "Styrdokument", are served only to the governance
roles, never cached on the way, and once the minutes are approved they are frozen.

- A document attached to a meeting, an agenda item, a decision, a change request or a
  status report moves into the private
  collection at once (`keep_private`). The collection carries a Wagtail view restriction
  to signed-in users, and our `before_serve_document` hook answers first: a login for
  anonymous readers, 403 for signed-in users who may not read the meetings of the
  document's project (a project leader of another project among them).
- `serve` is the document address (/dokument/<id>/<name>): Wagtail's own serve view
  (WAGTAILDOCS_SERVE_METHOD = "serve_view", never a redirect to /media/), plus
  `Cache-Control: private, no-store` on every answer about a private document.
- A frozen document (governance/decisions/services.py, freeze_approved_minutes) keeps its
  file: the document form refuses a new file or another collection with a Swedish message,
  the delete view says why it refuses, the frozen copies refer to the document with
  PROTECT (Wagtail's usage view and bulk delete show them as references that prevent
  deletion), and saving a new file from code raises LockedRecordError.
"""

import hashlib
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied

from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.documents import get_document_model
from wagtail.documents.views import documents as documents_views
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry

from core.document_forms import CheckedDocumentForm
from governance.decisions.models import (
    AgendaItem,
    Attachment,
    Decision,
    FrozenDocument,
    LockedRecordError,
    Meeting,
)
from governance.register.access import permitted_projects, project_path

COLLECTION_NAME = "Styrdokument"


def private_collection():
    """The collection of governance documents, with its view restriction to signed-in users
    (the data migrations make both; made here too if someone removed them). Which signed-in
    users read a document is for `check_governance_document`: those who may read the
    meetings of the document's project, whether by a global role or a membership."""
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def is_private(document):
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection is None:
        return False
    return document.collection_id == collection.pk or document.collection.is_descendant_of(
        collection
    )


def keep_private(document_ids):
    """Moves the documents into the private collection (unless they are in it already)."""
    document_ids = [pk for pk in document_ids if pk]
    if not document_ids:
        return
    collection = private_collection()
    private_ids = collection.get_descendants(inclusive=True).values("pk")
    get_document_model().objects.filter(pk__in=document_ids).exclude(
        collection__in=private_ids
    ).update(collection=collection)


def document_project_ids(document):
    """The projects whose meetings, agenda items, decisions, change requests or reports
    the document belongs to."""
    rows = [
        Meeting.objects.filter(signed_minutes=document).values_list("project_id"),
        AgendaItem.objects.filter(document=document).values_list("meeting__project_id"),
        Decision.objects.filter(bases=document).values_list("project_id"),
        FrozenDocument.objects.filter(document=document).values_list("decision__project_id"),
        *(
            model.objects.filter(document=document).values_list(project_path(model))
            for model in attachment_models()
        ),
    ]
    return {project_id for queryset in rows for (project_id,) in queryset if project_id}


def may_read(user, document):
    """Whoever may read a project's meetings may read its documents; a document not yet
    attached to anything, whoever may read meetings at all."""
    policy = policy_registry.get_by_type(Meeting)
    if not policy.user_has_permission(user, "view"):
        return False
    project_ids = document_project_ids(document)
    if not project_ids:
        return True
    allowed = permitted_projects(user, Meeting, ["view"])
    return allowed.filter(pk__in=project_ids).exists()


def attachment_models():
    """The concrete attachment models (meetings, change requests, reports)."""
    return Attachment.__subclasses__()


def frozen_attachments(document):
    return [
        attachment
        for model in attachment_models()
        for attachment in model.objects.filter(document=document, frozen_at__isnull=False)
    ]


def is_frozen(document):
    if not document.pk:
        return False
    return FrozenDocument.objects.filter(document=document).exists() or any(
        model.objects.filter(document=document, frozen_at__isnull=False).exists()
        for model in attachment_models()
    )


def store_copy(document, storage):
    """Copies a document's file into `storage` under its SHA-256 (a file already there is
    kept once); returns (size, sha256, name). A missing file is a ValidationError."""
    digest, size = hashlib.sha256(), 0
    try:
        with document.open_file() as file_obj:
            for chunk in iter(lambda: file_obj.read(1024 * 1024), b""):
                digest.update(chunk)
                size += len(chunk)
            sha256 = digest.hexdigest()
            name = f"frozen-documents/{sha256}{PurePath(document.filename).suffix}"
            if not storage.exists(name):
                file_obj.seek(0)
                name = storage.save(name, File(file_obj))
    except FileNotFoundError as missing:
        raise ValidationError(
            _("The file of document “%(title)s” is missing, so it cannot be frozen.")
            % {"title": document.title}
        ) from missing
    return size, sha256, name


def frozen_message(document):
    if not FrozenDocument.objects.filter(document=document).exists():
        records = sorted({str(attachment.record) for attachment in frozen_attachments(document)})
        return _(
            "This document is attached to %(records)s, which is closed, and is frozen with "
            "it. It can no longer be replaced, moved or deleted; upload a new version as a new "
            "document."
        ) % {"records": ", ".join(records)}
    numbers = sorted(
        {
            frozen.decision.number
            for frozen in FrozenDocument.objects.filter(document=document).select_related(
                "decision"
            )
        }
    )
    return _(
        "This document belongs to decision %(numbers)s, whose minutes are approved, and is "
        "frozen with it. It can no longer be replaced, moved or deleted; upload a new version "
        "as a new document."
    ) % {"numbers": ", ".join(numbers)}


# Serving


def check_governance_document(document, request):
    """Wagtail's before_serve_document hook: only the governance roles read private
    documents."""
    if not is_private(document) or may_read(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = _(
        "Governance documents are for the project leaders, the steering group and the "
        "project group."
    )
    return permission_denied(request, PermissionDenied(refusal))


def serve(request, document_id, document_filename):
    """The document address: Wagtail's serve view, never stored by a cache when private."""
    response = wagtail_serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is not None and is_private(document):
        patch_cache_control(response, private=True, no_store=True)
    return response


# Freezing


class GovernanceDocumentForm(CheckedDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): our upload checks, and a
    frozen document keeps its file and its collection."""

    def clean(self):
        cleaned_data = super().clean()
        document = self.instance
        refused = [name for name in ("file", "collection") if name in self.changed_data]
        if refused and document.pk and is_frozen(document):
            # Left out of cleaned_data, so that not even the page shown again carries them.
            for name in refused:
                cleaned_data.pop(name, None)
            self.add_error(None, frozen_message(document))
        return cleaned_data


class DocumentDeleteView(documents_views.DeleteView):
    """Wagtail's document delete view, which for a frozen document says why it stays (its
    frozen copies also show as references that prevent deletion) and refuses the POST."""

    template_name = "governance/decisions/document_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_frozen(self.object):
            context["frozen_message"] = frozen_message(self.object)
        return context

    def form_valid(self, form):
        if is_frozen(self.object):
            messages.error(self.request, frozen_message(self.object))
            return redirect(self.get_delete_url())
        return super().form_valid(form)


class FrozenDocumentURLFinder(ModelAdminURLFinder):
    """A frozen copy is shown on its decision's page, for those who may read decisions
    (Wagtail's usage view of the document links there)."""

    def get_edit_url(self, instance):
        readers = policy_registry.get_by_type(Decision)
        if self.user and not readers.user_has_permission(self.user, "view"):
            return None
        return reverse("decision:inspect", args=[instance.decision_id])


def document_admin_urls():
    # Before Wagtail's own documents URLs (governance comes first among the apps), at the
    # same address, so reverse("wagtaildocs:delete") leads here.
    return [path("documents/delete/<int:document_id>/", DocumentDeleteView.as_view())]


def refuse_replacing_frozen_file(sender, instance, update_fields=None, **kwargs):
    """The last guard below the form: a frozen document's file never changes."""
    if update_fields is not None and "file" not in update_fields:
        return
    if not instance.pk or not is_frozen(instance):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if stored is not None and stored != instance.file.name:
        raise LockedRecordError(frozen_message(instance))


def keep_meeting_documents_private(sender, instance, **kwargs):
    ids = (
        [instance.signed_minutes_id]
        if isinstance(instance, Meeting)
        else [getattr(instance, "document_id", None)]
    )
    keep_private(ids)


def keep_attachment_private(sender, instance, **kwargs):
    keep_private([instance.document_id])


def keep_bases_private(sender, instance, action, pk_set, **kwargs):
    if action == "post_add" and isinstance(instance, Decision):
        keep_private(pk_set or [])


def register():
    """Called from the app's ready(): the serve hook, the frozen copies' references (for
    Wagtail's usage and delete views) and the signals."""
    Document = get_document_model()
    hooks.register("before_serve_document", check_governance_document, order=-1)
    hooks.register("register_admin_urls", document_admin_urls)
    ReferenceIndex.register_model(FrozenDocument)
    register_admin_url_finder(FrozenDocument, FrozenDocumentURLFinder)
    pre_save.connect(refuse_replacing_frozen_file, sender=Document, dispatch_uid="frozen_file")
    for model in (Meeting, AgendaItem):
        post_save.connect(
            keep_meeting_documents_private,
            sender=model,
            dispatch_uid=f"private_documents_{model.__name__}",
        )
    for model in attachment_models():
        post_save.connect(
            keep_attachment_private,
            sender=model,
            dispatch_uid=f"private_documents_{model.__name__}",
        )
    m2m_changed.connect(
        keep_bases_private, sender=Decision.bases.through, dispatch_uid="private_decision_bases"
    )
