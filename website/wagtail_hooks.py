from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature

from . import language

ENGLISH_PASSAGE = "lang-en"


@hooks.register("register_rich_text_features")
def register_english_passage(features):
    """An inline style that marks a passage as English (<span lang="en">), so that a screen
    reader reads it with an English voice inside a Swedish page (WCAG 3.1.2). On in every
    rich text field that uses the default features."""
    style = "LANG_EN"
    features.register_editor_plugin(
        "draftail",
        ENGLISH_PASSAGE,
        InlineStyleFeature(
            {
                "type": style,
                "label": "EN",
                "description": _("English passage"),
                "style": {"textDecoration": "underline dotted"},
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        ENGLISH_PASSAGE,
        {
            "from_database_format": {'span[lang="en"]': InlineStyleElementHandler(style)},
            "to_database_format": {
                "style_map": {style: {"element": "span", "props": {"lang": "en"}}}
            },
        },
    )
    features.default_features.append(ENGLISH_PASSAGE)


@hooks.register("before_serve_page")
def serve_in_page_language(page, request, serve_args, serve_kwargs):
    language.serve_in_page_language(page, request)
