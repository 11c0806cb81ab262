"""StreamField blocks that blog posts and events add to the site-wide body blocks."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from core.blocks import LinkBlock, body_blocks


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Leave empty to use the image title."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Gallery title"), required=False, max_length=200)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Images"), min_num=1)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=150)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blog/blocks/gallery_block.html"


class MediaLinkBlock(blocks.StructBlock):
    outlet = blocks.CharBlock(label=_("Outlet"), max_length=120, help_text=_("E.g. SVT Mittnytt"))
    title = blocks.CharBlock(label=_("Title of the feature"), max_length=250)
    url = blocks.URLBlock(label=_("Address"))
    date = blocks.DateBlock(label=_("Date"), required=False)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("tv", _("TV")),
            ("radio", _("Radio")),
            ("press", _("Newspaper")),
            ("web", _("Web")),
        ],
        default="press",
    )

    class Meta:
        icon = "link"
        label = _("Media link")


class MediaLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, default=_("In the media"))
    links = blocks.ListBlock(MediaLinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("In the media")
        template = "blog/blocks/media_links_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blog/blocks/call_to_action_block.html"


class PreformattedBlock(blocks.StructBlock):
    """Text whose line breaks and spaces are part of it: program code, a timetable, verse."""

    style = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("code", _("Program code")),
            ("preformatted", _("Preformatted text")),
            ("verse", _("Verse")),
        ],
        default="preformatted",
    )
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "code"
        label = _("Preformatted text")
        template = "blog/blocks/preformatted_block.html"


class MediaFileBlock(blocks.StructBlock):
    """A sound or video file to play on the page (a hosted video is an embed instead)."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"), choices=[("audio", _("Sound")), ("video", _("Video"))], default="audio"
    )
    url = blocks.URLBlock(label=_("Address of the file"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Sound or video file")
        template = "blog/blocks/media_file_block.html"


def table_code_and_media_blocks():
    """Tables, preformatted text (code, verse) and sound or video files: posts have them,
    and standard pages take the same blocks (website.models), so a page moved in from
    WordPress keeps its tables and code as a post does."""
    return [
        (
            "table",
            TableBlock(
                label=_("Table"),
                template="blog/blocks/table_block.html",
                table_options={"renderer": "text"},
            ),
        ),
        ("preformatted", PreformattedBlock()),
        ("media", MediaFileBlock()),
    ]


def post_body_blocks():
    return [
        *body_blocks(),
        ("gallery", GalleryBlock()),
        ("media_links", MediaLinksBlock()),
        ("call_to_action", CallToActionBlock()),
        *table_code_and_media_blocks(),
    ]
