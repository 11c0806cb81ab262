"""The budget's state changes: a new draft from a version, saving a draft's lines, and the
approval that makes a version the budget in force. The admin (the grid editor and the Excel
import), decisions (a granted change request), the demo, the bench and the tests all go
through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from governance.budget.models import BudgetLine, BudgetVersion
from governance.budget.version_lines import ProjectLookups, compare_lines, current_amounts

APPROVE = "lagesbild.budget.approve"
SAVE_LINES = "lagesbild.budget.save_lines"


@transaction.atomic
def new_draft_from(source, user=None):
    """A new draft version with the next number and a copy of the source's lines."""
    number = (
        BudgetVersion.objects.filter(project=source.project).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    draft = BudgetVersion.objects.create(
        project=source.project,
        number=number,
        label=_("Copy of %(label)s") % {"label": source.label},
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=draft,
            work_area_id=line.work_area_id,
            activity_id=line.activity_id,
            category_id=line.category_id,
            financier_id=line.financier_id,
            year=line.year,
            quarter=line.quarter,
            amount=line.amount,
        )
        for line in BudgetLine.objects.filter(version=source)
    )
    log(draft, "wagtail.create", user=user)
    return draft


@transaction.atomic
def approve_budget_version(
    version, *, approved_on, approved_by, reference="", user=None, log_action=APPROVE, log_data=None
):
    """Makes a draft the approved budget in force. Refuses a version that is approved
    already, and one whose number is below the version in force (which would then stay
    in force while the page said otherwise). `log_action`/`log_data` let a decision name
    itself in the audit log."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_approved:
        raise ValidationError(
            _("Budget version %(label)s is already approved.") % {"label": version}
        )
    current = BudgetVersion.current_for(version.project)
    if current and current.number > version.number:
        raise ValidationError(
            _(
                "Budget version %(version)s cannot become the budget in force: the approved "
                "version %(current)s has a higher number."
            )
            % {"version": version, "current": current}
        )
    version.state = BudgetVersion.State.APPROVED
    version.approved_on = approved_on
    version.approved_by = approved_by
    version.decision_reference = reference
    version.full_clean()
    version.save()
    data = log_data if log_data is not None else {"reference": reference}
    log(version, log_action, user=user, data=data)
    return version


@transaction.atomic
def save_draft_lines(version, amounts, *, replace=False, user=None, lookups=None):
    """Gives a draft the wanted amounts: `amounts` maps line keys (version_lines.LineKey)
    to Decimal amounts, None for no line. With `replace` the amounts are the whole version
    and every other line goes (an imported file); without, the other lines stay (a grid
    posts the cells it changed). Refuses an approved version and a key outside the
    project. A bounded number of queries however many lines: one read, one delete and bulk
    inserts. Returns the version_lines.LineChanges it made."""
    version = BudgetVersion.objects.select_for_update().select_related("project").get(pk=version.pk)
    if version.is_approved:
        raise ValidationError(
            _("Budget version %(version)s is approved and cannot be changed.")
            % {"version": version}
        )
    lookups = lookups or ProjectLookups(version.project)
    for key in amounts:
        problem = lookups.problem(key)
        if problem:
            raise ValidationError(f"{problem} ({key})")
    current, ids = current_amounts(version)
    changes = compare_lines(current, amounts, replace=replace)
    if not changes:
        return changes
    # A changed line is deleted and inserted again with its new amount: two statements for
    # any number of lines, where Django's bulk_update builds a CASE of 600 branches that
    # costs most of a save. Nothing refers to a line by its id.
    doomed = []
    for change in [*changes.removed, *changes.changed]:
        doomed += ids[change.key]
    if doomed:
        # Wagtail's reference index would clean up after each deleted line on its own, four
        # queries a line; the version's references are rebuilt once below instead.
        with disable_reference_index_auto_update():
            BudgetLine.objects.filter(version=version, pk__in=doomed).delete()
    BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                version=version,
                work_area_id=change.key.work_area_id,
                category_id=change.key.category_id,
                activity_id=change.key.activity_id,
                financier_id=change.key.financier_id,
                year=change.key.year,
                quarter=change.key.quarter,
                amount=change.after,
            )
            for change in [*changes.added, *changes.changed]
        ),
        batch_size=500,
    )
    # What the lines refer to (work areas, categories, financiers) for Wagtail's usage pages.
    ReferenceIndex.create_or_update_for_object(version)
    changes.sort(lookups)
    log(version, SAVE_LINES, user=user, data=changes.summary())
    return changes
