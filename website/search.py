"""Site search over every live, public page: blog posts, news, events and standard pages,
filtered by kind and by work area, with the matching words highlighted.

PostgreSQL stems Swedish words (WAGTAILSEARCH_BACKENDS' SEARCH_CONFIG "swedish"). The
Snowball stemmer is not consistent for compounds, though: it cuts "arbetsmarknad" to
"arbetsmarkn" but "arbetsmarknaden" to "arbetsmarknad". So each query word is also searched
in its common inflected forms, which PostgreSQL then stems; SQLite, which has no stemmer,
matches those forms as they are.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, PlainText

RESULTS_PER_PAGE = 10
SUMMARY_LENGTH = 240

KINDS = {
    "inlagg": _("Blog posts"),
    "nyheter": _("News items"),
    "evenemang": _("Events"),
    "sidor": _("Pages"),
}

# Longest first, so "arbetsmarknaderna" loses "erna", not just "a".
SWEDISH_ENDINGS = sorted(
    ["arna", "erna", "orna", "ande", "ende", "are", "ast", "het", "en", "et", "er", "ar", "or"]
    + ["na", "ns", "es", "s", "a", "e"],
    key=len,
    reverse=True,
)
MIN_STEM_LENGTH = 4
WORD = re.compile(r"\w+", re.UNICODE)
# Each word is searched in ~25 forms: more words make a query PostgreSQL plans for seconds
# (and, near 250 words, one Python cannot build), and no reader needs them.
MAX_QUERY_WORDS = 8
# Longer than any real search, and short enough for the search-promotion log's 255.
MAX_QUERY_LENGTH = 200


@dataclass
class SearchQuery:
    """What the reader typed, made safe to search: control characters (NUL included, which
    PostgreSQL refuses in text) and punctuation (a lone quote is a syntax error to SQLite's
    full-text index) never reach the database; only the words do, at most MAX_QUERY_WORDS."""

    text: str
    words: list
    words_dropped: int = 0
    asked: bool = False  # the reader typed something, if only characters we drop

    @classmethod
    def from_input(cls, raw):
        text = "".join(
            " " if unicodedata.category(char).startswith("C") else char
            for char in (raw or "")[:MAX_QUERY_LENGTH]
        )
        text = " ".join(text.split())
        words = WORD.findall(text)
        return cls(
            text=text,
            words=words[:MAX_QUERY_WORDS],
            words_dropped=max(len(words) - MAX_QUERY_WORDS, 0),
            asked=bool((raw or "").strip()),
        )

    @property
    def searched(self):
        """The words searched for, as the search-promotion log records them."""
        return " ".join(self.words)


def light_stem(word):
    """The word without its most common Swedish inflection ending, for highlighting and for
    SQLite, which has no stemmer."""
    lowered = word.lower()
    for ending in SWEDISH_ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= MIN_STEM_LENGTH:
            return lowered[: -len(ending)]
    return lowered


INFLECTIONS = ["", "en", "et", "n", "t", "er", "ar", "or", "erna", "arna", "orna", "na", "s"]


def word_forms(word):
    """The word and its common Swedish inflected forms, built on the word as typed and on
    its stem: "arbetsmarknaden" gives "arbetsmarknad", "arbetsmarknader",
    "arbetsmarknaderna" …, and "konferens" (whose stem "konfere" is cut too far) still
    gives "konferensen"."""
    word = word.lower()
    stem = light_stem(word)
    if len(stem) < MIN_STEM_LENGTH:
        return [word]
    bases = {stem, word}
    return sorted({word, *(base + ending for base in bases for ending in INFLECTIONS)})


def build_query(words):
    """Every word must match, in any of its forms."""
    terms = [Or([PlainText(form) for form in word_forms(word)]) for word in words]
    return terms[0] if len(terms) == 1 else And(terms)


def pages_of_kind(pages, kind, work_area):
    from blog.models import BlogPostPage, EventPage
    from website.models import StandardPage

    if kind in ("inlagg", "nyheter"):
        posts = BlogPostPage.objects.filter(
            kind=BlogPostPage.Kind.NEWS if kind == "nyheter" else BlogPostPage.Kind.BLOG
        )
        if work_area is not None:
            posts = posts.filter(categories=work_area)
        return pages.filter(id__in=posts.values("id"))
    if kind == "evenemang" or (kind is None and work_area is not None):
        events = EventPage.objects.all()
        posts = BlogPostPage.objects.all()
        if work_area is not None:
            events = events.filter(categories=work_area)
            posts = posts.filter(categories=work_area)
        if kind == "evenemang":
            return pages.filter(id__in=events.values("id"))
        return pages.filter(Q(id__in=posts.values("id")) | Q(id__in=events.values("id")))
    if kind == "sidor":
        return pages.type(StandardPage)
    return pages


def search_pages(query, *, page_number=1, kind=None, work_area=None, within=None):
    """A page of results in the language shown for the SearchQuery, or None when it has no
    word to search for; with `within` (a site's home page), only the pages below it."""
    if not query.words:
        return None
    pages = Page.objects.live().public().filter(locale=Locale.get_active())
    if within is not None:
        pages = pages.descendant_of(within, inclusive=True)
    pages = pages_of_kind(pages, kind if kind in KINDS else None, work_area)
    # Newest first, as on the old WordPress blog: ranking every match by relevance made a
    # search of 5 000 posts take a second on SQLite (bench/bench_blog.py).
    results = (
        pages.order_by("-first_published_at")
        .specific()
        .search(build_query(query.words), order_by_relevance=False)
    )
    return Paginator(results, RESULTS_PER_PAGE).get_page(page_number)


def summary_text(page):
    return getattr(page, "search_summary", "") or page.search_description or ""


def highlight(text, words, length=SUMMARY_LENGTH):
    """The text, shortened, with words that share a stem with a query word in <mark>."""
    text = Truncator(text).chars(length)
    stems = {light_stem(word) for word in words}
    stems = [stem for stem in stems if stem]
    if not stems:
        return escape(text)
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
        + r")\w*",
        re.IGNORECASE,
    )
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def kind_label(page):
    """What a result is, in the reader's words: blog post, news item, event, page."""
    get_kind_display = getattr(page, "get_kind_display", None)
    return get_kind_display() if get_kind_display else page._meta.verbose_name
