from django import template

from core import tree
from core.locales import home_page
from governance.register import progress
from governance.register.pages import ProjectPage

register = template.Library()


@register.inclusion_tag("governance/includes/home_work_areas.html", takes_context=True)
def work_area_overview(context):
    """The work areas of the site's project with their progress, for the home page."""
    request = context["request"]
    home = home_page(request)
    project_page = tree.below(ProjectPage.objects.live().public(), home).first() if home else None
    if project_page is None:
        return {"work_areas": []}
    return {
        "request": request,
        "project_page": project_page,
        "work_areas": progress.work_area_summaries(project_page.project),
    }
