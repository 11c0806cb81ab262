"""The site's home page in the language being shown.

With Wagtail's internationalisation every language has a home page of its own: the Site
record's root page is the Swedish one, its translations (the English home, under /en/) sit
beside it. Menus, listings and "find the blog" look below the home page of the language
the reader is shown (website/language.py), never below the Swedish one alone."""

from wagtail.models import Site


def home_page(request):
    """The request's site's home page in the active language (the default language's while
    it has no translation), remembered on the request; None without a site."""
    if not hasattr(request, "_localized_home_page"):
        site = Site.find_for_request(request)
        request._localized_home_page = site.root_page.localized if site else None
    return request._localized_home_page


def site_pages(site):
    """Every page of the site, in every language: below the root and below its
    translations, which are not below it."""
    from wagtail.models import Page

    roots = site.root_page.get_translations(inclusive=True)
    query = None
    for root in roots:
        part = Page.objects.descendant_of(root, inclusive=True)
        query = part if query is None else query | part
    return query


def publish_translation(page, language_code, **fields):
    """The page's translation into the language, made as simple_translation makes it
    (copy_for_translation, below the parent's translation) and published with the fields
    given; found, unchanged, when it exists already (the demo runs again)."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
