from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

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
    work_areas = list(WorkArea.objects.select_related("project"))
    work_area = next((a for a in work_areas if str(a.pk) == request.GET.get("omrade")), None)
    results = search_pages(
        query, page_number=request.GET.get("sida"), kind=kind or None, work_area=work_area
    )
    if query.words:
        Query.get(query.searched).add_hit()
    if results:
        for result in results:
            result.highlighted_summary = highlight(summary_text(result), query.words)
            result.kind_label = kind_label(result)
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
        "extra_query": urlencode(
            {"q": query.text, "typ": kind, "omrade": work_area.pk if work_area else ""}
        ),
    }
    return render(request, "search/search.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /sok/",
        # The Site record's address, like the sitemap's own entries, not the request's host.
        f"Sitemap: {Site.find_for_request(request).root_url}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
