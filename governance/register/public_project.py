"""Which project a public request or page is about: the one question every public listing
asks before it shows work areas, activities, decisions or open data.

A project with a site of its own names the site's home page as its `public_root`
(governance/register/models.py); the project "owns" that site and every page below the home
page, in every language (an English home is a translation beside the Swedish one, not below
it). The main site (the default Site) is the first project's site and also lists them all.

An installation where no project names a public root has one project, as before there were
several: every public page is about the ongoing project, else the first. Once some project
names one, a site or page that no project owns is about none (None), never another
project's.
"""

from wagtail.models import Page, Site

from governance.register.models import Project

_REQUEST_CACHE = "_lagesbild_public_project"


def single_project():
    """The project of an installation without project sites: the ongoing one, else the
    first."""
    return Project.objects.filter(state=Project.State.ONGOING).first() or Project.objects.first()


def projects_with_sites():
    """The projects that own a site (a public root), in the register's order."""
    return Project.objects.filter(public_root__isnull=False).select_related("public_root")


def has_project_sites():
    return projects_with_sites().exists()


def _owner_of(page):
    """The project whose public root is the page, one of its ancestors, or a translation of
    one of them (the deepest, should roots nest); one query."""
    depth_paths = [page.path[: i * Page.steplen] for i in range(1, page.depth + 1)]
    keys = Page.objects.filter(path__in=depth_paths).values("translation_key")
    return (
        Project.objects.filter(public_root__translation_key__in=keys)
        .order_by("-public_root__depth", "pk")
        .first()
    )


def project_for_page(page, *, fallback=True):
    """The project the page is about. Without project sites, the single project (or None
    with fallback=False: "every project", as a blog without a project of its own lists
    every work area)."""
    if page is None:
        return single_project() if fallback and not has_project_sites() else None
    project = _owner_of(page)
    if project is not None or not fallback or has_project_sites():
        return project
    return single_project()


def project_for_site(site, *, fallback=True):
    """The project that owns the site (its root page is the project's public root)."""
    if site is None:
        return project_for_page(None, fallback=fallback)
    return project_for_page(site.root_page, fallback=fallback)


def project_for_request(request, *, fallback=True):
    """The project of the request's site, remembered on the request."""
    cache = getattr(request, _REQUEST_CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _REQUEST_CACHE, cache)
    if fallback not in cache:
        cache[fallback] = project_for_site(Site.find_for_request(request), fallback=fallback)
    return cache[fallback]


def is_main_site(site):
    """The default site: the first project's, and the one that lists every project (the
    landing page, the site-wide open data)."""
    return site is None or site.is_default_site


def site_wide(request):
    """Whether the request shows the whole installation (the main site, or an installation
    without project sites) rather than one project's site."""
    site = Site.find_for_request(request)
    return is_main_site(site) or project_for_site(site, fallback=False) is None
