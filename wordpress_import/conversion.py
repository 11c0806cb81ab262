"""WordPress post HTML → StreamField blocks.

WordPress stores posts in three dialects, often mixed in one blog: classic-editor text with
line breaks instead of <p> (WordPress adds the paragraphs when it shows the post: wpautop),
shortcodes such as [caption] and [gallery], and block-editor (Gutenberg) HTML wrapped in
<!-- wp:… --> comments. All three are brought to plain HTML first and then walked once.

Each element becomes the block an editor would have chosen: headings, paragraphs (rich text
with lists, nested lists and inline formatting), images, galleries, quotes, tables, code and
verse, audio and video, embeds. A target body that lacks a block (a page has no table
block) gets the element's text instead, and `fidelity.py` reports what was lost.

The result is the raw StreamField data (a list of {"type", "value", "id"}), which the
importer assigns to a page body; images and media files are looked up through callbacks
so this module needs no database.
"""

import json
import re
import uuid
from dataclasses import dataclass

from django.utils.html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from core.safe_urls import safe_url

# wpautop's $allblocks (wp-includes/formatting.php): these never go inside a <p>.
AUTOP_BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
BLOCK_TAGS = {
    "address", "article", "aside", "audio", "blockquote", "center", "details", "div", "dl",
    "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "iframe", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    "video",
}  # fmt: skip
CONTAINER_TAGS = {
    "article", "aside", "center", "details", "div", "fieldset", "footer", "form", "header",
    "main", "nav", "section",
}  # fmt: skip
# Inline elements rich text keeps (the features wordpress_import/wagtail_hooks.py enables).
RICH_TEXT_INLINE = {
    "a", "abbr", "b", "br", "cite", "code", "del", "i", "ins", "kbd", "mark", "s", "sub", "sup",
}  # fmt: skip
RENAMED_INLINE = {
    "strong": "b", "em": "i", "var": "i", "dfn": "i", "strike": "s", "tt": "code",
    "samp": "code", "q": None, "span": None, "font": None, "u": None, "big": None,
    "small": None, "label": None, "time": None,
}  # fmt: skip
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
SHORTCODE_ATTRIBUTE = re.compile(
    r'(\w+)\s*=\s*"([^"]*)"|(\w+)\s*=\s*\'([^\']*)\'|(\w+)\s*=\s*([^\s\'"\]]+)'
)
# Shortcodes WordPress and WordPress.com register (core, Jetpack); anything else in square
# brackets is the writer's text: "[sic]", "[källa behövs]", "coracles [simple boat]".
REGISTERED_SHORTCODES = (
    "archives", "audio", "bandcamp", "blip.tv", "caption", "contact-field", "contact-form",
    "crowdsignal", "dailymotion", "embed", "facebook", "flickr", "gallery", "googleapps",
    "googlemaps", "gravatar", "gravatar_profile", "instagram", "latex", "playlist",
    "polldaddy", "portfolio", "presentation", "recipe", "scribd", "slide", "slideshare",
    "slideshow", "soundcloud", "spotify", "sitemap", "ted", "testimonials", "tweet",
    "twitter-timeline", "upcomingevents", "video", "videopress", "vimeo", "wp_caption",
    "wpvideo", "youtube",
)  # fmt: skip
SHORTCODE_NAMES = "|".join(re.escape(name) for name in REGISTERED_SHORTCODES)
CAPTION = re.compile(r"\[(?:caption|wp_caption)([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]", re.S)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
PROVIDER_SHORTCODE = re.compile(r"\[(youtube|vimeo|dailymotion|ted|wpvideo)\s+([^\]\s]+)[^\]]*\]")
MEDIA_SHORTCODE = re.compile(r"\[(audio|video)([^\]]*)\](?:\s*\[/\1\])?")
SHORTCODE = re.compile(rf"\[/?(?:{SHORTCODE_NAMES})(?=[\s\]/])[^\]]*\]")
PRE = re.compile(r"<pre[\s>].*?</pre>", re.S | re.I)
NEWLINE = re.compile(r"\s*\n\s*")
URL_ONLY = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
IMAGE_ID_CLASS = re.compile(r"wp-image-(\d+)")
ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
BACKGROUND_URL = re.compile(r"background-image\s*:\s*url\(\s*['\"]?([^'\")]+)")
BLOCK_COMMENT = re.compile(r"^\s*wp:([\w/-]+)\s*(\{.*\})?\s*/?\s*$", re.S)
MEDIA_EXTENSIONS = {
    "audio": (".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac"),
    "video": (".mp4", ".m4v", ".webm", ".ogv", ".mov"),
}
# Dynamic blocks store no HTML: WordPress builds them when it shows the page.
DYNAMIC_BLOCKS = {
    "archives", "calendar", "categories", "latest-comments", "latest-posts", "page-list",
    "query", "rss", "search", "tag-cloud", "social-links", "navigation", "post-content",
}  # fmt: skip


