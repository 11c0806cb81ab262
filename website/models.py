from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import table_code_and_media_blocks
from core.blocks import LinkBlock, body_blocks


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from blog.listings import home_page_slots  # lazily: the blog app loads after this one

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_slots(self))
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    # A post's tables, code and media too: a page moved in from WordPress keeps them.
    body = StreamField(
        [*body_blocks(), *table_code_and_media_blocks()], verbose_name=_("body"), blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AccessibilityStatementPage(Page):
    """The tillgänglighetsredogörelse Swedish public bodies must publish (DOS-lagen)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    compliance = models.CharField(
        _("compliance with WCAG 2.1 AA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    known_issues = RichTextField(_("known accessibility issues"), blank=True)
    feedback_email = models.EmailField(_("email for accessibility feedback"))
    assessed_on = models.DateField(_("last assessed on"))
    body = StreamField(body_blocks(), verbose_name=_("more information"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("compliance"),
        FieldPanel("known_issues"),
        FieldPanel("feedback_email"),
        FieldPanel("assessed_on"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    class Colours(models.TextChoices):
        """Colour schemes the site's stylesheet defines, each with white text on its
        colours at WCAG AA contrast or better; a free colour could not promise that."""

        BLUE = "bla", _("blue")
        GREEN = "gron", _("green")
        RED = "rod", _("red")
        PURPLE = "lila", _("purple")

    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    owner_name = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("Who runs the site and answers for it, e.g. “Örnsköldsviks kommun”."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header beside the organisation name, 48 pixels high."),
    )
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=10,
        choices=Colours.choices,
        default=Colours.BLUE,
        help_text=_("The header's and links' colour, e.g. the owner's profile colour."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    footer_links = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True)
    social_links = StreamField(
        [("link", LinkBlock())], verbose_name=_("social media links"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("owner_name"),
                FieldPanel("logo"),
                FieldPanel("colour"),
                FieldPanel("tagline"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")
