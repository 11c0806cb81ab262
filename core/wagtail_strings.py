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
    # The empty list as a read-only role sees it (without the link to add one).
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    # The page editor (blog posts, events, standard pages)
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Changes requested %(finished_at)s"),
    # Wagtail's Swedish says "Förändringar begärdes vid <task>"; ours reads better.
    gettext_noop("Changes requested at"),
    # django-taggit (the tags field of posts) has no Swedish catalogue.
    gettext_noop("A comma-separated list of tags."),
    gettext_noop("Please provide a comma-separated list of tags."),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ),
    gettext_noop("View latest version"),
    gettext_noop("Anyone with editing permissions can create schedules"),
    gettext_noop("But only those with publishing permissions can make them effective."),
    gettext_noop("Minimap"),
    gettext_noop("Side panels"),
    gettext_noop("Side panel width"),
    gettext_noop("- Select an option -"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Button text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Empty heading found"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Show issue"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use proper heading tags"),
    gettext_noop(
        "A heading that identifies the overall topic of the table, and is useful for screen "
        "reader users."
    ),
    gettext_noop("Display the first column as a header"),
    gettext_noop("Display the first row AND first column as headers"),
    gettext_noop("Display the first row as a header"),
    gettext_noop("No headers"),
    gettext_noop("Select a header option"),
    gettext_noop("Table headers"),
    gettext_noop("Which cells should be displayed as headers?"),
    # The page explorer's count above its list ("1-5 of 5 pages")
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
]
