from django import template

from wagtail.models import Site

from governance.register import progress
from governance.register.pages import ProjectPage

register = template.Library()


@register.inclusion_tag("governance/includes/home_work_areas.html", takes_context=True)
def work_area_overview(context):
    """The work areas of the site's project with their progress, for the home page."""
    request = context["request"]
    site = Site.find_for_request(request)
    project_page = (
        ProjectPage.objects.live().public().descendant_of(site.root_page).first() if site else None
    )
    if project_page is None:
        return {"work_areas": []}
    return {
        "request": request,
        "project_page": project_page,
        "work_areas": progress.work_area_summaries(project_page.project),
    }
