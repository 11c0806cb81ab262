from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from comments.moderation import COMMENT_RECIPIENTS
from governance.budget.admin import BUDGET_VIEWSETS
from governance.cofinancing.admin import COFINANCING_VIEWSETS
from governance.decisions import services
from governance.decisions.admin import DECISION_VIEWSETS, meeting_document_urls
from governance.funder_report.admin import FUNDER_REPORT_VIEWSETS
from governance.register import activity_plan, lifecycle, project_groups, replanning, site_history
from governance.register.admin import REGISTER_VIEWSETS
from governance.reports.admin import REPORT_VIEWSETS
from governance.workspace import panels as workspace_panels


class GovernanceViewSetGroup(ModelViewSetGroup):
    """The "Styrning" menu: every governance view, one entry per kind of record."""

    menu_label = _("Governance")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = [
        *REGISTER_VIEWSETS,
        *BUDGET_VIEWSETS,
        *COFINANCING_VIEWSETS,
        *DECISION_VIEWSETS,
        *REPORT_VIEWSETS,
        *FUNDER_REPORT_VIEWSETS,
    ]


@hooks.register("register_admin_viewset")
def register_governance_viewsets():
    return GovernanceViewSetGroup()


@hooks.register("register_admin_urls")
def register_meeting_document_urls():
    return meeting_document_urls()


def decision_log_formatter(label, message):
    """A log line that names the decision number, e.g. "Changed by decision 2013:04"."""

    class DecisionLogFormatter(LogFormatter):
        def format_message(self, log_entry):
            return message % {
                "decision": log_entry.data.get("decision", ""),
                "revoked": log_entry.data.get("revoked", ""),
                "change": log_entry.data.get("change", ""),
            }

    DecisionLogFormatter.label = label
    return DecisionLogFormatter


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    for action, label, message in [
        (services.REVOKE, _("Revoke decision"), _("Revoked decision %(revoked)s")),
        (services.REVOKED, _("Revoked"), _("Revoked by decision %(decision)s")),
        (services.GRANT, _("Grant"), _("Granted by decision %(decision)s")),
        (services.REJECT, _("Reject"), _("Rejected by decision %(decision)s")),
        (services.APPLY, _("Change by decision"), _("%(change)s: by decision %(decision)s")),
        (services.SUBMIT, _("Submit"), _("Submitted to the steering group")),
        (services.PUBLISH_AGENDA, _("Publish agenda"), _("Agenda published")),
        (services.MARK_HELD, _("Mark as held"), _("Marked as held")),
        (services.APPROVE_MINUTES, _("Approve minutes"), _("Minutes approved")),
        (lifecycle.START, _("Start the project"), _("Project started")),
        (lifecycle.CLOSE, _("Close the project"), _("Project closed")),
    ]:
        actions.register_action(action)(decision_log_formatter(label, message))
    register_activity_log_actions(actions)


def register_activity_log_actions(actions):
    """An activity's history says what moved and what an import changed."""

    class ReplanFormatter(LogFormatter):
        label = _("Re-plan")

        def format_message(self, log_entry):
            return log_entry.data.get("change", "")

    class PlanImportFormatter(LogFormatter):
        label = _("Activity plan import")

        def format_message(self, log_entry):
            return _("Updated by the activity plan import: %(columns)s") % {
                "columns": log_entry.data.get("columns", "")
            }

    actions.register_action(replanning.REPLAN)(ReplanFormatter)
    actions.register_action(activity_plan.PLAN_IMPORT)(PlanImportFormatter)


@hooks.register("construct_homepage_panels")
def add_workspace_panels(request, panels):
    """What the steering group and the project leaders should do next."""
    workspace_panels.add_panels(request, panels)


@hooks.register(COMMENT_RECIPIENTS)
def comment_recipients(page):
    """The current project leaders (memberships of the project management) of the project
    the commented page is about (governance/register/public_project.py), for the comments'
    mail to the moderators."""
    from governance.decisions.notifications import project_leader_addresses
    from governance.register.public_project import project_for_page

    project = project_for_page(page)
    return project_leader_addresses(project) if project is not None else []


@hooks.register("construct_homepage_panels")
def prime_review_checks(request, panels):
    """One query for the review tasks of all projects, not one per project."""
    project_groups.prime_review_checks(request.user)


@hooks.register("construct_reports_menu")
def hide_site_history_from_project_members(request, menu_items):
    """The site history spans every project (governance/register/site_history.py)."""
    if not site_history.is_shown_to(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
