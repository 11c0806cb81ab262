"""{% data_lang %}: a built-in tag (TEMPLATES' "builtins"), so every app's templates have it.

Names, goals, titles and biographies that editors keep outside pages (project data,
snippets, site settings) are written in the site's default language (LANGUAGE_CODE) and
shown on the English pages too: an element holding such text gets ` lang="sv"` there, so
a screen reader switches voice for it (WCAG 3.1.2); on Swedish pages the tag adds nothing.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def data_lang():
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
