"""The dashboard panels of the steering group and the project leaders (Wagtail's
construct_homepage_panels hook, registered in governance/wagtail_hooks.py). What they list
is gathered by governance/workspace/dashboard.py."""

from django.forms import Media

from wagtail.admin.ui.components import Component

from governance.workspace import dashboard

DASHBOARD_CSS = Media(css={"all": ["governance/workspace/dashboard.css"]})


class SteeringGroupPanel(Component):
    name = "steering_group_work"
    template_name = "governance/workspace/steering_group_panel.html"
    order = 50

    media = DASHBOARD_CSS

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"work": dashboard.steering_group_work(self.user)}


class ProjectLeaderPanel(Component):
    name = "project_leader_work"
    template_name = "governance/workspace/project_leader_panel.html"
    order = 60

    media = DASHBOARD_CSS

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"sections": dashboard.project_leader_work(self.user)}


class MissingAddressesPanel(Component):
    """A warning: someone who must get mail (steering group, project leaders) has no
    address, so submissions and reminders would not reach them."""

    name = "members_without_address"
    template_name = "governance/workspace/missing_addresses_panel.html"
    order = 40
    media = DASHBOARD_CSS

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


def add_panels(request, panels):
    user = request.user
    if missing := dashboard.members_without_address(user):
        panels.append(MissingAddressesPanel(missing))
    if dashboard.is_steering_group(user):
        panels.append(SteeringGroupPanel(user))
    if dashboard.is_project_leader(user):
        panels.append(ProjectLeaderPanel(user))
