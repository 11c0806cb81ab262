"""A page served without asking which view restrictions apply, when the installation has
none: Wagtail asks on every page it serves (the page's ancestors, then their restrictions:
two queries), although most sites restrict no page at all.

Whether any view restriction exists is remembered per fragment version (core/fragments.py),
which moves on when a view restriction is saved or deleted: a new restriction holds from the
next request on. Where one exists, every page is checked as Wagtail checks it."""

from wagtail.models import PageViewRestriction

from core import fragments


class RememberedViewRestrictions:
    """For page models: the view restrictions of a page that `note_unrestricted` marked are
    none, without a query."""

    def get_view_restrictions(self):
        if getattr(self, "_none_exist_in_installation", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def note_unrestricted(request, page):
    """Marks the page being served when the installation has no view restriction."""
    exists = fragments.cached(
        request, "view-restrictions-exist", [], PageViewRestriction.objects.exists
    )
    if not exists:
        page._none_exist_in_installation = True
