"""The public blog, news and events: authors, posts filed under the project's work areas,
an index with category, tag, archive and author listings and feeds, and a calendar."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from core import fragments
from core.blocks import body_blocks
from core.page_forms import PageForm
from core.view_restrictions import RememberedViewRestrictions

from . import calendar, feeds, listings
from .blocks import post_body_blocks
from .forms import BlogPostForm, ProjectWorkAreasForm


class Author(index.Indexed, models.Model):
    """Who signs a post: a project leader, a colleague, or a guest writer from a partner."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Part of the address of the author's page. Filled in from the name."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role_title = models.CharField(_("role title"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_guest = models.BooleanField(
        _("guest writer"),
        default=False,
        help_text=_("Posts by guest writers are marked “Guest post”."),
    )
    person = models.ForeignKey(
        "governance.Person",
        verbose_name=_("person in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blog_authors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blog_author",
        help_text=_("A guest writer with this account signs their posts as this author only."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("role_title")]),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("is_guest"),
        FieldPanel("person"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.name)[:190] or "skribent"
        slug, number = base, 1
        while Author.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class BlogIndexPage(RememberedViewRestrictions, RoutablePageMixin, Page):
    """The blog (or a news section): lists its posts and offers category, tag, archive and
    author listings and feeds under Swedish addresses."""

    class FeedContent(models.TextChoices):
        SUMMARY = "summary", _("summary only")
        FULL = "full", _("full text")

    intro = models.TextField(_("introduction"), blank=True)
    project = models.ForeignKey(
        "governance.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Its work areas are the blog's categories. Empty: those of the project whose site "
            "the blog is on, or every work area while no project has a site of its own."
        ),
    )
    feed_content = models.CharField(
        _("feeds contain"),
        max_length=10,
        choices=FeedContent.choices,
        default=FeedContent.FULL,
    )

    base_form_class = PageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("project"), FieldPanel("feed_content")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["blog.BlogPostPage"]

    class Meta:
        verbose_name = _("blog index")
        verbose_name_plural = _("blog indexes")

    # Listings ---------------------------------------------------------------------------

    def listing(
        self, request, *, heading, kind=listings.ALL, key=0, year=None, month=None, **extra
    ):
        page_number = request.GET.get("sida")
        context = {
            "posts": listings.page_of_posts(
                self, page_number, kind=kind, key=key, year=year, month=month, request=request
            ),
            "listing_heading": heading,
            # Read only when the sidebar is rendered, not when it is kept (core/fragments.py).
            "months": SimpleLazyObject(lambda: listings.archive_months(self)),
            "categories": SimpleLazyObject(lambda: listings.categories_with_counts(self)),
            "feed_links": self.feed_links(request, extra.get("category")),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("", name="index")
    def index_view(self, request):
        return self.listing(request, heading=None)

    @path("kategori/<slug:slug>/", name="category")
    def category_view(self, request, slug):
        work_area = self.category_for_slug(slug)
        if listings.category_slug(work_area) != slug:
            return HttpResponsePermanentRedirect(self.category_url(work_area))
        return self.listing(
            request,
            heading=str(work_area),
            kind=listings.CATEGORY,
            key=work_area.pk,
            category=work_area,
            canonical_path=self.reverse_subpage("category", args=[slug]),
        )

    @path("tagg/<slug:slug>/", name="tag")
    def tag_view(self, request, slug):
        tag = listings.tag_for_slug(slug)
        return self.listing(
            request,
            kind=listings.TAG,
            key=tag.pk,
            heading=_("Tagged “%(tag)s”") % {"tag": tag.name},
            tag=tag,
            canonical_path=self.reverse_subpage("tag", args=[slug]),
        )

    @path("arkiv/<int:year>/", name="archive_year")
    def archive_year_view(self, request, year):
        if year not in listings.ARCHIVE_YEARS:
            raise Http404
        return self.listing(
            request,
            year=year,
            heading=_("Archive %(year)s") % {"year": year},
            canonical_path=self.reverse_subpage("archive_year", args=[year]),
        )

    @re_path(r"^arkiv/(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="archive_month")
    def archive_month_view(self, request, year, month):
        year, month = int(year), int(month)
        if year not in listings.ARCHIVE_YEARS or not 1 <= month <= 12:
            raise Http404
        return self.listing(
            request,
            year=year,
            month=month,
            heading=listings.month_heading(year, month),
            canonical_path=self.reverse_subpage("archive_month", args=[year, f"{month:02d}"]),
        )

    @path("forfattare/<slug:slug>/", name="author")
    def author_view(self, request, slug):
        author = listings.author_for_slug(slug)
        return self.listing(
            request,
            kind=listings.AUTHOR,
            key=author.pk,
            heading=author.name,
            author=author,
            canonical_path=self.reverse_subpage("author", args=[slug]),
        )

    def route(self, request, path_components):
        """A post's address in one query, the post with its locale (which the page language
        check reads), where Wagtail asks for the child page and then for its specific row.
        The blog's own routes (rss/, atom/, …) come first, as RoutablePageMixin has them;
        anything else (not a post, not live) is routed by Wagtail as before."""
        if len(path_components) == 1 and self.live:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                # Remembered per fragment version, as the page under the home page is: a
                # post's live content changes only by publishing, which moves it on.
                post = fragments.cached(
                    request,
                    "post-page",
                    [self.pk, path_components[0]],
                    # False, not None, for no such post: None is what the cache misses.
                    lambda: self._post_with_slug(path_components[0]) or False,
                )
                if post:
                    post._cached_parent_obj = self
                    return post.route(request, [])
        return super().route(request, path_components)

    def _post_with_slug(self, slug):
        """Found by slug alone, then held to this blog: with the tree's terms in the query,
        SQLite read the blog's posts in tree order until the slug matched."""
        return next(
            (
                post
                for post in BlogPostPage.objects.select_related("locale", "lead_image")
                .filter(slug=slug)
                .order_by()
                if post.depth == self.depth + 1 and post.path.startswith(self.path)
            ),
            None,
        )

    # Feeds ------------------------------------------------------------------------------

    @path("rss/", name="rss")
    def rss_view(self, request):
        return feeds.PostsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return feeds.PostsAtomFeed(self)(request)

    @path("kategori/<slug:slug>/rss/", name="category_rss")
    def category_rss_view(self, request, slug):
        return feeds.PostsRssFeed(self, self.category_for_slug(slug))(request)

    @path("kategori/<slug:slug>/atom/", name="category_atom")
    def category_atom_view(self, request, slug):
        return feeds.PostsAtomFeed(self, self.category_for_slug(slug))(request)

    # Helpers ----------------------------------------------------------------------------

    def category_for_slug(self, slug):
        work_area = listings.work_area_for_slug(slug, index=self)
        if work_area is None:
            raise Http404
        return work_area

    def category_url(self, work_area):
        return self.url + self.reverse_subpage("category", args=[listings.category_slug(work_area)])

    def feed_links(self, request=None, category=None):
        """(title, type, url) of the feeds readers can subscribe to from this blog."""
        base = self.get_url(request)
        links = [
            (_("%(blog)s (RSS)") % {"blog": self.title}, "application/rss+xml", base + "rss/"),
            (_("%(blog)s (Atom)") % {"blog": self.title}, "application/atom+xml", base + "atom/"),
        ]
        if category is not None:
            prefix = base + self.reverse_subpage(
                "category", args=[listings.category_slug(category)]
            )
            name = f"{self.title}: {category.title}"
            links += [
                (_("%(blog)s (RSS)") % {"blog": name}, "application/rss+xml", prefix + "rss/"),
                (_("%(blog)s (Atom)") % {"blog": name}, "application/atom+xml", prefix + "atom/"),
            ]
        return links

    def accessibility_check_urls(self):
        """A category, tag, monthly archive and author listing, for the browser tests."""
        newest = next(iter(listings.newest_posts(self, 1)), None)
        if newest is None:
            return []
        date = timezone.localtime(newest.date)
        urls = [
            self.url + self.reverse_subpage("archive_month", args=[date.year, f"{date.month:02d}"])
        ]
        if category := newest.categories.first():
            urls.append(self.category_url(category))
        if tag := newest.tags.first():
            urls.append(self.url + self.reverse_subpage("tag", args=[tag.slug]))
        if newest.authors:
            urls.append(self.url + self.reverse_subpage("author", args=[newest.authors[0].slug]))
        return urls

    def get_cached_paths(self):
        """What a proxy or CDN purges with the blog (core/cache.py): the index, its feeds and
        its category listings with theirs."""
        categories = [
            self.reverse_subpage("category", args=[slug]) for slug in listings.category_slugs(self)
        ]
        feeds = ("", "rss/", "atom/")
        return ["/", "rss/", "atom/", *(path + feed for path in categories for feed in feeds)]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        full_url = self.get_full_url(request)
        urls += [
            {"location": full_url + self.reverse_subpage("category", args=[slug])}
            for slug in listings.category_slugs(self)
        ]
        return urls


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPostPage(RememberedViewRestrictions, Page):
    class Kind(models.TextChoices):
        BLOG = "blogg", _("blog post")
        NEWS = "nyhet", _("news item")

    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("Shown on the post and used for ordering; may be in the past for imports."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BLOG)
    intro = models.TextField(
        _("summary"),
        help_text=_("One or two sentences shown in listings, feeds and search results."),
    )
    intro_is_opening = models.BooleanField(
        _("summary repeats the body's opening"),
        default=False,
        help_text=_(
            "Then the summary is shown in listings, feeds and search results only, "
            "not once more above the body."
        ),
    )
    body = StreamField(post_body_blocks(), verbose_name=_("body"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternative text for the lead image"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    lead_image_credit = models.CharField(_("photo credit"), max_length=150, blank=True)
    categories = ParentalManyToManyField(
        "governance.WorkArea",
        verbose_name=_("work areas"),
        blank=True,
        related_name="blog_posts",
    )
    tags = ClusterTaggableManager(through=BlogPostTag, verbose_name=_("tags"), blank=True)

    base_form_class = BlogPostForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        InlinePanel("post_authors", label=_("Authors"), min_num=1),
        FieldPanel("intro"),
        FieldPanel("intro_is_opening"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading=_("Categories and tags"),
        ),
        InlinePanel("related_links", label=_("Related posts")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("title")]),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="blog_post_newest_first")]

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image: alternative text is required.")}
            )

    @cached_property
    def authors(self):
        if "post_authors" in getattr(self, "_prefetched_objects_cache", {}):
            links = self.post_authors.all()  # a listing prefetched them
        else:
            links = (
                self.post_authors.select_related("author__photo")
                .prefetch_related("author__photo__renditions")
                .order_by("sort_order", "pk")
            )
        return [link.author for link in links]

    @property
    def is_guest_post(self):
        return any(author.is_guest for author in self.authors)

    @property
    def search_summary(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog_index"] = blog = self.get_parent().specific
        # Read once for the footer's work areas and for the related posts, and only when
        # they are rendered, not when they are kept (core/fragments.py).
        context["post_categories"] = categories = SimpleLazyObject(
            lambda: list(self.categories.all())
        )
        context["related_posts"] = SimpleLazyObject(
            lambda: listings.related_posts(self, blog, categories)
        )
        return context

    def get_cache_dependents(self):
        """What shows this post besides its ancestors (the blog, the home page), purged with
        it (core/cache.py): the progress pages of its project (their work-area pages list the
        newest posts) and, for a proxy or CDN, its blog's archive, tag and author listings."""
        from governance.register.pages import ProjectPage

        blog = self.get_parent().specific
        progress_pages = ProjectPage.objects.live()
        if project_id := listings.index_project_id(blog):
            # Its blog's project's, and those of the work areas it is filed under.
            projects = {project_id, *self.categories.values_list("project_id", flat=True)}
            progress_pages = progress_pages.filter(project_id__in=projects)
        parts = blog.get_url_parts()
        if parts is None:
            return list(progress_pages)
        date = timezone.localtime(self.date)
        routes = [
            ("archive_year", [date.year]),
            ("archive_month", [date.year, f"{date.month:02d}"]),
        ]
        routes += [("tag", [tag.slug]) for tag in self.tags.all()]
        routes += [("author", [author.slug]) for author in self.authors]
        paths = [parts[2] + blog.reverse_subpage(name, args=args) for name, args in routes]
        return [*progress_pages, *paths]


class ListedPost(models.Model):
    """One row for each listing a live, public post appears in: its blog's ("all"), and the
    listings of each of its work areas, tags and authors. Newest first through one index,
    whatever the number of posts; kept by blog/listing_index.py, never edited by hand."""

    class Kind(models.IntegerChoices):
        ALL = 0, "all"
        CATEGORY = 1, "category"
        TAG = 2, "tag"
        AUTHOR = 3, "author"

    post = models.ForeignKey(BlogPostPage, on_delete=models.CASCADE, related_name="+")
    index = models.ForeignKey(BlogIndexPage, on_delete=models.CASCADE, related_name="+")
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    key = models.PositiveIntegerField(default=0, help_text="The work area, tag or author id.")
    date = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "kind", "key"], name="unique_listed_post")
        ]
        indexes = [
            models.Index(
                fields=["index", "kind", "key", "-date", "-post"], name="blog_listing_newest"
            ),
            models.Index(fields=["kind", "key", "-date", "-post"], name="blog_listing_site_newest"),
        ]

    def __str__(self):
        return f"{self.post_id} in {self.index_id} ({self.get_kind_display()} {self.key})"


