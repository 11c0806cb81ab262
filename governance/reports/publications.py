"""What the site published in a report's period, as evidence of informing the public.

Governance owns this interface and knows no publishing app: an app that publishes (the blog)
registers a Wagtail hook under REPORT_PUBLICATIONS in its wagtail_hooks.py. Each hook is
called with the period's first and last day (dates, inclusive) and returns a list of dicts
{"title": str, "date": datetime.date, "kind": str}. With no such app installed the report
lists nothing.
"""

from wagtail import hooks

REPORT_PUBLICATIONS = "report_publications"


def publications(start, end):
    """Every registered app's publications in the period, by date (stable: each app's own
    order is kept within a day)."""
    items = []
    for publications_of_app in hooks.get_hooks(REPORT_PUBLICATIONS):
        items.extend(publications_of_app(start, end))
    return sorted(items, key=lambda item: item["date"])
