"""What happens when the steering group decides: recording, revocation, and settling a
change request (granting applies its budget version and activity changes at once).

Every consequence is written to Wagtail's audit log with the decision number, so the
history of a budget version, an activity or a change request says which decision moved it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.search import index

from governance import public_cache
from governance.budget import services as budget_services
from governance.common.permissions import require_permission
from governance.decisions import attachments, budget_change, notifications, private_documents
from governance.decisions.models import (
    ActivityChange,
    ChangeRequest,
    Decision,
    DecisionRegisterPage,
    FrozenDocument,
    Meeting,
)
from governance.register import replanning
from governance.register.models import Activity

REVOKE = "lagesbild.decision.revoke"
REVOKED = "lagesbild.decision.revoked"
GRANT = "lagesbild.change_request.grant"
REJECT = "lagesbild.change_request.reject"
APPLY = "lagesbild.decision.apply"
SUBMIT = "lagesbild.change_request.submit"


@transaction.atomic
def record_decision(decision, user=None, save_related=None):
    """Saves a new decision (numbering it) and carries out what it decides, all or nothing.
    The admin passes its form's save_m2m as `save_related` (bases, work areas, activities)."""
    decision.save()
    if save_related:
        save_related()
    _apply_decision(decision, user=user)
    log(decision, "wagtail.create", user=user)
    return decision


@transaction.atomic
def _apply_decision(decision, user=None):
    """The consequences of a newly recorded decision: what it revokes, the change request
    it settles. Runs in one transaction with the caller's save."""
    if decision.revokes_id:
        revoke(decision.revokes, by=decision, user=user)
    if decision.change_request_id:
        if decision.change_request_outcome == Decision.Outcome.GRANTED:
            grant_change_request(decision.change_request, decision, user=user)
        else:
            reject_change_request(decision.change_request, decision, user=user)


def revoke(decision, *, by, user=None):
    """Marks a decision revoked by a later one. The revoked decision's content stays as
    it was recorded; only its state moves, and both decisions show the link."""
    if decision.state == Decision.State.REVOKED:
        raise ValidationError(
            _("Decision %(number)s is already revoked.") % {"number": decision.number}
        )
    Decision.objects.filter(pk=decision.pk).update(state=Decision.State.REVOKED)
    decision.state = Decision.State.REVOKED
    public_cache.changed()
    log(decision, REVOKED, user=user, data={"decision": by.number, "revoked": decision.number})
    log(by, REVOKE, user=user, data={"decision": by.number, "revoked": decision.number})


def grant_change_request(change_request, decision, user=None):
    """Makes the change request's budget version the approved one and applies its
    activity changes, all or nothing."""
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.state != ChangeRequest.State.SUBMITTED:
        raise ValidationError(_("Only a submitted change request can be decided."))
    data = {"decision": decision.number, "change_request": change_request.title}
    keep_budget_change(change_request)
    if change_request.budget_version_id:
        version = change_request.budget_version
        budget_services.approve_budget_version(
            version,
            approved_on=decision.meeting.local_date,
            approved_by=_("The steering group"),
            reference=decision.number,
            user=user,
            log_action=APPLY,
            log_data={"decision": decision.number, "change": str(version)},
        )
    for change in change_request.activity_changes.select_related("activity"):
        apply_activity_change(change, decision, user)
    change_request.state = ChangeRequest.State.IMPLEMENTED
    change_request.save(update_fields=["state", "budget_change"])
    attachments.freeze(change_request.attachments.select_related("document"))
    Decision.objects.filter(pk=decision.pk).update(state=Decision.State.IMPLEMENTED)
    decision.state = Decision.State.IMPLEMENTED
    public_cache.changed()
    log(change_request, GRANT, user=user, data=data)


def reject_change_request(change_request, decision, user=None):
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.state != ChangeRequest.State.SUBMITTED:
        raise ValidationError(_("Only a submitted change request can be decided."))
    keep_budget_change(change_request)
    change_request.state = ChangeRequest.State.REJECTED
    change_request.save(update_fields=["state", "budget_change"])
    attachments.freeze(change_request.attachments.select_related("document"))
    log(
        change_request,
        REJECT,
        user=user,
        data={"decision": decision.number, "change_request": change_request.title},
    )


def keep_budget_change(change_request):
    """The before/after table as the steering group decided on it, kept on the request
    before the budget in force moves (see governance/decisions/budget_change.py)."""
    change = budget_change.live_change(change_request)
    change_request.budget_change = change.as_data() if change else None


def apply_activity_change(change, decision, user):
    if change.kind == ActivityChange.Kind.NEW:
        activity = Activity(
            work_area=change.work_area,
            code=change.code,
            title=change.title,
            description=change.description,
            planned_start=change.planned_start,
            planned_end=change.planned_end,
        )
    else:
        activity = change.activity
        previous_start, previous_end = activity.planned_start, activity.planned_end
        if change.kind == ActivityChange.Kind.CANCEL:
            activity.status = Activity.Status.CANCELLED
        else:
            for field in ("title", "description", "planned_start", "planned_end"):
                value = getattr(change, field)
                if value:
                    setattr(activity, field, value)
    try:
        activity.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("Activity %(activity)s cannot be changed: %(errors)s")
            % {"activity": activity.code, "errors": "; ".join(error.messages)}
        ) from error
    activity.save()
    log(activity, APPLY, user=user, data={"decision": decision.number, "change": str(change)})
    if change.kind == ActivityChange.Kind.RESCHEDULE:
        replanning.record_replanning(
            activity,
            previous_start=previous_start,
            previous_end=previous_end,
            decision=decision,
            user=user,
            on=decision.meeting.local_date,
        )


