"""Re-plannings on the public progress pages: which planned dates moved, and by which
decision (governance/register/replanning.py)."""

from django import template

from governance.register import replanning
from governance.register.models import Activity

register = template.Library()


@register.inclusion_tag("governance/includes/replannings.html")
def public_replannings(project=None, work_area=None, on=None):
    """The moves of public activities, of a project or of one work area, in one query;
    with `on`, those made by that day (governance/register/as_of.py)."""
    activities = Activity.objects.public()
    if work_area is not None:
        activities = activities.filter(work_area=work_area)
    else:
        activities = activities.filter(work_area__project=project)
    return {
        "replannings": [
            {"activity": moved.activity, "text": replanning.describe(moved)}
            for moved in replanning.public_replannings(activities, on=on)
        ]
    }
