"""The public site speaks the language of its content, not the reader's browser.

The content is Swedish (LANGUAGE_CODE), so a reader whose browser prefers English still
gets <html lang="sv"> and Swedish chrome ("Hoppa till huvudinnehållet") around the Swedish
text: a screen reader then reads it with a Swedish voice (WCAG 3.1.1). Django's
LocaleMiddleware keeps choosing the language for the admin, where Wagtail follows each
editor's own preferred language."""

from django.conf import settings
from django.utils import translation

# Addresses whose language is the user's, not the content's.
USER_LANGUAGE_PREFIXES = ("/admin/",)


class ContentLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(USER_LANGUAGE_PREFIXES):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
