from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature

from core.admin_views import policy_menu_item

from . import views
from .models import WordPressImport


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.IndexView.as_view(), name="index"),
        path("<int:pk>/", views.DetailView.as_view(), name="detail"),
        path("<int:pk>/bekrafta/", views.ConfirmView.as_view(), name="confirm"),
        path("<int:pk>/forsok-igen/", views.RetryView.as_view(), name="retry"),
    ]
    return [path("wordpress-import/", include((urls, "wordpress_import")))]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return policy_menu_item(WordPressImport, ["add"])(
        _("Import from WordPress"),
        reverse("wordpress_import:index"),
        icon_name="upload",
        order=900,
    )


# Inline elements WordPress posts use that change what the text says: struck-through (<del>,
# <s>) means the opposite of the plain words, <ins> what replaced them. They are kept by
# the conversion (conversion.RICH_TEXT_INLINE) and editable in every rich text field that
# uses the default features, so that an editor who opens an imported post keeps them too.
INLINE_STYLES = [
    # (feature, element, Draftail style, label, description)
    ("deleted", "del", "DELETED", "del", _("Deleted text")),
    ("inserted", "ins", "INSERTED", "ins", _("Inserted text")),
    ("mark", "mark", "MARK", "☰", _("Highlighted text")),
    ("keyboard", "kbd", "KEYBOARD", "⌨", _("Keyboard key")),
    ("citation", "cite", "CITATION", "cite", _("Title of a work")),
]
BUILT_IN_INLINE = ["strikethrough", "superscript", "subscript", "code"]


@hooks.register("register_rich_text_features")
def register_inline_styles(features):
    for feature, element, style, label, description in INLINE_STYLES:
        features.register_editor_plugin(
            "draftail",
            feature,
            InlineStyleFeature({"type": style, "label": label, "description": description}),
        )
        features.register_converter_rule(
            "contentstate",
            feature,
            {
                "from_database_format": {element: InlineStyleElementHandler(style)},
                "to_database_format": {"style_map": {style: element}},
            },
        )
    for feature in [*BUILT_IN_INLINE, *(entry[0] for entry in INLINE_STYLES)]:
        if feature not in features.default_features:
            features.default_features.append(feature)
