"""The projects the main site lists on its home page, once there are several: each with its
state, its period and a link to its own site (or, without one, to its progress page).

Only projects with public pages are listed: a live progress page anyone may read, or a
public root (governance/register/public_project.py) that is live. A fixed number of
queries, whatever the number of projects."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from governance.register import public_project
from governance.register.models import Project
from governance.register.pages import ProjectPage


@dataclass
class ListedProject:
    project: Project
    url: str
    own_site: bool  # the link goes to the project's own site, not its progress page

    @property
    def state(self):
        return self.project.get_state_display()


def _in_locale(pages, locale):
    """{translation key: the page in the active language, else the first found}."""
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale_id == locale.pk:
            chosen[page.translation_key] = page
    return chosen


def listed_projects(request):
    """[ListedProject] in the register's order (newest period first)."""
    site = Site.find_for_request(request)
    locale = Locale.get_active()
    progress_by_project = {}
    for page in ProjectPage.objects.live().public().order_by("path"):
        best = progress_by_project.get(page.project_id)
        if best is None or (page.locale_id == locale.pk and best.locale_id != locale.pk):
            progress_by_project[page.project_id] = page
    projects = list(Project.objects.select_related("public_root"))
    root_keys = {p.public_root.translation_key for p in projects if p.public_root_id}
    roots = (
        _in_locale(Page.objects.live().public().filter(translation_key__in=root_keys), locale)
        if root_keys
        else {}
    )
    this_site_root = site.root_page.translation_key if site else None
    listed = []
    for project in projects:
        root = roots.get(project.public_root.translation_key) if project.public_root_id else None
        if root is not None and root.translation_key != this_site_root:
            listed.append(ListedProject(project, root.get_url(request), own_site=True))
        elif project.pk in progress_by_project:
            listed.append(
                ListedProject(project, progress_by_project[project.pk].get_url(request), False)
            )
    return listed


def directory_for(home, request):
    """The projects to list on `home`: on the main site's home page (in any language) when
    two or more projects have public pages; else []."""
    site = Site.find_for_request(request)
    if site is None or not public_project.is_main_site(site):
        return []
    if home.translation_key != site.root_page.translation_key:
        return []
    if not public_project.has_project_sites():
        return []
    listed = listed_projects(request)
    return listed if len(listed) > 1 else []
