"""The public site speaks the language of the page it shows, not the reader's browser.

Pages are Swedish (LANGUAGE_CODE, addresses without a prefix) or English (under /en/):
Wagtail's own internationalisation (WAGTAIL_I18N_ENABLED, a locale per page, translations
made with wagtail.contrib.simple_translation), with Django's
i18n_patterns(prefix_default_language=False) around the public addresses (website/urls.py).
Django's LocaleMiddleware takes the language from the address, so a reader whose browser
prefers English still gets <html lang="sv"> and Swedish chrome ("Hoppa till
huvudinnehållet") around a Swedish page, which a screen reader then reads with a Swedish
voice (WCAG 3.1.1); an English page is English through and through. An address has one
language, so the page cache keeps one copy per address.

The admin is the exception: Wagtail follows each editor's preferred language there, and
before login (or without a preference) the browser's."""

from django.http import Http404
from django.utils import translation
from django.utils.cache import cc_delim_re

from core import fragments

# Addresses whose language is the user's, not the content's.
USER_LANGUAGE_PREFIXES = ("/admin/",)


class AdminLanguageMiddleware:
    """After LocaleMiddleware, which gives every address without a language prefix the
    default language: the admin's addresses get the browser's language instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(USER_LANGUAGE_PREFIXES):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class OneLanguagePerAddressMiddleware:
    """Before LocaleMiddleware, which declares `Vary: Accept-Language` on every address
    without a language prefix: a public address answers in one language whatever the
    browser asks, so a proxy or CDN may keep one copy of it for all readers. The admin,
    which follows the browser, keeps the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(USER_LANGUAGE_PREFIXES) or not response.has_header("Vary"):
            return response
        kept = [
            header
            for header in cc_delim_re.split(response["Vary"])
            if header.lower() != "accept-language"
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]
        return response


def serve_in_page_language(page, request):
    """Refuses a page asked for under another language's prefix.

    Wagtail routes /en/… through the English home page, or through the Swedish one while
    there is no English home: without this, /en/om-projektet/ would show the Swedish page
    with English chrome around it, at a second address. Which language a locale is stays
    remembered per fragment version (a saved locale moves it on), a query less per page."""
    code = fragments.cached(
        request, "locale-language", [page.locale_id], lambda: page.locale.language_code
    )
    if code != translation.get_language():
        raise Http404


def language_name(code):
    """The language's name in itself ("Svenska", "English"), as a language switcher says it."""
    return translation.get_language_info(code)["name_local"].capitalize()
