"""Moving an activity's planned dates once the activity plan is approved.

After the steering group has approved the plan (`Project.plan_approved_on`), a move of an
activity's planned start or end is a re-planning: it needs a decision of the steering
group, or, for the project leaders' own adjustments, a reason. Every path that moves dates
(the admin form, the activity plan's Excel import, a granted change request) calls
`record_replanning()`, which

- keeps a late activity late until it is done (`Activity.late_since`), so moving the end
  never silently clears the delay;
- stores a `Replanning` that status reports and the public progress pages show
  ("planerat slut flyttat från … till … genom beslut …");
- writes what moved to the activity's history in Wagtail's audit log.
"""

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from governance.register.models import Activity, Replanning

REPLAN = "lagesbild.activity.replan"

OPEN_STATUSES = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS, Activity.Status.LATE)


def dates_moved(activity, previous_start, previous_end):
    return (previous_start, previous_end) != (activity.planned_start, activity.planned_end)


def needs_justification(activity, previous_start, previous_end, on=None):
    """True when the move must name a decision or give a reason: the plan is approved."""
    project = activity.work_area.project
    return dates_moved(activity, previous_start, previous_end) and project.plan_is_approved(on)


def justification_message():
    return _(
        "The activity plan is approved: moving planned dates needs the steering group's "
        "decision (a change request) or, for your own re-planning, a reason. Choose the "
        "decision or write the reason."
    )


def _was_late(activity, previous_end, on):
    if activity.status == Activity.Status.LATE:
        return True
    if activity.status not in OPEN_STATUSES:
        return False
    return previous_end < on or (activity.late_since is not None and activity.late_since < on)


@transaction.atomic
def record_replanning(
    activity, *, previous_start, previous_end, decision=None, reason="", user=None, on=None
):
    """Called after the activity is saved with its new planned dates; `on` is the day of
    the move (today, or the meeting of the decision that applies it). Returns the
    `Replanning`, or None when nothing is recorded (no move, or the plan not yet approved
    and no decision behind the move)."""
    if not dates_moved(activity, previous_start, previous_end):
        return None
    on = on or timezone.localdate()
    was_late = _was_late(activity, previous_end, on)
    if was_late and activity.status in OPEN_STATUSES and activity.late_since is None:
        # The end it was late against; one marked late before its end counts from the day before.
        activity.late_since = min(previous_end, on - datetime.timedelta(days=1))
        Activity.objects.filter(pk=activity.pk).update(late_since=activity.late_since)
    if decision is None and not activity.work_area.project.plan_is_approved(on):
        return None
    replanning = Replanning.objects.create(
        activity=activity,
        moved_on=on,
        previous_start=previous_start,
        previous_end=previous_end,
        new_start=activity.planned_start,
        new_end=activity.planned_end,
        decision=decision,
        reason=reason,
        was_late=was_late,
        recorded_by=user if user and user.is_authenticated else None,
    )
    log(
        activity,
        REPLAN,
        user=user,
        data={
            "change": describe(replanning, decision_number=decision.number if decision else ""),
            "previous_start": previous_start.isoformat(),
            "previous_end": previous_end.isoformat(),
            "new_start": activity.planned_start.isoformat(),
            "new_end": activity.planned_end.isoformat(),
            "decision": decision.number if decision else "",
            "reason": reason,
        },
    )
    return replanning


def _day(day):
    return formats.date_format(day, "j F Y")


def describe(replanning, *, decision_number=None, with_reason=False):
    """One sentence of what moved and why, e.g. "Planned end moved from 30 June 2013 to
    30 September 2013 by decision 2013:04." `decision_number` None means: name the decision
    when the public may read it; "" means: say a decision moved it without its number."""
    moves = []
    if replanning.previous_start != replanning.new_start:
        moves.append(
            _("planned start moved from %(before)s to %(after)s")
            % {"before": _day(replanning.previous_start), "after": _day(replanning.new_start)}
        )
    if replanning.previous_end != replanning.new_end:
        moves.append(
            _("planned end moved from %(before)s to %(after)s")
            % {"before": _day(replanning.previous_end), "after": _day(replanning.new_end)}
        )
    text = ", ".join(moves)
    text = text[:1].upper() + text[1:]
    decision = replanning.decision
    if decision is not None:
        if decision_number is None:
            decision_number = decision.number if decision.is_public else ""
        if decision_number:
            text += " " + _("by decision %(number)s") % {"number": decision_number}
        else:
            text += " " + _("by a decision of the steering group")
    else:
        text += " " + _("by the project leaders without a decision")
        if with_reason and replanning.reason:
            text += " (" + replanning.reason + ")"
    if replanning.was_late:
        text += "; " + _("the activity stays late until it is done")
    return text + "."


def public_replannings(activities, on=None):
    """Re-plannings of the given (public) activities, oldest first, in one query; with
    `on`, only those made on or before that day."""
    moves = Replanning.objects.filter(activity__in=activities)
    if on is not None:
        moves = moves.filter(moved_on__lte=on)
    return list(moves.select_related("activity", "decision__meeting").order_by("moved_on", "pk"))