class ListingCount(models.Model):
    """How many posts a listing holds (a blog, a work area, a tag, an author, a month), kept
    up to date on publish, unpublish, move and delete by blog/listing_index.py: the sidebars
    and the page numbers read it instead of counting every post."""

    class Kind(models.IntegerChoices):
        ALL = 0, "all"
        CATEGORY = 1, "category"
        TAG = 2, "tag"
        AUTHOR = 3, "author"
        MONTH = 4, "month"

    index = models.ForeignKey(BlogIndexPage, on_delete=models.CASCADE, related_name="+")
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    key = models.PositiveIntegerField(
        default=0, help_text="The work area, tag or author id, or the month as YYYYMM."
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["index", "kind", "key"], name="unique_listing_count")
        ]

    def __str__(self):
        return f"{self.index_id} {self.get_kind_display()} {self.key}: {self.count}"


class BlogPostAuthor(Orderable):
    post = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="post_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="post_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="unique_post_author")
        ]


class RelatedPost(Orderable):
    post = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        BlogPostPage, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related post")
        verbose_name_plural = _("related posts")


class EventIndexPage(RememberedViewRestrictions, RoutablePageMixin, Page):
    """The calendar: upcoming events first, past events on their own page, and an
    iCalendar feed of upcoming events to subscribe to."""

    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = PageForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["blog.EventPage"]

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    def listing(self, request, events, *, past):
        context = {"events": listings.paginate(events, request.GET.get("sida")), "past": past}
        if past:
            context["canonical_path"] = self.reverse_subpage("past")
        return self.render(request, context_overrides=context)

    def subscription_url(self):
        """The calendar feed under webcal:, which calendar apps open as a subscription."""
        address = self.get_full_url() + self.reverse_subpage("ical")
        return "webcal:" + address.split(":", 1)[1]

    @path("", name="upcoming")
    def upcoming_view(self, request):
        return self.listing(request, listings.upcoming_events(self), past=False)

    @path("tidigare/", name="past")
    def past_view(self, request):
        return self.listing(request, listings.past_events(self), past=True)

    @path("ical/", name="ical")
    def ical_view(self, request):
        events = listings.upcoming_events(self)
        body = calendar.calendar_for(
            events, request=request, name=listings.with_site_name(self, self.title)
        )
        return calendar.ics_response(body, filename=f"{self.slug}.ics")


