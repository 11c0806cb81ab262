"""The budget's state changes: a new draft from a version, and the approval that makes a
version the budget in force. The admin, decisions (a granted change request), the demo
and the tests all go through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from governance.budget.models import BudgetLine, BudgetVersion

APPROVE = "lagesbild.budget.approve"


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
