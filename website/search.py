"""Site search over every live, public page: blog posts, news, events and standard pages,
filtered by kind and by work area, with the matching words highlighted.

Results are newest first, and what they cost must not grow with the number of pages
(issue 22): Wagtail's search backend counts and sorts every match, which for a word in every
post grew with the posts. So the search index is read first, match by match, and stops after
MAX_COUNTED + 1 matches (`matches_found`): a word with at most MAX_COUNTED matches has them
counted and sorted here; past that the page says "more than 1,000 results" (pages up to
that) and its results are found by walking the pages newest first and keeping those that
match (`NewestMatches`), which for a common word ends after a page or two of candidates.

PostgreSQL stems Swedish words (WAGTAILSEARCH_BACKENDS' SEARCH_CONFIG "swedish"). The
Snowball stemmer is not consistent for compounds, though: it cuts "arbetsmarknad" to
"arbetsmarkn" but "arbetsmarknaden" to "arbetsmarknad". So each query word is also searched
in its common inflected forms, which PostgreSQL then stems; SQLite, which has no stemmer,
matches those forms as they are.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

RESULTS_PER_PAGE = 10
# Past this many matches a search says "more than 1,000 results" instead of counting them
# all, and offers as many pages; nobody reads further than that, and counting every match
# of a word in every post grew with the number of posts.
MAX_COUNTED = 1000
# Pages tested in the first round of NewestMatches, enough for a common word's first page
# of results; each further round tests twice as many.
FIRST_ROUND = 50
CHUNK = 500  # ids per query: SQLite allows 999 parameters
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


class CappedPaginator(Paginator):
    """A paginator told how many matches were counted, at most MAX_COUNTED + 1; `capped`
    when there are more than MAX_COUNTED, and then only MAX_COUNTED are paged."""

    def __init__(self, object_list, per_page, *, counted):
        super().__init__(object_list, per_page)
        self.capped = counted > MAX_COUNTED
        self.counted = min(counted, MAX_COUNTED)

    @property
    def count(self):
        return self.counted


def search_pages(query, *, page_number=1, kind=None, work_area=None, within=None):
    """A page of results in the language shown for the SearchQuery, or None when it has no
    word to search for; with `within` (a site's home page), only the pages below it."""
    if not query.words:
        return None
    pages = Page.objects.live().public().filter(locale=Locale.get_active())
    if within is not None:
        pages = pages.descendant_of(within, inclusive=True)
    kind = kind if kind in KINDS else None
    pages = pages_of_kind(pages, kind, work_area)
    search_query = build_query(query.words)
    found = matches_found(pages, search_query, narrowed=kind is not None or work_area is not None)
    if len(found) > MAX_COUNTED:
        results = NewestMatches(pages, search_query)
    else:
        # Newest first, as on the old WordPress blog: ranking every match by relevance made
        # a search of 5 000 posts take a second on SQLite (bench/bench_blog.py).
        found.sort(key=lambda row: (row[0] is not None, row), reverse=True)
        results = PagesWithIds([pk for _published, pk in found])
    return CappedPaginator(results, RESULTS_PER_PAGE, counted=len(found)).get_page(page_number)


def matches_found(pages, search_query, *, narrowed=False):
    """(first published, pk) of these pages that match, up to MAX_COUNTED + 1 of them.

    The search index leads: its matching entries are read one by one and each is looked up
    among the pages, so the query stops after MAX_COUNTED + 1 (Wagtail's own search gathers
    every match first on SQLite, and on PostgreSQL tests every page without an index).
    `narrowed`: a kind or work area leaves few pages; PostgreSQL, which cannot tell how many
    entries match, would still read every entry of a common word (0.5 s at 50 000 posts for
    the events), so there the pages lead and each is looked up among the entries."""
    if connection.vendor != "sqlite" and narrowed:
        entries = postgres_matches(search_query, whole_query_too=True).filter(
            object_id=Cast(OuterRef("pk"), CharField()), content_type=OuterRef("content_type")
        )
        found = pages.filter(Exists(entries)).order_by().values_list("first_published_at", "pk")
        return list(found[: MAX_COUNTED + 1])
    if connection.vendor == "sqlite":
        entries, prefix = sqlite_matches(search_query), "index_entry__"
    else:
        entries, prefix = postgres_matches(search_query), ""
    page = pages.filter(
        pk=Cast(OuterRef(f"{prefix}object_id"), IntegerField()),
        content_type=OuterRef(f"{prefix}content_type"),
    ).order_by()
    # The dates are only compared with each other: SQLite's are read as the text it keeps
    # (ISO 8601 in UTC, which sorts as the dates do), not made into a thousand datetimes (4 ms).
    published = Subquery(page.values("first_published_at")[:1], output_field=CharField())
    # Looked up entry by entry, as a subquery, rather than through EXISTS: PostgreSQL turns
    # EXISTS into a join and, with fresh statistics, hashed every page of the site for it
    # (25 of a rare word's 34 ms at 50 000 posts, growing with the pages, not the matches).
    found = (
        entries.alias(page_id=Subquery(page.values("pk")[:1]))
        .filter(page_id__isnull=False)
        .annotate(published=published)
        .values_list("published", Cast(f"{prefix}object_id", IntegerField()))
    )
    return list(found[: MAX_COUNTED + 1])


class PagesWithIds:
    """The specific pages with these ids, in their order, fetched a slice at a time; a page
    deleted since its id was found is left out."""

    def __init__(self, ids):
        self.ids = ids

    def __getitem__(self, window):
        wanted = self.ids[window]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=wanted).specific()}
        return [specific[pk] for pk in wanted if pk in specific]


