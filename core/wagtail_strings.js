// Wagtail admin strings of its scripts (the djangojs catalogue served at /admin/jsi18n/)
// that Wagtail's Swedish catalogue lacks, listed here so that `makemessages -d djangojs`
// keeps them in the project's catalogue (locale/sv/LC_MESSAGES/djangojs.po), which Django
// merges over Wagtail's. No page loads this file; the msgids must stay exactly as Wagtail
// writes them. See wagtail_strings.py for the strings of its Python and templates.
gettext("A network error occurred.");
gettext("A server error occurred.");
gettext("Autosave in progress…");
gettext("Changes have been autosaved.");
gettext("%(num)s min");
gettext("Complex");
gettext("Fair");
gettext("Good");
gettext("Pin toolbar");
gettext("Unpin toolbar");
gettext("Search options…");
gettext("%(time_zone_option)s: %(localized_time_zone_label)s");