@dataclass
class FoundImage:
    """An <img> as written in the post; the importer turns it into a Wagtail image id."""

    src: str
    alt: str
    caption: str
    wp_id: int | None
    link: str = ""


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


# Step 1: from WordPress' dialects to HTML -------------------------------------------------


def _shortcode_attributes(text):
    attributes = {}
    for m in SHORTCODE_ATTRIBUTE.finditer(text):
        if m.group(1):
            attributes[m.group(1)] = m.group(2)
        elif m.group(3):
            attributes[m.group(3)] = m.group(4)
        else:
            attributes[m.group(5)] = m.group(6)
    return attributes


def _caption_to_figure(match):
    attributes = _shortcode_attributes(match.group(1))
    inner = match.group(2)
    # The caption is what follows the (possibly linked) image; older WordPress put it in
    # the caption="" attribute instead.
    image_end = max(inner.rfind("/>"), inner.rfind("</a>") + 3, inner.rfind(">"))
    image_html, caption = inner[: image_end + 1], inner[image_end + 1 :].strip()
    caption = caption or escape(attributes.get("caption", ""))
    wp_id = ATTACHMENT_ID.search(attributes.get("id", ""))
    data = f' data-attachment="{wp_id.group(1)}"' if wp_id else ""
    return f"\n\n<figure{data}>{image_html}<figcaption>{caption}</figcaption></figure>\n\n"


def _embed_figure(url):
    return f'\n\n<figure class="wp-block-embed"><div>{escape(url)}</div></figure>\n\n'


def _embed_to_figure(match):
    return _embed_figure(match.group(1).strip())


def _provider_to_figure(match):
    name, target = match.group(1), match.group(2)
    if name == "vimeo" and target.isdigit():
        target = f"https://vimeo.com/{target}"
    if not target.startswith(("http://", "https://")):
        return match.group(0)
    return _embed_figure(target)


def _media_to_figure(match):
    """[audio src="…"] or [audio mp3="…"], [video mp4="…"]: the first file given."""
    kind, attributes = match.group(1), _shortcode_attributes(match.group(2))
    src = attributes.get("src") or next(
        (
            value
            for key, value in attributes.items()
            if key in {ext.lstrip(".") for ext in MEDIA_EXTENSIONS[kind]}
        ),
        "",
    )
    if not src:
        return ""
    return (
        f'\n\n<figure class="wp-block-{kind}"><{kind} controls src="{escape(src)}">'
        f"</{kind}></figure>\n\n"
    )


def _gallery_to_figures(attached_ids):
    """[gallery ids="1,2"]; without ids, WordPress shows the images attached to the post."""

    def replace(match):
        attributes = _shortcode_attributes(match.group(1))
        ids = [part.strip() for part in attributes.get("ids", "").split(",")]
        ids = [int(i) for i in ids if i.isdigit()]
        if not ids:
            ids = [int(i) for i in attributes.get("include", "").split(",") if i.strip().isdigit()]
        if not ids:
            excluded = {i.strip() for i in attributes.get("exclude", "").split(",")}
            ids = [i for i in attached_ids if str(i) not in excluded]
        figures = "".join(f'<figure><img data-attachment="{i}" src=""/></figure>' for i in ids)
        return f'\n\n<figure class="wp-block-gallery">{figures}</figure>\n\n'

    return replace


