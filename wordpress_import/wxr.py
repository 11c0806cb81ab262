"""Streaming reader of WordPress export files (WXR: RSS 2.0 with the wp:, content:,
excerpt: and dc: namespaces).

The file is read with defusedxml's iterparse: entity declarations (billion laughs) and
external entities are refused before anything is expanded, and each <item> is dropped from
memory once it has been handed on, so a large blog is read in constant memory.
"""

import datetime
import hashlib
import re
import zoneinfo
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

import defusedxml
from defusedxml.ElementTree import iterparse

WP_NAMESPACE_PREFIX = "http://wordpress.org/export/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
# WordPress.org writes its namespaces with http://, WordPress.com with https://
# ("https://wordpress.org/export/1.2/", also for excerpt:); both are the same namespace.
HTTPS_FORM = re.compile(r"^https://(?=wordpress\.org/export/|purl\.org/)")


class WXRError(Exception):
    """The file cannot be imported: not XML, not a WordPress export, or unsafe XML."""


@dataclass
class WXRAuthor:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclass
class WXRComment:
    wp_id: int
    author: str
    email: str
    url: str
    date: datetime.datetime | None
    content: str
    approved: str  # "1", "0", "spam" or "trash"
    type: str  # "" or "comment" for comments; "pingback", "trackback"
    parent_id: int


@dataclass
class WXRItem:
    wp_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    date: datetime.datetime | None = None
    parent_id: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    password: str = ""
    comment_status: str = "open"  # "closed": WordPress took no more comments on it
    categories: list = field(default_factory=list)  # [(nicename, name)]
    tags: list = field(default_factory=list)  # [(nicename, name)]
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    raw: bytes = b""  # the item's XML, to notice on a second run whether anything changed


@dataclass
class WXRChannel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: dict = field(default_factory=dict)  # login -> WXRAuthor
    categories: dict = field(default_factory=dict)  # nicename -> name
    tags: dict = field(default_factory=dict)  # nicename -> name
    counts: dict = field(default_factory=dict)  # post type -> number of items
    # The paths of the published posts' and pages' permalinks ("/2013/05/10/titel/").
    permalinks: set = field(default_factory=set)
    # WordPress' short links ("/?p=102", "/?page_id=199"): post id -> permalink path.
    short_links: dict = field(default_factory=dict)

    @property
    def source(self):
        """What identifies the WordPress site, so two blogs' post ids never collide."""
        return (self.base_blog_url or self.link or self.base_site_url or "").rstrip("/")


def _split(tag):
    """'{namespace}name' -> (namespace in its http:// form, name)."""
    if tag.startswith("{"):
        namespace, _brace, name = tag[1:].partition("}")
        return HTTPS_FORM.sub("http://", namespace), name
    return "", tag


def _local(tag):
    return _split(tag)[1]


def _is_wp(tag):
    return _split(tag)[0].startswith(WP_NAMESPACE_PREFIX)


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _children(element):
    """Child elements by local name (the first of each), with wp: ones prefixed "wp:"."""
    found = {}
    for child in element:
        namespace, name = _split(child.tag)
        if namespace.startswith(WP_NAMESPACE_PREFIX) and not namespace.endswith("/excerpt/"):
            key = f"wp:{name}"
        elif namespace.endswith("/excerpt/"):
            key = f"excerpt:{name}"
        elif namespace == CONTENT_NAMESPACE:
            key = f"content:{name}"
        elif namespace == DC_NAMESPACE:
            key = f"dc:{name}"
        else:
            key = name
        found.setdefault(key, child)
    return found