class EventPage(RememberedViewRestrictions, RoutablePageMixin, Page):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place_name = models.CharField(_("place"), max_length=200)
    place_address = models.CharField(_("address"), max_length=300, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(body_blocks(), verbose_name=_("description"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternative text for the image"), max_length=250, blank=True
    )
    signup_deadline = models.DateField(_("sign-up deadline"), null=True, blank=True)
    signup_email = models.EmailField(_("sign up by email to"), blank=True)
    signup_url = models.URLField(_("or sign up at"), blank=True)
    signup_instructions = models.CharField(
        _("how to sign up"),
        max_length=300,
        blank=True,
        help_text=_("E.g. what to write in the email: name, organisation, diet."),
    )
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True)
    categories = ParentalManyToManyField(
        "governance.WorkArea", verbose_name=_("work areas"), blank=True, related_name="events"
    )

    base_form_class = ProjectWorkAreasForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("place_name"), FieldPanel("place_address")]),
        FieldPanel("organiser"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")], _("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("signup_deadline"),
                FieldRowPanel([FieldPanel("signup_email"), FieldPanel("signup_url")]),
                FieldPanel("signup_instructions"),
                FieldPanel("capacity"),
            ],
            heading=_("Sign-up"),
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.RelatedFields("categories", [index.SearchField("title")]),
    ]

    parent_page_types = ["blog.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.lead_image_id and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = _("Describe the image: alternative text is required.")
        if self.signup_deadline and self.start and self.signup_deadline > self.start.date():
            errors["signup_deadline"] = _("The sign-up deadline must be before the event.")
        if errors:
            raise ValidationError(errors)

    @property
    def search_summary(self):
        return self.intro

    @property
    def has_signup(self):
        return bool(self.signup_email or self.signup_url)

    def signup_is_open(self, now=None):
        now = timezone.localtime(now)
        if now >= self.end:
            return False
        return self.signup_deadline is None or now.date() <= self.signup_deadline

    @property
    def is_past(self):
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signup_open"] = self.signup_is_open()
        return context

    @path("", name="event")
    def event_view(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical_view(self, request):
        body = calendar.calendar_for([self], request=request, name=self.title)
        return calendar.ics_response(body, filename=f"{self.slug}.ics")
