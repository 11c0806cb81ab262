"""Site search over every live, public page."""

from django.core.paginator import Paginator

from wagtail.models import Page

RESULTS_PER_PAGE = 10


def search_pages(query, *, page_number=1):
    """A page of results for the query, or None when there is nothing to search for."""
    query = (query or "").strip()
    if not query:
        return None
    results = Page.objects.live().public().specific().search(query)
    return Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