def autop(text):
    """WordPress' wpautop (wp-includes/formatting.php), step by step: blank lines separate
    paragraphs, single line breaks inside a paragraph are <br>, block-level HTML is never
    wrapped in a <p>, and <pre> is left exactly as written."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    pres = []

    def keep_pre(match):
        pres.append(match.group(0))
        return f"<pre wp-pre-tag-{len(pres) - 1}></pre>"

    text = PRE.sub(keep_pre, text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<(?:{AUTOP_BLOCKS})[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</(?:{AUTOP_BLOCKS})>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    # Line breaks inside a tag (between attributes) are not line breaks of the text.
    text = re.sub(r"<[^>]*>", lambda m: m.group(0).replace("\n", " "), text)
    text = re.sub(r"\s*<option", "<option", text)
    text = re.sub(r"</option>\s*", "</option>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join("<p>" + p.strip("\n") + "</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?(?:{AUTOP_BLOCKS})[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?(?:{AUTOP_BLOCKS})[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?(?:{AUTOP_BLOCKS})[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?(?:{AUTOP_BLOCKS})[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for number, pre in enumerate(pres):
        text = text.replace(f"<pre wp-pre-tag-{number}></pre>", pre)
    return text


def normalise(content, attached_ids=()):
    """Any WordPress post content → HTML with <figure>s for captions, embeds, galleries and
    media, and without the registered shortcodes (whose enclosed text stays)."""
    is_block_editor = "<!-- wp:" in content
    content = CAPTION.sub(_caption_to_figure, content)
    content = EMBED.sub(_embed_to_figure, content)
    content = PROVIDER_SHORTCODE.sub(_provider_to_figure, content)
    content = MEDIA_SHORTCODE.sub(_media_to_figure, content)
    content = GALLERY.sub(_gallery_to_figures(list(attached_ids)), content)
    content = SHORTCODE.sub("", content)
    if not is_block_editor:
        content = autop(content)
    return content


# Step 2: HTML → blocks ---------------------------------------------------------------------


def _classes(node):
    return node.get("class", []) or [] if isinstance(node, Tag) else []


def _lines_text(node):
    """The text of a <pre> or verse with its line breaks, entities decoded once."""
    for br in node.find_all("br"):
        br.replace_with("\n")
    return node.get_text()


class _Converter:
    def __init__(self, resolve_image, is_embeddable, available, local_link=None):
        self.resolve_image = resolve_image
        self.is_embeddable = is_embeddable
        self.local_link = local_link or (lambda href: href)
        self.available = available
        self.blocks = []
        self.rich_text = []  # pieces of the paragraph block being collected
        self.dropped = []  # what could not be carried over, in words, for the report

    def offers(self, block_type):
        return self.available is None or block_type in self.available

    # rich text ---------------------------------------------------------------------------

    def clean_inline(self, node):
        """Rich-text HTML: the inline elements in RICH_TEXT_INLINE, links with a safe
        address; anything else is unwrapped to its text."""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            # A line break in HTML source is a space; <br> is the line break.
            return escape(NEWLINE.sub(" ", str(node)))
        name = node.name.lower()
        if name in ("script", "style", "noscript"):
            return ""
        if name in ("ul", "ol"):
            return self.list_html(node)
        if name == "img":
            return ""  # images inside text become their own blocks; see paragraph()
        inner = "".join(self.clean_inline(child) for child in node.children)
        name = RENAMED_INLINE.get(name, name)
        if name == "br":
            return "<br/>"
        if name == "a":
            href = self.local_link(safe_url(node.get("href", "")))
            return f'<a href="{escape(href)}">{inner}</a>' if href else inner
        if name == "abbr" and inner.strip():
            title = node.get("title", "").strip()
            return f'<abbr title="{escape(title)}">{inner}</abbr>' if title else inner
        if name in RICH_TEXT_INLINE:
            return f"<{name}>{inner}</{name}>" if inner.strip() else inner
        if name == "p":
            return inner + "<br/>"
        return inner

    def list_html(self, node):
        """A list with its nested lists, keeping an ordered list's start and reversed."""
        attributes = ""
        if node.name.lower() == "ol":
            start = (node.get("start") or "").strip()
            if re.fullmatch(r"-?\d+", start) and start != "1":
                attributes += f' start="{int(start)}"'
            if node.has_attr("reversed"):
                attributes += " reversed"
        items = []
        for li in node.find_all("li", recursive=False):
            inline = "".join(self.clean_inline(child) for child in li.children)
            inline = re.sub(r"(<br/>\s*)+(?=<[uo]l|$)", "", inline.strip())
            items.append(f"<li>{inline}</li>")
        if not items:
            return ""
        tag = node.name.lower()
        return f"<{tag}{attributes}>{''.join(items)}</{tag}>"

    def add_rich_text(self, html):
        if re.sub(r"<br/>|\s|&nbsp;", "", html):
            self.rich_text.append(html)

    def flush(self):
        if self.rich_text:
            html = re.sub(r"\s*<br/>\s*", "<br/>", "".join(self.rich_text))
            html = re.sub(r"\s+(?=</li>|<[uo]l[ >])|(?<=<li>)\s+", "", html)
            self.blocks.append(_block("paragraph", html))
            self.rich_text = []

    def add(self, block_type, value):
        self.flush()
        self.blocks.append(_block(block_type, value))

    def add_text_fallback(self, lines, what):
        """The text of an element that has no block in this body, one line a paragraph."""
        text = "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())
        self.add_rich_text(text)
        self.dropped.append(what)

    # images ------------------------------------------------------------------------------

    def found_image(self, img, caption="", wp_id=None):
        src = img.get("src", "").strip()
        found_id = IMAGE_ID_CLASS.search(" ".join(_classes(img)))
        wp_id = wp_id or (found_id and int(found_id.group(1))) or None
        for attribute in ("data-attachment", "data-id"):
            if (img.get(attribute) or "").isdigit():
                wp_id = int(img[attribute])
        return FoundImage(src=src, alt=img.get("alt", "").strip(), caption=caption, wp_id=wp_id)

    def image(self, img, caption="", wp_id=None):
        found = self.found_image(img, caption, wp_id)
        image_id, title = self.resolve_image(found)
        if image_id:
            self.add(
                "image",
                {
                    "image": image_id,
                    "alt_text": found.alt[:250],
                    "caption": caption[:300],
                    "credit": "",
                },
            )
        else:
            self.image_link(found, title)

    def image_link(self, found, title):
        """The file is not here: keep a link to where the image was, never lose it."""
        src = safe_url(found.src)
        text = escape(found.alt or found.caption or title or src.rsplit("/", 1)[-1])
        if src and text:
            self.add_rich_text(f'<p><a href="{escape(src)}">{text}</a></p>')
        elif text:
            self.add_rich_text(f"<p>{text}</p>")
        if found.caption and found.caption != (found.alt or found.caption):
            self.add_rich_text(f"<p><i>{escape(found.caption)}</i></p>")

    def gallery(self, node):
        """A gallery: each image with its own caption, the gallery's caption as its title."""
        own_caption = node.find("figcaption", recursive=False)
        if own_caption is None and node.parent is not None:
            sibling = node.find_next_sibling("figcaption")
            own_caption = sibling if sibling and sibling.parent is node.parent else None
        title = own_caption.get_text(" ", strip=True) if own_caption else ""
        images = []
        for img in node.find_all("img"):
            holder = img.find_parent(["figure", "li"])
            caption_tag = (
                holder.find("figcaption") if holder is not None and holder is not node else None
            )
            caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
            found = self.found_image(img, caption)
            image_id, image_title = self.resolve_image(found)
            images.append((found, image_id, image_title))
        resolved = [(found, image_id) for found, image_id, _t in images if image_id]
        if resolved and self.offers("gallery"):
            self.add(
                "gallery",
                {
                    "title": title[:200],
                    "images": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": {
                                "image": image_id,
                                "alt_text": found.alt[:250],
                                "caption": found.caption[:300],
                            },
                        }
                        for found, image_id in resolved
                    ],
                    "credit": "",
                },
            )
            title = "" if len(title) <= 200 else title
        else:
            for found, image_id in resolved:
                self.add(
                    "image",
                    {
                        "image": image_id,
                        "alt_text": found.alt[:250],
                        "caption": found.caption[:300],
                        "credit": "",
                    },
                )
        for found, image_id, image_title in images:
            if not image_id:
                self.image_link(found, image_title)
        if title:
            self.add_rich_text(f"<p><i>{escape(title)}</i></p>")

    # other elements ----------------------------------------------------------------------

    def embed(self, url, caption=""):
        self.add("embed", {"embed": url, "caption": caption[:300]})

    def media(self, node, kind, caption):
        source = node.find("source") if not node.get("src") else None
        src = safe_url((node.get("src") or (source.get("src") if source else "") or "").strip())
        if not src:
            self.dropped.append(kind)
            return
        if self.is_embeddable(src):
            self.embed(src, caption)
        elif self.offers("media"):
            self.add("media", {"kind": kind, "url": src, "caption": caption[:300]})
        else:
            self.add_rich_text(
                f'<p><a href="{escape(src)}">{escape(caption or src.rsplit("/", 1)[-1])}</a></p>'
            )
            self.dropped.append(kind)

    def table(self, node, caption=""):
        caption_tag = node.find("caption")
        caption = caption or (caption_tag.get_text(" ", strip=True) if caption_tag else "")
        rows = []
        header = False
        for number, tr in enumerate(node.find_all("tr")):
            cells = tr.find_all(["td", "th"], recursive=False)
            if number == 0:
                header = tr.find_parent("thead") is not None or all(c.name == "th" for c in cells)
            rows.append([" ".join(cell.get_text(" ", strip=True).split()) for cell in cells])
        width = max((len(row) for row in rows), default=0)
        if not width:
            return
        rows = [row + [""] * (width - len(row)) for row in rows]
        if self.offers("table"):
            self.add(
                "table",
                {
                    "data": rows,
                    "table_header_choice": "row" if header else "neither",
                    "first_row_is_table_header": header,
                    "first_col_is_header": False,
                    "table_caption": caption,
                    "cell": [],
                    "mergeCells": [],
                },
            )
        else:
            lines = [" | ".join(cell for cell in row if cell) for row in rows]
            self.add_text_fallback([caption, *lines], "table")

    def preformatted(self, node, style):
        text = _lines_text(node).strip("\n")
        if not text.strip():
            return
        if self.offers("preformatted"):
            self.add("preformatted", {"style": style, "text": text})
        else:
            self.add_text_fallback(text.splitlines(), style)

    def figure(self, node):
        caption_tag = node.find("figcaption", recursive=False)
        caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
        classes = _classes(node)
        if node.find("table") is not None:
            self.table(node.find("table"), caption)
            return
        if "wp-block-pullquote" in classes or node.find("blockquote") is not None:
            self.quote(node.find("blockquote") or node)
            return
        if "wp-block-gallery" in classes or len(node.find_all("img")) > 1:
            self.gallery(node)
            return
        for kind in ("audio", "video"):
            element = node.find(kind)
            if element is not None:
                self.media(element, kind, caption)
                return
        if "wp-block-embed" in classes or node.find("iframe") is None and not node.find("img"):
            url = node.get_text(" ", strip=True)
            if caption:
                url = url.replace(caption, "").strip()
            match = URL_ONLY.match(url)
            if match:
                self.embed(match.group(1), caption)
                return
        iframe = node.find("iframe")
        if iframe is not None:
            self.iframe(iframe, caption)
            return
        img = node.find("img")
        if img is not None:
            wp_id = node.get("data-attachment")
            self.image(
                img, caption=caption, wp_id=int(wp_id) if wp_id and wp_id.isdigit() else None
            )
            return
        # Anything else in a figure (text, a file link): keep what it says.
        if caption_tag is not None:
            caption_tag.extract()
        self.walk(node)
        if caption:
            self.add_rich_text(f"<p><i>{escape(caption)}</i></p>")

    def iframe(self, node, caption=""):
        src = node.get("src", "")
        if src.startswith("//"):
            src = "https:" + src
        src = safe_url(src, allow_relative=False)
        if src:
            self.embed(src, caption)

    def quote(self, node):
        cite = node.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        for br in node.find_all("br"):
            br.replace_with("\n")
        paragraphs = [p.get_text("", strip=False).strip() for p in node.find_all(["p", "li"])]
        text = "\n\n".join(p for p in paragraphs if p) or node.get_text(" ", strip=True)
        if text:
            self.add("quote", {"quote": text, "attribution": attribution[:200]})

    def heading(self, node):
        text = " ".join(node.get_text(" ", strip=True).split())
        if text:
            self.add("heading", {"text": text[:200], "level": HEADING_LEVELS[node.name]})

    def cover(self, node):
        """A cover block: its background image first, then the text on it."""
        img = node.find("img", class_="wp-block-cover__image-background")
        if img is not None:
            img.extract()
            self.image(img)
        else:
            background = BACKGROUND_URL.search(node.get("style", ""))
            attributes = getattr(node, "wp_block", {})
            if background or attributes.get("url"):
                src = background.group(1) if background else attributes["url"]
                wp_id = attributes.get("id") if isinstance(attributes.get("id"), int) else None
                fake = BeautifulSoup("<img/>", "html.parser").img
                fake["src"] = src
                self.image(fake, wp_id=wp_id)
        video = node.find("video", class_="wp-block-cover__video-background")
        if video is not None:
            video.extract()
            self.dropped.append("video background")
        self.walk(node)

    def paragraph(self, node):
        if any(isinstance(child, Tag) and child.name.lower() in BLOCK_TAGS for child in node):
            self.walk(node)  # a <p> the HTML parser left around block elements
            return
        images = node.find_all("img")
        text = node.get_text("", strip=True)
        url = URL_ONLY.match(text) if not images else None
        if url and len(node.find_all("a")) <= 1 and self.is_embeddable(url.group(1)):
            # WordPress turns a URL alone on its line into an embed for known providers.
            self.embed(url.group(1))
            return
        if images and not text:
            for img in images:
                self.image(img)
            return
        html = self.clean_inline(node)
        html = re.sub(r"(<br/>\s*)+$", "", html)
        self.add_rich_text(f"<p>{html}</p>")
        for img in images:
            self.image(img)

    def definition_list(self, node):
        for child in node.find_all(["dt", "dd"]):
            html = self.clean_inline(child)
            self.add_rich_text(f"<p><b>{html}</b></p>" if child.name == "dt" else f"<p>{html}</p>")

    def flush_inline(self, run):
        """Text and inline elements between blocks (classic content) form one paragraph."""
        html = "".join(self.clean_inline(node) for node in run).strip()
        html = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", html)
        if html:
            self.add_rich_text(f"<p>{html}</p>")
        run.clear()

    def block_comment(self, node):
        """<!-- wp:name {attributes} --> before a block's HTML: its attributes, and a note
        for dynamic blocks, which have no HTML to carry over."""
        match = BLOCK_COMMENT.match(str(node))
        if not match:
            return None
        name = match.group(1).removeprefix("core/")
        if name in DYNAMIC_BLOCKS:
            self.dropped.append(f"wp:{name}")
        try:
            return json.loads(match.group(2)) if match.group(2) else {}
        except ValueError:
            return {}

    def walk(self, parent):
        run = []
        attributes = {}
        for node in list(parent.children):
            if isinstance(node, Comment):
                attributes = self.block_comment(node) or attributes
                continue
            is_inline = isinstance(node, NavigableString) or (
                isinstance(node, Tag)
                and node.name.lower() not in BLOCK_TAGS
                and node.name.lower() not in ("img", "a", "script", "style", "dl")
            )
            if isinstance(node, Tag) and node.name.lower() == "a" and node.find("img") is None:
                is_inline = True
            if is_inline:
                run.append(node)
                continue
            self.flush_inline(run)
            if not isinstance(node, Tag):
                continue
            node.wp_block, attributes = attributes, {}
            self.element(node)
        self.flush_inline(run)
        return self

    def element(self, node):
        name = node.name.lower()
        classes = _classes(node)
        if name == "p":
            self.paragraph(node)
        elif name in HEADING_LEVELS:
            self.heading(node)
        elif name == "figure":
            self.figure(node)
        elif name == "img":
            self.image(node)
        elif name == "a":
            images = node.find_all("img")
            for img in images:
                self.image(img)
            text = node.get_text(" ", strip=True)
            if text:
                self.flush_inline([node])
        elif name == "blockquote":
            self.quote(node)
        elif name in ("ul", "ol") and "wp-block-gallery" in classes:
            self.gallery(node)
        elif name in ("ul", "ol"):
            self.add_rich_text(self.list_html(node))
        elif name == "table":
            self.table(node)
        elif name == "pre":
            style = (
                "verse"
                if "wp-block-verse" in classes
                else "code"
                if "wp-block-code" in classes or node.find("code") is not None
                else "preformatted"
            )
            self.preformatted(node, style)
        elif name in ("audio", "video"):
            self.media(node, name, "")
        elif name == "iframe":
            self.iframe(node)
        elif name == "hr":
            self.add_rich_text("<hr/>")
        elif name == "dl":
            self.definition_list(node)
        elif name == "div" and "wp-block-cover" in classes:
            self.cover(node)
        elif name == "summary":
            self.add_rich_text(f"<p><b>{self.clean_inline(node)}</b></p>")
        elif name in CONTAINER_TAGS:
            self.walk(node)
        elif name not in ("script", "style"):
            self.add_rich_text(f"<p>{self.clean_inline(node)}</p>")