def postgres_matches(search_query, *, whole_query_too=False):
    """The index entries that match on PostgreSQL, as Wagtail's backend matches them (title
    and body together: each word must be in one or the other), through its indexes on the
    title and on the body. `whole_query_too`: the whole query tested on the two together
    as well, which changes nothing of what matches but makes PostgreSQL expect few entries
    for a rare word; where the pages lead, it then reads them through the indexes rather
    than every entry (a rare word among the posts at 50 000 posts: 31 ms with it, 566
    without). Where the entries lead it only costs time (8.4 → 6.1 ms without it for a
    rare word, 20.3 → 16.5 ms for a word in every post)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(Page.objects.none(), search_query)
    config = compiler.get_config(backend)
    words = search_query.subqueries if isinstance(search_query, And) else [search_query]
    indexed = Q()
    for word in words:
        tsquery = compiler.build_tsquery(word, config=config)
        indexed &= Q(title=tsquery) | Q(body=tsquery)
    entries = IndexEntry.objects.filter(indexed)
    if not whole_query_too:
        return entries
    both = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    return entries.alias(title_and_body=both).filter(
        title_and_body=compiler.build_tsquery(search_query, config=config)
    )


def sqlite_matches(search_query):
    """The rows of SQLite's full-text table that match, as Wagtail's SQLite backend builds
    its MATCH (the same fields and quoting, so both find the same pages)."""
    from wagtail.search.models import SQLiteFTSIndexEntry

    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    compiler = get_search_backend().query_compiler_class(Page.objects.none(), search_query)
    match = MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(search_query))
    )
    return SQLiteFTSIndexEntry.objects.filter(match)


class NewestMatches:
    """The pages that match, newest first, found without sorting every match: pages are
    taken newest first in rounds (50, then twice as many each round) and each round keeps
    those that match, until the slice asked for is found. A word in every post needs one
    round for its first page, whatever the number of posts."""

    def __init__(self, pages, search_query):
        self.pages = pages
        self.search_query = search_query

    def __getitem__(self, window):
        return PagesWithIds(self.matching_ids(window.stop))[window]

    def matching_ids(self, wanted):
        found, offset, size = [], 0, FIRST_ROUND
        # The pk after the date so that rounds never skip or repeat pages of the same date.
        newest = self.pages.order_by("-first_published_at", "-pk").values_list("pk", "content_type")
        while len(found) < wanted:
            candidates = list(newest[offset : offset + size])
            found += self.matching(candidates)
            if len(candidates) < size:
                break
            offset, size = offset + size, size * 2
        return found

    def matching(self, candidates):
        """Those of the candidates (pk, content type), in their order, that match."""
        matched = set()
        for start in range(0, len(candidates), CHUNK):
            chunk = candidates[start : start + CHUNK]
            if connection.vendor == "sqlite":
                matched |= self.sqlite_matching(chunk)
            else:
                ids = [pk for pk, _content_type in chunk]
                pages = Page.objects.filter(pk__in=ids)
                matched |= {
                    page.pk for page in pages.search(self.search_query, order_by_relevance=False)
                }
        return [pk for pk, _content_type in candidates if pk in matched]

    def sqlite_matching(self, chunk):
        """The full-text index is asked only about the candidates' index entries, in a few
        ranges of entry ids (one query): pages are indexed about when they are published,
        so the newest pages' entries lie close together (a home page indexed long ago is a
        range of its own), and a range holds little else."""
        wanted = {(content_type, str(pk)): pk for pk, content_type in chunk}
        entries = {}
        for entry_id, content_type, object_id in IndexEntry.objects.filter(
            content_type__in={content_type for content_type, _object_id in wanted},
            object_id__in=[object_id for _content_type, object_id in wanted],
        ).values_list("pk", "content_type", "object_id"):
            if (content_type, object_id) in wanted:
                entries[entry_id] = wanted[(content_type, object_id)]
        if not entries:
            return set()
        matches = sqlite_matches(self.search_query)
        ranges = [
            matches.filter(index_entry__gte=low, index_entry__lte=high).values_list(
                "index_entry", flat=True
            )
            for low, high in id_ranges(entries)
        ]
        hits = ranges[0].union(*ranges[1:], all=True)
        return {entries[hit] for hit in hits if hit in entries}


MAX_RANGES = 8  # each range asks the full-text index anew (~0.1–0.3 ms)


def id_ranges(ids):
    """The ids as at most MAX_RANGES ranges (low, high), cut at their widest gaps that are
    wider than there are ids."""
    ids = sorted(ids)
    widest = sorted(range(1, len(ids)), key=lambda i: ids[i] - ids[i - 1], reverse=True)
    cuts = sorted(i for i in widest[: MAX_RANGES - 1] if ids[i] - ids[i - 1] > len(ids))
    bounds = [0, *cuts, len(ids)]
    return [(ids[start], ids[end - 1]) for start, end in zip(bounds, bounds[1:], strict=False)]


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
