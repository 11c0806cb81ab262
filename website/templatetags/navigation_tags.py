from django import template
from django.conf import settings
from django.utils import translation

from core import fragments
from core.locales import home_page
from website.language import language_name
from website.navigation import main_menu_pages, public

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The menu's (url, title, is_current); its pages are read once per site, language and
    fragment version (core/fragments.py)."""
    request = context["request"]
    current = context.get("page")
    current_path = current.url_path if current else ""
    pages = fragments.cached(
        request,
        "main-menu",
        [],
        lambda: [
            (menu_page.get_url(request), menu_page.title, menu_page.url_path)
            for menu_page in main_menu_pages(request)
        ],
    )
    items = [(url, title, current_path.startswith(path)) for url, title, path in pages]
    return {"menu_items": items}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page of the language shown: / or /en/."""
    home = home_page(context["request"])
    return home.get_url(context["request"]) if home else "/"


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """The live, public versions of the page in each language, the default language's
    first, for the language switcher and the head's hreflang links; empty when the page
    has no translation. Each is a dict: code, name (in the language itself), url,
    full_url, is_current, x_default. Read once per page, site, language and fragment
    version (core/fragments.py)."""
    if page is None or not getattr(page, "pk", None):
        return []
    request = context["request"]
    return fragments.cached(
        request, "page-translations", [page.pk], lambda: _page_translations(request, page)
    )


def _page_translations(request, page):
    versions = list(
        public(page.get_translations(inclusive=True).live(), request).select_related("locale")
    )
    if len(versions) < 2:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    versions.sort(key=lambda version: order.index(version.locale.language_code))
    return [
        {
            "code": version.locale.language_code,
            "name": language_name(version.locale.language_code),
            "url": version.get_url(request),
            "full_url": version.get_full_url(request),
            "is_current": version.pk == page.pk,
            "x_default": version.locale.language_code == settings.LANGUAGE_CODE,
        }
        for version in versions
    ]


@register.simple_tag
def open_graph_locale():
    """og:locale of the language shown: sv_SE, en_GB."""
    return {"sv": "sv_SE", "en": "en_GB"}.get(translation.get_language(), "sv_SE")
