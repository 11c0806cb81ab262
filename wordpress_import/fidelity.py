"""How much of a WordPress post its imported page keeps.

Two measures, both computed from what the reader sees: the share of the source's visible
words that the new body shows (each word counted as often as it occurs), and for each kind
of element (headings, list items, table cells, images, links) how many the source had and
how many the body has. A post below TEXT_THRESHOLD, with fewer elements of a kind, or with
something the conversion could not place (conversion's `dropped`) is listed in the
import's summary with what was lost.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from bs4 import BeautifulSoup

from core.safe_urls import safe_url

TEXT_THRESHOLD = 98.0
ELEMENT_KINDS = {
    "headings": _("headings"),
    "list_items": _("list items"),
    "table_cells": _("table cells"),
    "images": _("images"),
    "links": _("links"),
}
WORD = re.compile(r"\w+")
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@dataclass
class Fidelity:
    text_percent: float
    before: dict
    after: dict
    dropped: list = field(default_factory=list)

    @property
    def lost(self):
        """{element kind: how many fewer the page has than the source}."""
        return {
            kind: self.before[kind] - self.after.get(kind, 0)
            for kind in ELEMENT_KINDS
            if self.after.get(kind, 0) < self.before[kind]
        }

    @property
    def is_complete(self):
        return self.text_percent >= TEXT_THRESHOLD and not self.lost and not self.dropped

    def as_dict(self):
        return {
            "text_percent": self.text_percent,
            "lost": self.lost,
            "dropped": sorted(set(self.dropped)),
        }


def _words(text):
    return Counter(WORD.findall(text.casefold()))


def _link_count(soup):
    return sum(
        1 for a in soup.find_all("a", href=True) if safe_url(a["href"]) and a.get_text(strip=True)
    )


def source_profile(html):
    """(words, element counts) of WordPress HTML as normalised for conversion."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    gallery_items = sum(
        len(ul.find_all("li", recursive=False))
        for ul in soup.find_all(["ul", "ol"], class_="wp-block-gallery")
    )
    counts = {
        "headings": len(soup.find_all(HEADINGS)),
        "list_items": len(soup.find_all("li")) - gallery_items,
        "table_cells": len(soup.find_all(["td", "th"])),
        # A cover block's picture may be a CSS background rather than an <img>.
        "images": len(soup.find_all("img"))
        + len(soup.find_all(style=re.compile(r"background-image\s*:\s*url", re.I))),
        "links": _link_count(soup),
    }
    return _words(soup.get_text(" ")), counts


def result_profile(blocks):
    """(words, element counts) of converted StreamField data."""
    texts = []
    counts = dict.fromkeys(ELEMENT_KINDS, 0)
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            soup = BeautifulSoup(value, "html.parser")
            texts.append(soup.get_text(" "))
            counts["list_items"] += len(soup.find_all("li"))
            counts["links"] += _link_count(soup)
        elif kind == "heading":
            texts.append(value["text"])
            counts["headings"] += 1
        elif kind == "quote":
            texts += [value["quote"], value.get("attribution", "")]
        elif kind == "image":
            texts.append(value.get("caption", ""))
            counts["images"] += 1
        elif kind == "gallery":
            texts.append(value.get("title", ""))
            for item in value["images"]:
                texts.append(item["value"].get("caption", ""))
                counts["images"] += 1
        elif kind == "table":
            texts.append(value.get("table_caption", ""))
            for row in value["data"]:
                texts += row
                counts["table_cells"] += len(row)
        elif kind == "preformatted":
            texts.append(value["text"])
        elif kind in ("media", "embed"):
            texts += [value.get("caption", ""), value.get("embed", "")]
    return _words(" ".join(texts)), counts


def measure(source_html, blocks, dropped=()):
    source_words, before = source_profile(source_html)
    words, after = result_profile(blocks)
    total = sum(source_words.values())
    kept = sum(min(count, words[word]) for word, count in source_words.items())
    percent = round(100 * kept / total, 1) if total else 100.0
    return Fidelity(text_percent=percent, before=before, after=after, dropped=list(dropped))
