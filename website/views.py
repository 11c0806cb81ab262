from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from core.locales import home_page
from governance.register import public_project
from governance.register.models import WorkArea

from .search import (
    KINDS,
    MAX_QUERY_WORDS,
    SearchQuery,
    highlight,
    kind_label,
    search_pages,
    summary_text,
)


def search(request):
    query = SearchQuery.from_input(request.GET.get("q", ""))
    kind = request.GET.get("typ", "")
    kind = kind if kind in KINDS else ""
    scope = search_scope(request)
    work_areas = WorkArea.objects.select_related("project")
    if scope["project"] is not None:
        work_areas = work_areas.filter(project=scope["project"])
    work_areas = list(work_areas)
    work_area = next((a for a in work_areas if str(a.pk) == request.GET.get("omrade")), None)
    results = search_pages(
        query,
        page_number=request.GET.get("sida"),
        kind=kind or None,
        work_area=work_area,
        within=scope["within"],
    )
    if query.words:
        Query.get(query.searched).add_hit()
    if results:
        for result in results:
            result.highlighted_summary = highlight(summary_text(result), query.words)
            result.kind_label = kind_label(result)
    extra_query = {"q": query.text, "typ": kind, "omrade": work_area.pk if work_area else ""}
    if scope["projects"]:
        extra_query["projekt"] = scope["project"].slug if scope["project"] else ""
    context = {
        "search_query": query.text,
        "search_asked": query.asked,
        "words_dropped": query.words_dropped,
        "max_words": MAX_QUERY_WORDS,
        "results": results,
        "kinds": KINDS.items(),
        "selected_kind": kind,
        "work_areas": work_areas,
        "selected_work_area": work_area,
        "projects": scope["projects"],
        "selected_project": scope["project"] if scope["projects"] else None,
        "extra_query": urlencode(extra_query),
    }
    return render(request, "search/search.html", context)


def search_scope(request):
    """Where the search looks, by the site it is asked on (governance/register/
    public_project.py):

    - a project's own site: that site's pages, and its project's work areas;
    - the main site, when projects have sites of their own: every project's pages, as a
      visitor of the page that lists the projects expects, with a choice of one project
      (`?projekt=<slug>`: that project's site);
    - an installation without project sites: every page, every work area, as always.

    {"within": the home page searched below or None for every page, "project": the project
    whose work areas are offered or None for all, "projects": the projects offered}."""
    if not public_project.has_project_sites():
        return {"within": None, "project": None, "projects": []}
    site = Site.find_for_request(request)
    if not public_project.is_main_site(site):
        project = public_project.project_for_site(site)
        return {"within": home_page(request), "project": project, "projects": []}
    projects = list(public_project.projects_with_sites())
    if len(projects) < 2:
        return {"within": home_page(request), "project": projects[0], "projects": []}
    chosen = next((p for p in projects if p.slug == request.GET.get("projekt")), None)
    within = chosen.public_root.localized if chosen else None
    return {"within": within, "project": chosen, "projects": projects}


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /sok/",
        # The Site record's address, like the sitemap's own entries, not the request's host.
        f"Sitemap: {Site.find_for_request(request).root_url}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
