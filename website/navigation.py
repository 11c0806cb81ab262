"""Main navigation built from the page tree."""

from wagtail.models import Page

from core.locales import home_page


def main_menu_pages(request):
    """Live pages directly under the home page of the language shown that editors marked
    'show in menus'."""
    home = home_page(request)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu().specific(defer=True)
