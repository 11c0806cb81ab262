"""What of the steering group's decisions may be shown outside the steering group and the
project group: the one rule every public page, report version for publication, export,
search index and the open decision register asks.

A decision is public when it is not confidential and its meeting's minutes are approved
(justerat). A revoked decision stays public; it shows as revoked once the minutes of the
revoking decision are approved, and the revoking decision is named only when it is public
itself (a confidential revocation shows as revoked without a name).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.budget.models import BudgetVersion
from governance.decisions.models import Decision, Meeting, place_under_items

CONFIDENTIAL = "confidential"
MINUTES_NOT_APPROVED = "minutes_not_approved"

WITHHELD_LABELS = {
    CONFIDENTIAL: _("confidential"),
    MINUTES_NOT_APPROVED: _("minutes not yet approved"),
}


def public_condition(prefix=""):
    """The rule as a query condition; `prefix` reaches decisions through a relation
    (e.g. "decisions__")."""
    return Q(
        **{
            f"{prefix}is_confidential": False,
            f"{prefix}meeting__state": Meeting.State.MINUTES_APPROVED,
        }
    )


def public_decisions(queryset=None):
    """The decisions of `queryset` (all decisions by default) the public may read."""
    queryset = Decision.objects.all() if queryset is None else queryset
    return queryset.filter(public_condition())


def withheld_reason(decision):
    """Why the decision is kept inside the project (CONFIDENTIAL, MINUTES_NOT_APPROVED),
    or None when it is public. Select the meeting with the decision."""
    if decision.is_confidential:
        return CONFIDENTIAL
    if decision.meeting.state != Meeting.State.MINUTES_APPROVED:
        return MINUTES_NOT_APPROVED
    return None


def is_public(decision):
    return withheld_reason(decision) is None


def name_public_revocations(decisions, on=None):
    """Sets on each decision `public_revoker` and `public_revoked` (the decision that
    revoked it and the one it revokes, each only when public) and `public_state` with its
    `public_state_label` (revoked only once the revocation's minutes are approved). Select
    revokes__meeting and revoked_by__meeting with the decisions. With `on` (the register as
    it stood on a day), a revocation decided after that day is left out."""
    for decision in decisions:
        later = getattr(decision, "revoked_by", None)
        revoked_later = later is not None and on is not None and later.meeting.local_date > on
        if revoked_later:
            later = None
        decision.public_revoker = later if later and is_public(later) else None
        earlier = decision.revokes
        decision.public_revoked = earlier if earlier and is_public(earlier) else None
        revocation_pending = decision.state == Decision.State.REVOKED and (
            revoked_later
            or (later is not None and later.meeting.state != Meeting.State.MINUTES_APPROVED)
        )
        state = Decision.State.DECIDED if revocation_pending else decision.state
        decision.public_state = state
        decision.public_state_label = Decision.State(state).label
    return decisions


def public_register(project, *, year=None, kind=None):
    """The open register of a project: its public decisions, newest first, of one year or
    kind when given. A queryset, so that a page of it can be cut in the database; pass the
    decisions shown through name_public_revocations."""
    decisions = public_decisions(Decision.objects.filter(project=project))
    if year:
        decisions = decisions.filter(year=year)
    if kind:
        decisions = decisions.filter(kind=kind)
    return decisions.select_related("meeting", "revokes__meeting", "revoked_by__meeting").order_by(
        "-year", "-sequence"
    )


def public_years(project):
    """The years that have public decisions, newest first."""
    years = public_decisions(Decision.objects.filter(project=project)).values_list(
        "year", flat=True
    )
    return sorted(set(years), reverse=True)


def public_minutes(meeting):
    """What the public may read of a meeting's minutes: None until they are approved, then
    the agenda items numbered § 1, § 2 … each with the public decisions taken under it
    (`decisions_taken`) and how many of its decisions are withheld (`withheld`), the public
    decisions taken under no item (`other_decisions`), all public decisions (revocations
    named) and how many decisions are withheld. The proceedings' free text is never shown:
    it is not checked for confidential matters."""
    if meeting.state != Meeting.State.MINUTES_APPROVED:
        return None
    decisions = list(
        meeting.decisions.select_related(
            "meeting", "revokes__meeting", "revoked_by__meeting"
        ).order_by("year", "sequence")
    )
    shown = [decision for decision in decisions if is_public(decision)]
    items = meeting.numbered_agenda_items()
    place_under_items(items, [d for d in decisions if not is_public(d)])
    for item in items:
        item.withheld = len(item.decisions_taken)
    other_decisions = place_under_items(items, shown)
    return {
        "decisions": name_public_revocations(shown),
        "agenda_items": items,
        "other_decisions": other_decisions,
        "withheld": len(decisions) - len(shown),
    }


def public_budget_version(project, on=None):
    """The approved budget the public may see: the approved version with the highest number
    whose approving decision is public. A version approved through a change request waits
    for the decision that granted it; one whose decision reference names a decision of the
    project ("2013:04") waits for that decision; one approved without a decision (e.g. the
    budget of the granted application) is public once approved. With `on`, only versions
    approved on or before that day count (the project as it stood then)."""
    approved = BudgetVersion.objects.filter(
        project=project, state=BudgetVersion.State.APPROVED
    ).order_by("-number")
    if on is not None:
        approved = approved.filter(approved_on__lte=on)
    decisions = {
        decision.number: decision
        for decision in Decision.objects.filter(project=project).select_related("meeting")
    }
    granting = {
        decision.change_request.budget_version_id: decision
        for decision in Decision.objects.filter(
            project=project, change_request__budget_version__isnull=False
        ).select_related("meeting", "change_request")
    }
    for version in approved:
        decision = granting.get(version.pk)
        if decision is None:
            reference = (version.decision_reference or "").strip().removeprefix("beslut").strip()
            decision = decisions.get(reference)
        if decision is None or is_public(decision):
            return version
    return None


def searchable_text(project):
    """The words of the project's public decisions, for the register page's search index."""
    decisions = public_decisions(Decision.objects.filter(project=project)).order_by(
        "year", "sequence"
    )
    return "\n".join(f"{d.number} {d.title}\n{d.text}" for d in decisions)


def snapshot_fields(decision):
    """What a report's snapshot keeps of a decision's visibility, so that a version for
    publication can leave it out later without asking the database."""
    reason = withheld_reason(decision)
    return {"public": reason is None, "withheld": reason or ""}


def snapshot_is_public(row):
    """Whether a decision row of a report snapshot may be published. A row from a snapshot
    taken before visibility was recorded is treated as withheld."""
    return row.get("public") is True


def withheld_label(reason):
    return WITHHELD_LABELS.get(reason, "")