def parse_wp_date(value, gmt=False):
    """WordPress writes "2013-05-12 08:30:00"; drafts carry "0000-00-00 00:00:00"."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        naive = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if gmt:
        return naive.replace(tzinfo=datetime.UTC)
    from django.conf import settings

    return naive.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _date(children, local_key, gmt_key):
    return parse_wp_date(_text(children.get(gmt_key)), gmt=True) or parse_wp_date(
        _text(children.get(local_key))
    )


def _author(element):
    c = _children(element)
    return WXRAuthor(
        login=_text(c.get("wp:author_login")),
        email=_text(c.get("wp:author_email")),
        display_name=_text(c.get("wp:author_display_name")),
        first_name=_text(c.get("wp:author_first_name")),
        last_name=_text(c.get("wp:author_last_name")),
    )


def _comment(element):
    c = _children(element)
    return WXRComment(
        wp_id=_int(_text(c.get("wp:comment_id"))),
        author=_text(c.get("wp:comment_author")),
        email=_text(c.get("wp:comment_author_email")),
        url=_text(c.get("wp:comment_author_url")),
        date=_date(c, "wp:comment_date", "wp:comment_date_gmt"),
        content=(c["wp:comment_content"].text or "") if "wp:comment_content" in c else "",
        approved=_text(c.get("wp:comment_approved")) or "0",
        type=_text(c.get("wp:comment_type")),
        parent_id=_int(_text(c.get("wp:comment_parent"))),
    )


def _id_from_guid(children):
    """An item without wp:post_id (hand-made or trimmed exports): a stable negative id from
    its guid (or link, or title), so that a second run finds the same post again."""
    key = _text(children.get("guid")) or _text(children.get("link")) or _text(children.get("title"))
    if not key:
        return 0
    return -int(hashlib.sha256(key.encode()).hexdigest()[:12], 16)


def _item(element):
    from xml.etree.ElementTree import tostring

    c = _children(element)
    item = WXRItem(
        wp_id=_int(_text(c.get("wp:post_id"))) or _id_from_guid(c),
        post_type=_text(c.get("wp:post_type")) or "post",
        status=_text(c.get("wp:status")) or "publish",
        title=_text(c.get("title")),
        link=_text(c.get("link")),
        guid=_text(c.get("guid")),
        creator=_text(c.get("dc:creator")),
        content=(c["content:encoded"].text or "") if "content:encoded" in c else "",
        excerpt=_text(c.get("excerpt:encoded")),
        slug=unquote(_text(c.get("wp:post_name"))),
        date=_date(c, "wp:post_date", "wp:post_date_gmt"),
        parent_id=_int(_text(c.get("wp:post_parent"))),
        menu_order=_int(_text(c.get("wp:menu_order"))),
        attachment_url=_text(c.get("wp:attachment_url")),
        password=_text(c.get("wp:post_password")),
        comment_status=_text(c.get("wp:comment_status")) or "open",
        raw=tostring(element),
    )
    for child in element:
        namespace, name = _split(child.tag)
        if not namespace and name == "category":
            pair = (child.get("nicename") or "", _text(child))
            if child.get("domain") == "post_tag":
                item.tags.append(pair)
            elif child.get("domain") == "category":
                item.categories.append(pair)
        elif _is_wp(child.tag) and name == "postmeta":
            meta = _children(child)
            key = _text(meta.get("wp:meta_key"))
            if key:
                item.meta[key] = (
                    (meta["wp:meta_value"].text or "") if "wp:meta_value" in meta else ""
                )
        elif _is_wp(child.tag) and name == "comment":
            item.comments.append(_comment(child))
    return item


class WXRReader:
    """Reads one WXR file. `channel()` reads the site-wide part (authors, categories, tags)
    and counts the items; `items()` yields one WXRItem at a time."""

    def __init__(self, path):
        self.path = path

    def _events(self):
        try:
            with open(self.path, "rb") as stream:
                yield from iterparse(stream, events=("start", "end"), forbid_dtd=False)
        except defusedxml.EntitiesForbidden as error:
            raise WXRError(
                _("The file declares XML entities and was refused: it could expand to %(what)s.")
                % {"what": _("an enormous amount of data (an XML bomb)")}
            ) from error
        except defusedxml.DefusedXmlException as error:
            raise WXRError(
                _("The file uses unsafe XML features and was refused (%(error)s).")
                % {"error": error}
            ) from error
        except ParseError as error:
            line, column = getattr(error, "position", (0, 0))
            raise WXRError(
                _("The file is not valid XML (line %(line)s, column %(column)s): %(error)s")
                % {"line": line, "column": column, "error": error.msg}
            ) from error
        except OSError as error:
            raise WXRError(_("The file cannot be read: %(error)s") % {"error": error}) from error

    def _walk(self, on_item, channel):
        """Drives the parser; calls on_item(element) for every finished <item>."""
        depth = 0
        channel_element = None
        saw_root = False
        for event, element in self._events():
            if event == "start":
                depth += 1
                if not saw_root:
                    saw_root = True
                    if _local(element.tag) != "rss":
                        raise WXRError(_("This is not a WordPress export: it is XML, but not RSS."))
                elif depth == 2 and _local(element.tag) == "channel":
                    channel_element = element
                continue
            depth -= 1
            if depth != 2 or channel_element is None:
                continue
            namespace, name = _split(element.tag)
            if name == "item" and not namespace:
                if not channel.wxr_version:
                    raise WXRError(self._not_wxr())
                on_item(element)
            elif _is_wp(element.tag):
                if name == "wxr_version":
                    channel.wxr_version = _text(element)
                elif name == "base_site_url":
                    channel.base_site_url = _text(element)
                elif name == "base_blog_url":
                    channel.base_blog_url = _text(element)
                elif name == "author":
                    author = _author(element)
                    if author.login:
                        channel.authors[author.login] = author
                elif name == "category":
                    c = _children(element)
                    nicename = _text(c.get("wp:category_nicename"))
                    channel.categories[nicename] = _text(c.get("wp:cat_name")) or nicename
                elif name == "tag":
                    c = _children(element)
                    slug = _text(c.get("wp:tag_slug"))
                    channel.tags[slug] = _text(c.get("wp:tag_name")) or slug
            elif not namespace and name == "title":
                channel.title = _text(element)
            elif not namespace and name == "link":
                channel.link = _text(element)
            # Forget what has been read: memory stays flat however long the file is.
            channel_element.remove(element)
        if not saw_root:
            raise WXRError(_("The file is empty."))
        if not channel.wxr_version:
            raise WXRError(self._not_wxr())

    @staticmethod
    def _not_wxr():
        return _(
            "This is not a WordPress export: an RSS file without the WordPress export "
            "(WXR) version. Export the blog in WordPress under Tools → Export."
        )

    def channel(self, on_attachment=None):
        """Reads the whole file once: the channel, how many items of each post type it
        has (channel.counts), and each attachment handed to on_attachment(WXRItem)."""
        channel = WXRChannel()

        def count(element):
            children = _children(element)
            post_type = _text(children.get("wp:post_type")) or "post"
            channel.counts[post_type] = channel.counts.get(post_type, 0) + 1
            status = _text(children.get("wp:status")) or "publish"
            if post_type in ("post", "page") and status == "publish":
                link = urlsplit(_text(children.get("link")))
                if link.path not in ("", "/"):
                    channel.permalinks.add(link.path)
                    channel.short_links[_text(children.get("wp:post_id"))] = link.path
            if post_type == "attachment" and on_attachment:
                on_attachment(_item(element))

        self._walk(count, channel)
        return channel

    def items(self):
        """Yields the items one by one, reading the file as it goes. Call channel() first:
        it checks that the file is a complete WordPress export."""
        depth = 0
        channel_element = None
        for event, element in self._events():
            if event == "start":
                depth += 1
                if depth == 2 and _local(element.tag) == "channel":
                    channel_element = element
                continue
            depth -= 1
            if depth == 2 and channel_element is not None:
                if _local(element.tag) == "item" and not _split(element.tag)[0]:
                    yield _item(element)
                channel_element.remove(element)


def read_attachment(item):
    """What an attachment item says about its file: (relative path, url, alt, caption)."""
    return (
        item.meta.get("_wp_attached_file", ""),
        item.attachment_url or item.guid,
        item.meta.get("_wp_attachment_image_alt", ""),
        item.excerpt,
    )