def submit_change_request(change_request, user=None):
    """The project leaders hand the request to the steering group, who get an email."""
    if change_request.state != ChangeRequest.State.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    change_request.state = ChangeRequest.State.SUBMITTED
    change_request.submitted_at = timezone.now()
    change_request.save(update_fields=["state", "submitted_at"])
    log(change_request, SUBMIT, user=user, data={"change_request": change_request.title})
    notifications.change_request_submitted(change_request)


PUBLISH_AGENDA = "lagesbild.meeting.publish_agenda"


@transaction.atomic
def publish_agenda(meeting, user=None):
    """Publishes a meeting's agenda; the steering group gets an email with a link to it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_published:
        raise ValidationError(_("The agenda is already published."))
    if meeting.minutes_approved:
        raise ValidationError(_("The minutes of this meeting are approved."))
    meeting.agenda_published = True
    meeting.save(update_fields=["agenda_published"])
    log(meeting, PUBLISH_AGENDA, user=user)
    notifications.agenda_published(meeting)
    return meeting


MARK_HELD = "lagesbild.meeting.mark_held"
APPROVE_MINUTES = "lagesbild.meeting.approve_minutes"


def may_mark_held(meeting, now=None):
    return meeting.state == Meeting.State.PLANNED and meeting.starts_at <= (now or timezone.now())


def may_approve_minutes(meeting, now=None):
    """Held meetings, and planned ones that have started (approving says they were held)."""
    return meeting.state == Meeting.State.HELD or may_mark_held(meeting, now)


@transaction.atomic
def mark_meeting_held(meeting, user=None):
    """The meeting took place: its minutes are being written and wait for approval."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not may_mark_held(meeting):
        raise ValidationError(_("Only a planned meeting that has started can be marked as held."))
    meeting.state = Meeting.State.HELD
    meeting.save(update_fields=["state"])
    log(meeting, MARK_HELD, user=user)
    return meeting


@transaction.atomic
def approve_minutes(meeting, user=None):
    """The steering group approves (justerar) a meeting's minutes: the meeting and its
    decisions are locked for good, their documents and the meeting's attachments frozen
    (freeze_approved_minutes), and the public decisions appear in the register. All or
    nothing: a document that cannot be frozen leaves the minutes unapproved."""
    if user is not None:
        require_permission(
            user,
            Decision,
            "add",
            _("Only the steering group approves the minutes."),
            instance=meeting,
        )
    meeting = Meeting.objects.select_for_update().select_related("project").get(pk=meeting.pk)
    if not may_approve_minutes(meeting):
        raise ValidationError(_("Only the minutes of a meeting that has been held are approved."))
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save(update_fields=["state"])
    freeze_approved_minutes(meeting)
    log(
        meeting,
        APPROVE_MINUTES,
        user=user,
        data={"decisions": [d.number for d in meeting.decisions.order_by("year", "sequence")]},
    )
    return meeting


@transaction.atomic
def freeze_approved_minutes(meeting):
    """Once the steering group has approved a meeting's minutes, each decision's documents
    (its bases and the signed minutes) and the meeting's attachments are frozen: a copy in
    the private store and the file's SHA-256 are kept with the decision (or the attachment),
    and the documents stay in the private collection. The public register then shows the
    newly public decisions: its search entry is renewed (the meeting's save purges the
    cached pages: governance/public_cache.py).
    Calling it again freezes only what is new."""
    if meeting.state != Meeting.State.MINUTES_APPROVED:
        raise ValidationError(_("Only the documents of approved minutes are frozen."))
    frozen_ids = []
    for decision in meeting.decisions.prefetch_related("bases"):
        documents = [(FrozenDocument.Role.BASIS, basis) for basis in decision.bases.all()]
        if meeting.signed_minutes_id:
            documents.append((FrozenDocument.Role.MINUTES, meeting.signed_minutes))
        for role, document in documents:
            frozen_ids.append(document.pk)
            if not FrozenDocument.objects.filter(
                decision=decision, document=document, role=role
            ).exists():
                _freeze(decision, document, role)
    private_documents.keep_private(frozen_ids)
    attachments.freeze(meeting.attachments.select_related("document"))
    for page in DecisionRegisterPage.objects.filter(project=meeting.project_id):
        index.insert_or_update_object(page.specific)


def _freeze(decision, document, role):
    frozen = FrozenDocument(
        decision=decision,
        document=document,
        role=role,
        title=document.title[:255],
        file_name=document.filename[:255],
    )
    # Named by content: the signed minutes of a meeting are kept once for all its decisions.
    frozen.size, frozen.sha256, frozen.copy.name = private_documents.store_copy(
        document, frozen.copy.storage
    )
    frozen.save()
    return frozen
