"""RSS 2.0 and Atom feeds of a blog's posts, built on Django's syndication framework.

Links are absolute, dates are RFC 822 (RSS) and RFC 3339 (Atom), each post carries its
authors, work areas and tags, and the lead image travels as an enclosure."""

import mimetypes
import re
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from . import listings

FEED_LENGTH = 20

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
        self.root_url = ""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # The site's own address, as Wagtail gives it to page URLs, whatever host was asked.
        self.root_url = self.index.get_site().root_url
        return super().__call__(request, *args, **kwargs)

    # The feed ---------------------------------------------------------------------------

    def title(self):
        title = self.index.title
        if self.category is not None:
            title = f"{title}: {self.category}"
        return listings.with_site_name(self.index, title)

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
        site = self.index.get_site()
        return (site.site_name if site else "") or self.index.title

    def items(self):
        posts = listings.posts(self.index)
        if self.category is not None:
            posts = posts.filter(categories=self.category)
        return listings.newest(posts, FEED_LENGTH)

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
