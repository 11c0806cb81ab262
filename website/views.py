from urllib.parse import urlencode

from django.shortcuts import render

from wagtail.contrib.search_promotions.models import Query

from .search import search_pages


def search(request):
    query = request.GET.get("q", "").strip()
    results = search_pages(query, page_number=request.GET.get("sida"))
    if query:
        Query.get(query).add_hit()
    context = {
        "search_query": query,
        "results": results,
        "extra_query": urlencode({"q": query}),
    }
    return render(request, "search/search.html", context)
