"""WordPress post HTML → StreamField blocks (paragraph, heading, image, quote, embed).

WordPress stores posts in three dialects, often mixed in one blog: classic-editor text with
line breaks instead of <p> (WordPress adds the paragraphs when it shows the post: "autop"),
shortcodes such as [caption] and [embed], and block-editor (Gutenberg) HTML wrapped in
<!-- wp:… --> comments. All three are brought to plain HTML first and then walked once.

The result is the raw StreamField data (a list of {"type", "value", "id"}), which the
importer assigns to a page body; images are looked up through a callback so this module
needs no database.
"""

import re
import uuid
from dataclasses import dataclass

from django.utils.html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCK_TAGS = {
    "address", "blockquote", "div", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "iframe", "ol", "p", "pre", "section", "table", "ul", "video", "audio",
}  # fmt: skip
RICH_TEXT_INLINE = {"a", "b", "i", "br", "code", "sub", "sup"}
RENAMED_INLINE = {"strong": "b", "em": "i", "ins": None, "span": None, "font": None, "u": None}
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
SHORTCODE_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"|(\w+)\s*=\s*\'([^\']*)\'')
CAPTION = re.compile(r"\[(?:caption|wp_caption)([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]", re.S)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
OTHER_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]")
URL_ONLY = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
IMAGE_ID_CLASS = re.compile(r"wp-image-(\d+)")
ATTACHMENT_ID = re.compile(r"attachment_(\d+)")


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
    return {
        (m.group(1) or m.group(3)): (m.group(2) if m.group(1) else m.group(4))
        for m in SHORTCODE_ATTRIBUTE.finditer(text)
    }


def _caption_to_figure(match):
    attributes = _shortcode_attributes(match.group(1))
    inner = match.group(2)
    # The caption is what follows the (possibly linked) image; older WordPress put it in
    # the caption="" attribute instead.
    image_end = max(inner.rfind("/>"), inner.rfind("</a>") + 3, inner.rfind(">"))
    image_html, caption = inner[: image_end + 1], inner[image_end + 1 :].strip()
    caption = caption or attributes.get("caption", "")
    wp_id = ATTACHMENT_ID.search(attributes.get("id", ""))
    data = f' data-attachment="{wp_id.group(1)}"' if wp_id else ""
    return f"\n\n<figure{data}>{image_html}<figcaption>{caption}</figcaption></figure>\n\n"


def _embed_to_figure(match):
    url = match.group(1).strip()
    return f'\n\n<figure class="wp-block-embed"><div>{escape(url)}</div></figure>\n\n'


def _gallery_to_figures(match):
    ids = _shortcode_attributes(match.group(1)).get("ids", "")
    figures = "".join(
        f'<figure data-attachment="{i}"><img data-attachment="{i}" src=""/></figure>'
        for i in (part.strip() for part in ids.split(","))
        if i.isdigit()
    )
    return f"\n\n{figures}\n\n"


