"""Main navigation built from the page tree."""

from wagtail.models import Page

from core.locales import home_page


def public(pages, request=None):
    """`pages.public()`, with the site's private sections read once per request (the menu
    and the language switcher of every page both ask)."""
    if request is None:
        return pages.public()
    private = getattr(request, "_private_pages_q", None)
    if private is None:
        private = request._private_pages_q = pages.private_q()
    return pages.exclude(private)


def main_menu_pages(request):
    """Live pages directly under the home page of the language shown that editors marked
    'show in menus'."""
    home = home_page(request)
    if home is None:
        return Page.objects.none()
    return public(home.get_children().live(), request).in_menu().specific(defer=True)
