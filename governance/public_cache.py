"""The public pages that show governance data, purged from the page cache when it changes
(core/cache.py).

The one place is here: the post_save and post_delete signals of the models readers see,
which every admin form, service, spreadsheet import and the demo go through. The services
that change such a record with a queryset update instead of a save (revoking a decision,
carrying out a granted change request) call `changed()` themselves.

Readers see governance data on the progress pages (the project, its work areas, their
public activities, milestones and re-plannings with the decisions behind them, the bodies'
members and organisations, the approved budget whose decision is public with each
financier's share), the home page's work-area summary and the decision register
(decisions and approved minutes, revoked or withheld as visibility.py says). A project's
or work area's name is also a category of the blog and the calendar: changing one empties
the whole cache. A status report reaches readers as a blog post, purged when published.

Every such change also sends `data_changed`, and so do changes of what only the open data
publishes (indicators and their values, cost category names): the open data (opendata/)
dates its datasets from it.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from core import cache

# Sent at every change of governance data the public sees, before the commit; a receiver
# that writes waits for the commit itself (opendata/updates.py).
data_changed = Signal()


def shown_pages(project_id=None):
    """The progress pages, the decision registers and the home pages that show a project's
    data (every project's without `project_id`): the home pages of the sites their progress
    pages are on, in every language, whose work-area summary lists them."""
    from wagtail.models import Page, Site

    from governance.decisions.models import DecisionRegisterPage
    from governance.register.pages import ProjectPage

    progress = ProjectPage.objects.all()
    registers = DecisionRegisterPage.objects.all()
    if project_id is None:
        homes = [site.root_page for site in Site.objects.select_related("root_page")]
        return [*progress, *registers, *homes], []
    progress = list(progress.filter(project_id=project_id))
    registers = list(registers.filter(project_id=project_id))
    home_paths = {page.path[: 2 * Page.steplen] for page in [*progress, *registers]}
    homes = Page.objects.filter(path__in=home_paths, depth=2) if home_paths else []
    return [*progress, *registers, *homes], []


def changed(instance=None, **kwargs):
    """Purges the pages that show the changed record's project's data (every project's for
    shared records: people, organisations), once per project when the transaction commits."""
    from governance.register.access import project_ids_of

    project_ids = project_ids_of(instance) if instance is not None else None
    if not project_ids:
        cache.purge_when_committed("governance", shown_pages)
    else:
        for project_id in project_ids:
            cache.purge_when_committed(
                ("governance", project_id), lambda project_id=project_id: shown_pages(project_id)
            )
    announce()


def renamed(**kwargs):
    cache.invalidate_public_pages()
    announce()


def announce(**kwargs):
    """Tells the receivers of `data_changed` (the open data's update date) that public data
    changed; on its own for data no page shows."""
    data_changed.send(sender=announce)


def connect():
    from governance.budget.models import BudgetVersion, CostCategory, Financier
    from governance.decisions.models import Decision, Meeting
    from governance.register.models import (
        Activity,
        Membership,
        Milestone,
        Organisation,
        Person,
        Project,
        Replanning,
        WorkArea,
    )
    from governance.reports.models import Indicator, IndicatorValue

    for receiver, models in (
        (changed, [Activity, Milestone, Replanning, Membership, Person, Organisation]),
        (changed, [Decision, Meeting, BudgetVersion, Financier]),
        (renamed, [Project, WorkArea]),
        (announce, [Indicator, IndicatorValue, CostCategory]),
    ):
        for model in models:
            uid = f"governance-public-cache-{model.__name__}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
