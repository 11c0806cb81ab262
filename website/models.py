from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import table_code_and_media_blocks
from core import fragments, view_restrictions
from core.blocks import LinkBlock, body_blocks
from core.page_forms import PageForm
from core.view_restrictions import RememberedViewRestrictions

from .accessibility import ExemptionBlock, LackOfComplianceBlock


class HomePage(RememberedViewRestrictions, Page):
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

    base_form_class = PageForm
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

    # One home page per site: a project with its own site has its own home page.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @property
    def localized_draft(self):
        """Wagtail's (routing starts from it), without asking the database which locale is
        active when it is this page's own language, as core/fragments.py remembers it."""
        if getattr(self, "remembered_language", None) == translation.get_language():
            return self
        return super().localized_draft

    def route(self, request, path_components):
        """As Wagtail routes, with less asked of the database: the page right under the home
        page that the address names (the blog, the calendar…) is remembered as its specific
        model per site, language and fragment version (core/fragments.py: publishing,
        moving, renaming or unpublishing any page moves it on), and the page served is
        spared Wagtail's view-restriction queries while no restriction exists."""
        result = self._route_below(request, path_components)
        view_restrictions.note_unrestricted(request, result.page)
        return result

    def _route_below(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        child = fragments.cached(
            request, "child-page", [self.pk, slug], lambda: self._specific_child(slug)
        )
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, remaining)

    def _specific_child(self, slug):
        found = self.get_children().filter(slug=slug).values_list("pk", "content_type").first()
        model = ContentType.objects.get_for_id(found[1]).model_class() if found else None
        return model._default_manager.filter(pk=found[0]).first() if model else None

    def get_context(self, request, *args, **kwargs):
        from blog.listings import home_page_slots  # lazily: the blog app loads after this one
        from governance.register.directory import directory_for

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_slots(self))
        # The main site's home lists the projects, once several have public pages.
        context["project_directory"] = directory_for(self, request)
        return context


class StandardPage(RememberedViewRestrictions, Page):
    intro = models.TextField(_("introduction"), blank=True)
    # A post's tables, code and media too: a page moved in from WordPress keeps them.
    body = StreamField(
        [*body_blocks(), *table_code_and_media_blocks()], verbose_name=_("body"), blank=True
    )

    base_form_class = PageForm
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AccessibilityStatementPage(RememberedViewRestrictions, Page):
    """The tillgänglighetsredogörelse Swedish public bodies must publish (DOS-lagen), with a
    field for every section of Digg's template; the template writes the law's fixed text
    (enforcement, the standard) around them."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class TestingMethod(models.TextChoices):
        SELF_ASSESSMENT = "self", _("a self-assessment (our own testing)")
        EXTERNAL = "external", _("an audit by an external party")
        BOTH = "both", _("a self-assessment and an audit by an external party")

    operator = models.CharField(
        _("who runs the website"),
        max_length=200,
        blank=True,
        help_text=_("The public body responsible. Empty: the owner in the site settings."),
    )
    site_published_on = models.DateField(_("website published on"), null=True, blank=True)
    known_issues = RichTextField(
        _("how accessible is the website?"),
        blank=True,
        help_text=_(
            "For readers: what does not work and for whom, by situation of use (without "
            "sight, with low vision, without hearing, with reduced motor skills…)."
        ),
    )
    feedback_email = models.EmailField(_("email for accessibility feedback"))
    feedback_phone = models.CharField(
        _("phone for accessibility feedback"), max_length=50, blank=True
    )
    response_days = models.PositiveSmallIntegerField(
        _("we usually answer within (working days)"), default=5
    )
    compliance = models.CharField(
        _("compliance with WCAG 2.1 AA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    lack_of_compliance = StreamField(
        [("problem", LackOfComplianceBlock())],
        verbose_name=_("lack of compliance with the requirements"),
        blank=True,
        help_text=_("Every failure we know of, with the WCAG success criteria it fails."),
    )
    disproportionate_burden = StreamField(
        [("exemption", ExemptionBlock())],
        verbose_name=_("disproportionate burden (section 12 of the law)"),
        blank=True,
    )
    outside_scope = StreamField(
        [("exemption", ExemptionBlock())],
        verbose_name=_("content outside the scope of the law (section 9)"),
        blank=True,
        help_text=_("E.g. documents published before 23 September 2018, third-party content."),
    )
    testing_method = models.CharField(
        _("how the website was tested"),
        max_length=10,
        choices=TestingMethod.choices,
        default=TestingMethod.SELF_ASSESSMENT,
    )
    testing_description = RichTextField(
        _("what was tested, and how"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    assessed_on = models.DateField(_("last assessed on"))
    body = StreamField(body_blocks(), verbose_name=_("more information"), blank=True)

    base_form_class = PageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("operator"), FieldPanel("site_published_on")], heading=_("The website")
        ),
        FieldPanel("known_issues"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
                FieldPanel("response_days"),
            ],
            heading=_("If you cannot use part of the website"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("lack_of_compliance"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("outside_scope"),
            ],
            heading=_("Technical information and content that is not accessible"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("testing_method"),
                FieldPanel("testing_description"),
                FieldPanel("assessed_on"),
            ],
            heading=_("How we tested the website"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("known_issues"),
        index.SearchField("lack_of_compliance"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_site(self.get_site())
        context["operator"] = self.operator or site_settings.owner_name
        context["site_name"] = site_settings.organisation_name or self.get_site().site_name
        return context


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
    funder_statement = models.TextField(
        _("funder statement"),
        blank=True,
        help_text=_(
            "The sentence the financiers' publicity rules ask for, shown on the project "
            "pages, e.g. “The project is co-financed by the European Union.”"
        ),
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
                FieldPanel("funder_statement"),
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
