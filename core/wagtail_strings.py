"""Wagtail admin strings that Wagtail's own Swedish catalogue lacks, listed here so that
`makemessages` keeps them in the project's catalogue (locale/sv), which Django consults
before Wagtail's (LOCALE_PATHS come first). Nothing imports this module; the msgids must
stay exactly as Wagtail writes them."""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = [
    gettext_noop("Actions (footer)"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Saved"),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("To be created by %(user)s"),
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
]
