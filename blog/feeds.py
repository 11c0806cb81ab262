"""RSS 2.0 and Atom feeds of a blog's posts, built on Django's syndication framework.

Links are absolute, dates are RFC 822 (RSS) and RFC 3339 (Atom), each post carries its
authors, work areas and tags, and the lead image travels as an enclosure."""

import hashlib
import mimetypes
import re
import time
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import listings, models

FEED_LENGTH = 20
# Each post's item (its full text rendered) is kept in the cache under its live revision,
# so a feed request renders only the feed around them. Saving an author, tag, work area or
# image (what an item shows of them is not in the revision) starts a new generation.
ITEM_TIMEOUT = 7 * 24 * 60 * 60
ITEM_GENERATION_KEY = "blog:feed-items:generation"


def forget_feed_items():
    """Every post's cached feed item and body is stale (an author, tag, work area or image
    changed, or a page moved, which the links in a body name).
    The generation is a moment, not a counter: a counter that was evicted would start again
    at a number whose items are still in the cache."""
    cache.set(ITEM_GENERATION_KEY, time.time_ns(), None)


def item_generation():
    return cache.get_or_set(ITEM_GENERATION_KEY, time.time_ns, None)


def post_body_html(post, context):
    """The post's body as `{% include_block %}` renders it, kept in the cache under its live
    revision and the language shown, like the feed items: a fragment cache of the body alone
    (not the page cache), so it is used for every reader, also when pages are not cached. A
    preview, or a post never published, is rendered anew."""
    request = context.get("request")
    if getattr(request, "is_preview", False) or not post.live_revision_id:
        return post.body.render_as_block(context=context.flatten())
    key = (
        f"blog:post-body:{item_generation()}:{translation.get_language()}:"
        f"{post.pk}:{post.live_revision_id}"
    )
    html = cache.get(key)
    if html is None:
        html = post.body.render_as_block(context=context.flatten())
        cache.set(key, str(html), ITEM_TIMEOUT)
    return mark_safe(html)


RELATIVE_URL = re.compile(r'((?:href|src)=")(/[^/"])')
RELATIVE_SRCSET_URL = re.compile(r'((?:srcset="|,\s*))(/[^/\s])')


def absolutise_urls(html, root_url):
    """Feed readers show the post away from the site, so site-relative links must carry
    the site's address."""
    html = RELATIVE_URL.sub(lambda m: m.group(1) + root_url + m.group(2), html)
    return RELATIVE_SRCSET_URL.sub(lambda m: m.group(1) + root_url + m.group(2), html)


class FullContentRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the whole post in content:encoded, as WordPress feeds carry it."""

    def rss_attributes(self):
        attributes = super().rss_attributes()
        attributes["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class FullContentAtomFeed(Atom1Feed):
    """Atom with the whole post in content, and one author element per author (Django's
    generator has room for one name only)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("author_names", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class PostsRssFeed(Feed):
    feed_type = FullContentRssFeed

    def __init__(self, index, category=None):
        super().__init__()
        self.index = index
        self.category = category
        self.request = None
        self.site = None
        self.root_url = ""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Read once (each get_site() is a query): the site's own address, as Wagtail gives
        # it to page URLs, whatever host was asked, and its name.
        self.site = self.index.get_site()
        self.root_url = self.site.root_url
        return super().__call__(request, *args, **kwargs)

    # The feed ---------------------------------------------------------------------------

    def title(self):
        title = self.index.title
        if self.category is not None:
            title = f"{title}: {self.category}"
        return listings.with_site_name(self.index, title, site=self.site)

    def link(self):
        url = self.index.get_full_url(self.request)
        if self.category is not None:
            url += self.index.reverse_subpage(
                "category", args=[listings.category_slug(self.category)]
            )
        return url

    def feed_url(self):
        return self.root_url + self.request.path

    def description(self):
        return self.index.intro or _("Posts from %(blog)s") % {"blog": self.index.title}

    def author_name(self):
        return (self.site.site_name if self.site else "") or self.index.title

    def get_feed(self, obj, request):
        """The feed, with each post's item from the cache when its live revision's item has
        been made before; only the others are fetched and rendered."""
        kind, key = (listings.CATEGORY, self.category.pk) if self.category else (listings.ALL, 0)
        ids = list(listings.listed_ids(self.index, kind, key)[:FEED_LENGTH])
        revisions = dict(
            models.BlogPostPage.objects.filter(pk__in=ids, live=True).values_list(
                "pk", "live_revision_id"
            )
        )
        generation = item_generation()
        keys = {pk: self.item_key(pk, rev, generation) for pk, rev in revisions.items() if rev}
        cached = cache.get_many(keys.values()) if keys else {}
        missing = [pk for pk in ids if pk in revisions and keys.get(pk) not in cached]
        self.posts_to_render = listings.posts_with_ids(missing)
        feed = super().get_feed(obj, request)
        made = {post.pk: item for post, item in zip(self.posts_to_render, feed.items, strict=True)}
        if fresh := {keys[pk]: item for pk, item in made.items() if pk in keys}:
            cache.set_many(fresh, ITEM_TIMEOUT)
        feed.items = [
            made[pk] if pk in made else cached[keys[pk]]
            for pk in ids
            if pk in made or keys.get(pk) in cached
        ]
        return feed

    def item_key(self, post_id, revision_id, generation):
        where = f"{self.root_url}|{self.index.pk}|{self.index.feed_content}"
        digest = hashlib.sha256(where.encode()).hexdigest()[:16]
        return f"blog:feed-item:{type(self).__name__}:{generation}:{digest}:{post_id}:{revision_id}"

    def items(self):
        return self.posts_to_render

    # Each post --------------------------------------------------------------------------

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.intro

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return post.date

    def item_updateddate(self, post):
        return max(filter(None, [post.date, post.last_published_at]))

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors) or None

    def item_categories(self, post):
        return [area.title for area in post.categories.all()] + [
            tag.name for tag in post.tags.all()
        ]

    def item_enclosures(self, post):
        image = post.lead_image
        if image is None:
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        size = image.get_file_size() or 0
        # urljoin keeps an address that is absolute already (media on object storage).
        return [Enclosure(urljoin(self.root_url, image.file.url), str(size), mime_type)]

    def item_extra_kwargs(self, post):
        if self.index.feed_content != self.index.FeedContent.FULL:
            return {}
        return {"content_html": absolutise_urls(str(post.body), self.root_url)}


class PostsAtomFeed(PostsRssFeed):
    feed_type = FullContentAtomFeed

    def item_author_name(self, post):
        return None  # each author is written on its own, see FullContentAtomFeed

    def item_extra_kwargs(self, post):
        return {
            **super().item_extra_kwargs(post),
            "author_names": [author.name for author in post.authors],
        }

    def subtitle(self):
        return self.description()
