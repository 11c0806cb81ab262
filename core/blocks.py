"""StreamField blocks shared by every page type that has a body."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe the image for readers who cannot see it. Leave empty to use the image title."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=150)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)
    language = blocks.ChoiceBlock(
        label=_("Language of the quote"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "Only when it is not the page's language: a screen reader then reads the quote "
            "with the right voice."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Address of video or audio"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Embedded media")
        template = "blocks/embed_block.html"


class LinkValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=150)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or an address elsewhere"), required=False)

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return cleaned

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkValue


def body_blocks():
    """The blocks every page body offers; page types may add their own."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", blocks.RichTextBlock(label=_("Paragraph"), icon="pilcrow")),
        ("image", CaptionedImageBlock()),
        ("quote", QuoteBlock()),
        ("embed", EmbedWithCaptionBlock()),
        ("document", DocumentLinkBlock()),
    ]
