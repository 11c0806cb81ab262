"""Main navigation built from the page tree."""

from wagtail.models import Page, Site


def main_menu_pages(request):
    """Live pages directly under the site's root that editors marked 'show in menus'."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu().specific(defer=True)