def autop(text):
    """WordPress' wpautop, reduced to what matters for import: blank lines separate
    paragraphs, single line breaks inside a paragraph are <br>, block elements stay as they
    are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    block_start = re.compile(r"^\s*<({})[\s>/]".format("|".join(sorted(BLOCK_TAGS))), re.I)
    chunks = re.split(r"\n\s*\n", text)
    html = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if block_start.match(chunk) or chunk.startswith("<!--"):
            html.append(chunk)
        else:
            html.append("<p>" + re.sub(r"\s*\n\s*", "<br/>", chunk) + "</p>")
    return "\n".join(html)


def normalise(content):
    """Any WordPress post content → HTML with <figure>s for captions, embeds and galleries."""
    is_block_editor = "<!-- wp:" in content
    content = CAPTION.sub(_caption_to_figure, content)
    content = EMBED.sub(_embed_to_figure, content)
    content = GALLERY.sub(_gallery_to_figures, content)
    content = OTHER_SHORTCODE.sub("", content)
    if not is_block_editor:
        content = autop(content)
    return content


# Step 2: HTML → blocks ---------------------------------------------------------------------


class _Converter:
    def __init__(self, resolve_image, is_embeddable):
        self.resolve_image = resolve_image
        self.is_embeddable = is_embeddable
        self.blocks = []
        self.rich_text = []  # pieces of the paragraph block being collected

    # rich text ---------------------------------------------------------------------------

    def clean_inline(self, node):
        """Rich-text HTML Wagtail's editor accepts: b, i, a href, br, lists; the rest is
        unwrapped to its text."""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return escape(str(node))
        name = node.name.lower()
        if name in ("script", "style"):
            return ""
        inner = "".join(self.clean_inline(child) for child in node.children)
        name = RENAMED_INLINE.get(name, name)
        if name == "br":
            return "<br/>"
        if name == "a":
            href = node.get("href", "").strip()
            if not href or href.lower().startswith(("javascript:", "data:")):
                return inner
            return f'<a href="{escape(href)}">{inner}</a>'
        if name in RICH_TEXT_INLINE:
            return f"<{name}>{inner}</{name}>" if inner.strip() else inner
        if name == "img":
            return ""  # images inside text become their own blocks; see paragraph()
        return inner

    def add_rich_text(self, html):
        if re.sub(r"<br/>|\s|&nbsp;", "", html):
            self.rich_text.append(html)

    def flush(self):
        if self.rich_text:
            self.blocks.append(_block("paragraph", "".join(self.rich_text)))
            self.rich_text = []

    def add(self, block_type, value):
        self.flush()
        self.blocks.append(_block(block_type, value))

    # elements ----------------------------------------------------------------------------

    def image(self, img, caption="", wp_id=None, link=""):
        src = img.get("src", "")
        found_id = IMAGE_ID_CLASS.search(" ".join(img.get("class", []) or []))
        wp_id = wp_id or (found_id and int(found_id.group(1)))
        if img.get("data-attachment", "").isdigit():
            wp_id = int(img["data-attachment"])
        found = FoundImage(src=src, alt=img.get("alt", "").strip(), caption=caption, wp_id=wp_id)
        image_id, title = self.resolve_image(found)
        alt = found.alt[:250]
        if image_id:
            self.add(
                "image",
                {"image": image_id, "alt_text": alt, "caption": caption[:300], "credit": ""},
            )
        elif src:
            # The file is not here: keep a link to where the image was, never lose it.
            text = escape(alt or caption or title or src.rsplit("/", 1)[-1])
            self.flush()
            self.add_rich_text(f'<p><a href="{escape(src)}">{text}</a></p>')
            if caption:
                self.add_rich_text(f"<p><i>{escape(caption)}</i></p>")

    def embed(self, url, caption=""):
        self.add("embed", {"embed": url, "caption": caption[:300]})

    def figure(self, node):
        caption_tag = node.find("figcaption")
        caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
        classes = node.get("class", []) or []
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
        images = node.find_all("img")
        wp_id = node.get("data-attachment")
        for img in images:
            link = img.find_parent("a")
            self.image(
                img,
                caption=caption if len(images) == 1 else "",
                wp_id=int(wp_id) if wp_id and wp_id.isdigit() else None,
                link=link.get("href", "") if link else "",
            )
        if len(images) > 1 and caption:
            self.add_rich_text(f"<p><i>{escape(caption)}</i></p>")

    def iframe(self, node, caption=""):
        src = node.get("src", "")
        if src.startswith("//"):
            src = "https:" + src
        if src:
            self.embed(src, caption)

    def quote(self, node):
        cite = node.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        paragraphs = [p.get_text(" ", strip=True) for p in node.find_all("p")]
        text = "\n\n".join(p for p in paragraphs if p) or node.get_text(" ", strip=True)
        if text:
            self.add("quote", {"quote": text, "attribution": attribution[:200]})

    def heading(self, node):
        text = node.get_text(" ", strip=True)
        if text:
            self.add("heading", {"text": text[:200], "level": HEADING_LEVELS[node.name]})

    def paragraph(self, node):
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
        self.add_rich_text(f"<p>{self.clean_inline(node)}</p>")
        for img in images:
            self.image(img)

    def rich_list(self, node):
        items = "".join(
            f"<li>{self.clean_inline(li)}</li>" for li in node.find_all("li", recursive=False)
        )
        if items:
            self.add_rich_text(f"<{node.name}>{items}</{node.name}>")

    def flush_inline(self, run):
        """Text and inline elements between blocks (classic content) form one paragraph."""
        html = "".join(self.clean_inline(node) for node in run).strip()
        html = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", html)
        if html:
            self.add_rich_text(f"<p>{html}</p>")
        run.clear()

    def walk(self, parent):
        run = []
        for node in parent.children:
            if isinstance(node, Comment):
                continue
            is_inline = isinstance(node, NavigableString) or (
                isinstance(node, Tag)
                and node.name.lower() not in BLOCK_TAGS
                and node.name.lower() not in ("img", "a", "script", "style")
            )
            if isinstance(node, Tag) and node.name.lower() == "a" and node.find("img") is None:
                is_inline = True
            if is_inline:
                run.append(node)
                continue
            self.flush_inline(run)
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name == "p":
                self.paragraph(node)
            elif name in HEADING_LEVELS:
                self.heading(node)
            elif name == "figure":
                self.figure(node)
            elif name == "img":
                self.image(node)
            elif name == "a" and node.find("img") is not None and not node.get_text(strip=True):
                for img in node.find_all("img"):
                    self.image(img, link=node.get("href", ""))
            elif name == "blockquote":
                self.quote(node)
            elif name in ("ul", "ol"):
                self.rich_list(node)
            elif name == "iframe":
                self.iframe(node)
            elif name == "hr":
                continue
            elif name in ("div", "section", "article", "main", "center"):
                self.walk(node)
            elif name in ("table", "pre", "dl", "address"):
                # No table or code block in the page bodies: keep the text readable.
                lines = [line.strip() for line in node.get_text("\n").splitlines()]
                text = "<br/>".join(escape(line) for line in lines if line)
                self.add_rich_text(f"<p>{text}</p>")
            elif name not in ("script", "style"):
                self.add_rich_text(f"<p>{self.clean_inline(node)}</p>")
        self.flush_inline(run)
        return self


def html_to_blocks(content, resolve_image=None, is_embeddable=None):
    """WordPress post content → raw StreamField data.

    resolve_image(FoundImage) returns (Wagtail image id or None, title); without it, every
    image stays a link. is_embeddable(url) says whether a bare URL is an embed.
    """
    resolve_image = resolve_image or (lambda found: (None, ""))
    is_embeddable = is_embeddable or (lambda url: False)
    soup = BeautifulSoup(normalise(content or ""), "html.parser")
    converter = _Converter(resolve_image, is_embeddable).walk(soup)
    converter.flush()
    return converter.blocks


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