def html_to_blocks(
    content, resolve_image=None, is_embeddable=None, *, available=None, attached_ids=()
):
    """WordPress post content → raw StreamField data.

    resolve_image(FoundImage) returns (Wagtail image id or None, title); without it, every
    image stays a link. is_embeddable(url) says whether a bare URL is an embed. available
    is the set of block types the body offers (None: all). attached_ids are the images
    attached to the post, which a [gallery] without ids shows.
    """
    return convert(
        content,
        resolve_image,
        is_embeddable,
        available=available,
        attached_ids=attached_ids,
    ).blocks


def convert(
    content,
    resolve_image=None,
    is_embeddable=None,
    *,
    available=None,
    attached_ids=(),
    local_link=None,
):
    """Like html_to_blocks, but returns the converter: .blocks, .dropped (what had no
    place in the new body) and .source_html (the content as normalised HTML).
    local_link(href) may turn a link to the old blog into one on this site."""
    resolve_image = resolve_image or (lambda found: (None, ""))
    is_embeddable = is_embeddable or (lambda url: False)
    html = normalise(content or "", attached_ids)
    converter = _Converter(resolve_image, is_embeddable, available, local_link).walk(
        BeautifulSoup(html, "html.parser")
    )
    converter.flush()
    converter.source_html = html
    return converter


def plain_text(blocks, limit=None):
    """The text of converted blocks, for a summary when the post has no excerpt."""
    pieces = []
    for block in blocks:
        if block["type"] == "paragraph":
            pieces.append(BeautifulSoup(block["value"], "html.parser").get_text(" ", strip=True))
        elif block["type"] == "quote":
            pieces.append(block["value"]["quote"])
    text = " ".join(" ".join(pieces).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
