"""Imports a WordPress export (WXR) into a blog: posts, pages, authors, categories, tags,
comments and images, with redirects from the old permalinks.

Every post (with its comments, images and authors) is written in a transaction of its own:
a broken post is reported and rolled back while the rest go in. A dry run does exactly the
same work and rolls every transaction back, except that it copies no image files.
Everything created is remembered in ImportedObject under its WordPress id, so a second run
updates what the first created, and skips what has not changed.
"""

import hashlib
import html
import json
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from bs4 import BeautifulSoup
from PIL import Image as PILImage
from taggit.models import Tag

from blog import listing_index
from blog.models import Author, BlogPostAuthor, BlogPostPage
from comments import models as comment_models
from comments.availability import set_page_comments
from core.cache import invalidate_public_pages
from core.planner_statistics import refresh_after_bulk_load
from core.safe_urls import safe_url
from governance.register.models import WorkArea
from website.models import StandardPage

from . import fidelity, media
from .conversion import convert, plain_text
from .models import ImportedObject
from .page_creation import create_page, load_parental_many_to_many
from .report import ImportReport
from .wxr import WXRReader, read_attachment

Kind = ImportedObject.Kind
Comment = comment_models.Comment
PageCommentSettings = comment_models.PageCommentSettings
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
COMMENT_STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING}
INTRO_LENGTH = 300
INDEX_CHUNK = 200
# What a dry run puts where an image will be (the transaction is rolled back: no row, no
# file, no foreign key checked).
DRY_RUN_IMAGE = -1
# Who signs a post whose dc:creator names no author of the export.
FALLBACK_AUTHOR_KEY = "(fallback)"  # no WordPress login has parentheses
FALLBACK_AUTHOR_NAME = gettext_lazy("The editors")


class AuthorsMapError(ValueError):
    pass


def read_authors_map(path):
    """A text file, one "login = author" (or "login,author") a line; the author is an
    existing author's slug, id or name. Lines starting with # are ignored."""
    mapping = {}
    text = Path(path).read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        separator = "=" if "=" in line else ","
        login, _sep, target = (part.strip() for part in line.partition(separator))
        if not login or not target:
            raise AuthorsMapError(
                _("Line %(number)s of the authors map is not “login = author”.")
                % {"number": number}
            )
        author = (
            Author.objects.filter(slug=target).first()
            or (Author.objects.filter(pk=target).first() if target.isdigit() else None)
            or Author.objects.filter(name__iexact=target).first()
        )
        if author is None:
            raise AuthorsMapError(
                _("The authors map names “%(author)s”, but there is no such author.")
                % {"author": target}
            )
        mapping[login] = author.pk
    return mapping


@contextmanager
def deferred_search_indexing(models):
    """Turns off the search index update on every save of these models, in this process,
    while the import runs; the importer indexes each page once itself."""
    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def clean_title(title):
    """WordPress titles are HTML: "Media &amp; Text", "Title with <em>markup</em>". The
    title here is plain text: tags removed, entities decoded once."""
    return " ".join(html.unescape(strip_tags(title or "")).split())


def comment_text(content):
    """A comment's HTML as the plain text a reader saw: paragraphs and line breaks kept,
    tags removed, entities decoded once (a written "&lt;blockquote&gt;" reads
    "<blockquote>")."""
    soup = BeautifulSoup(content or "", "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "blockquote", "div", "li", "pre"]):
        block.insert_after("\n\n")
    text = soup.get_text()
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]*\n[ \t]*", "\n", text)).strip()


def _edited_since_import(page, mapping):
    """Whether someone changed the page after the import last wrote it: a newer revision,
    or a post the import published that an editor has unpublished."""
    if mapping.revision_id is None:  # imported before revisions were remembered
        return False
    if page.latest_revision_id != mapping.revision_id:
        return True
    return mapping.published and not page.live


def _without_ids(data):
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(value) for value in data]
    return data


def _content(page):
    """What the import writes into a page, to tell whether a new run changes anything
    (block ids are new on every conversion and do not count)."""
    return json.dumps(
        [
            page.title,
            page.intro,
            _without_ids(list(page.body.get_prep_value())),
            str(getattr(page, "date", "")),
            getattr(page, "lead_image_id", None),
            getattr(page, "intro_is_opening", None),
        ],
        sort_keys=True,
        default=str,
    )


def _is_image_file(path):
    try:
        with PILImage.open(path) as image:
            return image.format in {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"}
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return False


def _checksum(item):
    return hashlib.sha256(item.raw).hexdigest()


class WordPressImporter:
    def __init__(
        self,
        path,
        blog,
        *,
        dry_run=False,
        media_dir=None,
        fetch_media=False,
        authors_map=None,
        unmatched_categories="tag",
        pages_parent=None,
        user=None,
        progress=None,
    ):
        self.path = path
        self.blog = blog
        self.dry_run = dry_run
        self.media_dir = Path(media_dir) if media_dir else None
        # Files fetched from the old site wait in a folder of their own until the run ends.
        self.fetch_media = fetch_media
        self.fetch_dir = None
        self.authors_map = authors_map or {}
        self.unmatched_categories = unmatched_categories
        self.pages_parent = pages_parent or blog.get_parent().specific
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport(dry_run=dry_run)
        self.site = blog.get_site()
        # Caches of what is committed: {key: id}. A unit of work adds to them only when it
        # commits (never in a dry run, where everything is rolled back).
        self.cache = {"author": {}, "image": {}, "page": {}, "tag": set(), "index": {}}
        self.tag_spelling = {}  # casefolded tag name -> the spelling used
        # A dry run's pages are rolled back: where each would be, for its children.
        self.dry_paths = {}  # (kind, wp id) -> the page's address
        self.dry_parent_path = None
        self._pending_cache = None

    # Units of work ------------------------------------------------------------------------

    @contextmanager
    def unit(self):
        self._pending_cache = {key: {} for key in ("author", "image", "page", "index")}
        self._pending_cache["tag"] = set()
        self.report.begin()
        try:
            with transaction.atomic():
                yield
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception:
            self.report.discard()
            self._pending_cache = None
            raise
        self.report.commit()
        if not self.dry_run:
            for key, values in self._pending_cache.items():
                self.cache[key].update(values)
        self._pending_cache = None

    def cached(self, kind, key):
        if self._pending_cache and key in self._pending_cache[kind]:
            return self._pending_cache[kind][key]
        return self.cache[kind].get(key)

    def remember(self, kind, key, value):
        if self._pending_cache is not None:
            self._pending_cache[kind][key] = value
        else:
            self.cache[kind][key] = value

    def mapping(self, kind, wp_id):
        return (
            ImportedObject.objects.filter(source=self.source, kind=kind, wp_id=str(wp_id))
            .select_related("page")
            .first()
        )

    def save_mapping(self, kind, wp_id, checksum="", is_new=False, **target):
        if is_new:
            ImportedObject.objects.create(
                source=self.source, kind=kind, wp_id=str(wp_id), checksum=checksum, **target
            )
            return
        ImportedObject.objects.update_or_create(
            source=self.source,
            kind=kind,
            wp_id=str(wp_id),
            defaults={"checksum": checksum, **target},
        )

    # The run ------------------------------------------------------------------------------

    def run(self):
        # Saving, revising and publishing a page each re-index it; an import updates the
        # reference index once per post and the search index in bulk at the end instead,
        # which more than halves the time of a large import.
        with (
            disable_reference_index_auto_update(),
            deferred_search_indexing([Page, BlogPostPage, StandardPage]),
        ):
            try:
                report = self._run()
            finally:
                if self.fetch_dir:
                    shutil.rmtree(self.fetch_dir, ignore_errors=True)
            self._index_pages()
        if not self.dry_run:
            refresh_after_bulk_load()
        return report

    def _index_pages(self):
        """Adds the imported pages to the search index, a few hundred per query."""
        by_model = {}
        for model, pk in self.cache["index"]:
            by_model.setdefault(model, []).append(pk)
        for model, ids in by_model.items():
            for start in range(0, len(ids), INDEX_CHUNK):
                chunk = ids[start : start + INDEX_CHUNK]
                # get_indexed_objects() prefetches the related fields that are indexed.
                pages = list(model.get_indexed_objects().filter(pk__in=chunk))
                load_parental_many_to_many(model, pages)
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(model, pages)

    def _run(self):
        reader = WXRReader(self.path)
        self.attachments = {}
        self.attachment_by_url = {}
        self.attachment_by_path = {}
        self.attached_images = {}  # post id -> its attached images' ids, in menu order
        channel = reader.channel(on_attachment=self._note_attachment)
        self.channel = channel
        self.source = channel.source or self.blog.full_url or "wordpress"
        self.old_hosts = {
            urlsplit(url).netloc.lower()
            for url in (channel.link, channel.base_blog_url)
            if url and urlsplit(url).netloc
        }
        self.work_areas = self._work_areas()
        # One query for what earlier runs made, instead of one per post of a new blog.
        self.known_pages = set(
            ImportedObject.objects.filter(
                source=self.source, kind__in=[Kind.POST, Kind.PAGE]
            ).values_list("kind", "wp_id")
        )
        total = sum(channel.counts.get(t, 0) for t in ("post", "page", "attachment"))
        done = 0
        self.progress(done, total)
        deferred_pages = []
        self.seen_items = set()
        for item in reader.items():
            if item.post_type == "post":
                self._guarded(self.import_post, item, "posts")
            elif item.post_type == "page":
                if item.parent_id and not self._parent_known(item.parent_id):
                    deferred_pages.append(item.wp_id)
                    continue
                self._guarded(self.import_page, item, "pages")
            elif item.post_type == "attachment":
                self._guarded(self.import_attachment, item, "images")
            else:
                continue
            done += 1
            self.progress(done, total)
        done = self._import_deferred_pages(reader, deferred_pages, done, total)
        self.progress(total, total)
        if not self.dry_run:
            # New posts were published without the page_published signal (see _create_page),
            # so what its receivers empty is emptied here, once: the page cache.
            invalidate_public_pages()
        return self.report

    def _import_deferred_pages(self, reader, deferred, done, total):
        """Pages whose parent page comes later in the file; each round imports those whose
        parent now exists, and the last round puts the rest under the pages' parent."""
        while deferred:
            wanted = set(deferred)
            deferred = []
            progress_made = False
            for item in reader.items():
                if item.post_type != "page" or item.wp_id not in wanted:
                    continue
                if self._parent_known(item.parent_id):
                    self._guarded(self.import_page, item, "pages")
                    progress_made = True
                    done += 1
                    self.progress(done, total)
                else:
                    deferred.append(item)
            if not progress_made:
                for item in deferred:
                    self._guarded(self.import_page, item, "pages", orphan=True)
                    done += 1
                    self.progress(done, total)
                deferred = []
            else:
                deferred = [item.wp_id for item in deferred]
        return done

    def _guarded(self, method, item, kind, **options):
        key = (item.post_type, item.wp_id)
        if key in self.seen_items:
            # The same post twice in one file (a hand-joined export): the first one counts.
            self.report.record(
                kind, f"{item.wp_id} again", "skipped", _("in the export twice"), item.title
            )
            return
        self.seen_items.add(key)
        try:
            method(item, **options)
        except Exception as error:  # one broken post must not stop the others
            self.report.record(
                kind,
                item.wp_id,
                "failed",
                _("it could not be saved because of an unexpected error (%(error)s)")
                % {"error": f"{type(error).__name__}: {error}"},
                item.title,
            )

    def _note_attachment(self, item):
        relative, url, alt, caption = read_attachment(item)
        self.attachments[item.wp_id] = {
            "relative": relative,
            "url": url,
            "alt": alt,
            "caption": caption,
            "title": item.title,
        }
        if url:
            # The exact file first; a thumbnail's address ("-580x300") falls back to the
            # original's, unless a file of that very name exists.
            self.attachment_by_path.setdefault(urlsplit(url).path, item.wp_id)
            self.attachment_by_url.setdefault(self._url_key(url), item.wp_id)
        if item.parent_id and Path(urlsplit(url).path or relative).suffix.lower() in IMAGE_SUFFIXES:
            self.attached_images.setdefault(item.parent_id, []).append(
                (item.menu_order, item.wp_id)
            )

    def local_link(self, href):
        """A link to a published post or page of the old blog, by its permalink or by its
        short link (/?p=102), becomes its address here (the old path, which the import
        redirects to the new page), so it keeps working once the old blog is gone."""
        parts = urlsplit(href)
        path = parts.path
        if path in ("", "/") and parts.query:
            query = parse_qs(parts.query)
            wp_id = (query.get("p") or query.get("page_id") or [""])[0]
            path = self.channel.short_links.get(wp_id, path)
        if parts.netloc.lower() not in self.old_hosts or path not in self.channel.permalinks:
            return href
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    @staticmethod
    def _url_key(url):
        """Same file, whatever the host, scheme or thumbnail size in the address."""
        return SIZE_SUFFIX.sub("", urlsplit(url).path)

    def _attachment_for_src(self, src):
        path = urlsplit(src).path
        return self.attachment_by_path.get(path) or self.attachment_by_url.get(self._url_key(src))

    # Posts and pages ----------------------------------------------------------------------

    def _page_id(self, wp_id, kind):
        key = (kind, wp_id)
        page_id = self.cached("page", key)
        if page_id is None:
            mapping = self.mapping(kind, wp_id)
            page_id = mapping.page_id if mapping and mapping.page_id else None
            if page_id:
                self.remember("page", key, page_id)
        return page_id

    def _skip_reason(self, item):
        if item.status in SKIPPED_STATUSES:
            return _("status “%(status)s” in WordPress") % {"status": item.status}
        return ""

    def import_post(self, item):
        self._import_page_item(item, "posts", Kind.POST, BlogPostPage, self.blog)

    def _parent_known(self, wp_id):
        """Whether the page with this WordPress id is here, or (in a dry run) would be."""
        return bool(self._page_id(wp_id, Kind.PAGE)) or (Kind.PAGE, wp_id) in self.dry_paths

    def import_page(self, item, orphan=False):
        parent = self.pages_parent
        self.dry_parent_path = None
        if item.parent_id and not orphan:
            parent_id = self._page_id(item.parent_id, Kind.PAGE)
            if parent_id:
                parent = StandardPage.objects.get(pk=parent_id)
            else:
                # A dry run rolled the parent back: the page goes where it can, and its
                # address is predicted under the parent's, for the redirects.
                self.dry_parent_path = self.dry_paths.get((Kind.PAGE, item.parent_id))
        try:
            self._import_page_item(item, "pages", Kind.PAGE, StandardPage, parent)
        finally:
            self.dry_parent_path = None

    def _page_path(self, page):
        """The page's address on the site (predicted in a dry run for a page whose parent
        was rolled back)."""
        if self.dry_parent_path is not None:
            return f"{self.dry_parent_path.rstrip('/')}/{page.slug}/"
        return page.url or ""

    def _import_page_item(self, item, report_kind, kind, page_class, parent):
        reason = self._skip_reason(item)
        if reason:
            self.report.record(report_kind, item.wp_id, "skipped", reason, item.title)
            return
        checksum = _checksum(item)
        known = (kind, str(item.wp_id)) in self.known_pages
        mapping = self.mapping(kind, item.wp_id) if known else None
        page = mapping.page.specific if mapping and mapping.page_id else None
        if page is not None and mapping.checksum == checksum:
            self.report.record(report_kind, item.wp_id, "skipped", _("unchanged"), item.title)
            self._count_unchanged_comments(item)
            return
        if page is not None and _edited_since_import(page, mapping):
            # An editor's work wins: the import leaves the page (and its comments) alone.
            self.report.record(
                report_kind,
                item.wp_id,
                "skipped",
                _("changed here since the last import: left as the editors made it"),
                page.title,
            )
            self._count_unchanged_comments(item)
            return
        # Password-protected posts were not public: they come in unpublished.
        publish = item.status == "publish" and not item.password
        # A post WordPress would publish later is scheduled here for the same moment.
        scheduled = (
            item.status == "future"
            and not item.password
            and item.date is not None
            and item.date > timezone.now()
        )
        with self.unit():
            self.problems = []
            is_new = page is None
            if is_new:
                page = page_class(live=False)
            before = None if is_new else _content(page)
            converted = convert(
                item.content,
                self.resolve_image,
                self.is_embeddable,
                available=self._body_block_types(page_class),
                attached_ids=[i for _order, i in sorted(self.attached_images.get(item.wp_id, []))],
                local_link=self.local_link,
            )
            blocks = converted.blocks
            # Page titles and slugs hold 255 characters; WordPress' have no limit.
            page.title = Truncator(clean_title(item.title) or _("(untitled)")).chars(255)
            page.body = blocks
            excerpt = " ".join(html.unescape(strip_tags(item.excerpt)).split())
            if isinstance(page, BlogPostPage):
                # A post's teaser needs a summary: the excerpt, else the opening text.
                page.intro = excerpt or plain_text(blocks, INTRO_LENGTH)
                page.intro_is_opening = not excerpt
                self._fill_post(page, item)
            else:
                # A page shows its introduction above the body: only a written excerpt,
                # never the body's own opening again.
                page.intro = excerpt
            if not is_new and before == _content(page) and page.live == publish:
                # Converted again to the same page (a post with a missing image is never
                # "unchanged" by its checksum): no new revision.
                self.report.record(report_kind, item.wp_id, "skipped", _("unchanged"), page.title)
                self.save_mapping(
                    kind,
                    item.wp_id,
                    "" if self.problems else checksum,
                    page=page,
                    revision_id=mapping.revision_id,
                    published=publish,
                )
                self.import_comments(item, page)
                self._comment_status(item, page)
                return
            page.go_live_at = item.date if scheduled else None
            if is_new:
                revision = self._create_page(page, parent, item, publish)
            else:
                if page.live and not publish:
                    page.unpublish(user=self.user)
                revision = page.save_revision(user=self.user, log_action=True)
                if publish:
                    revision.publish(user=self.user, skip_permission_checks=True)
            if scheduled:
                # Wagtail's own scheduling: publish_scheduled makes it live at go_live_at.
                revision.publish(user=self.user, skip_permission_checks=True)
            if publish:
                self._redirects(item, page)
            self.remember("page", (kind, item.wp_id), page.pk)
            if self.dry_run:
                self.dry_paths[(kind, item.wp_id)] = self._page_path(page)
            self.save_mapping(
                kind,
                item.wp_id,
                "" if self.problems else checksum,
                is_new=not known,
                page=page,
                revision=revision,
                published=publish,
            )
            outcome = "created" if is_new else "updated"
            measured = fidelity.measure(converted.source_html, blocks, converted.dropped)
            note = ""
            if item.password:
                note = _("left unpublished: password-protected in WordPress")
            elif scheduled:
                note = _("scheduled: WordPress would publish it at that time")
            elif not publish:
                note = _("left unpublished: “%(status)s” in WordPress") % {"status": item.status}
            elif not measured.is_complete:
                note = _("not everything could be carried over; see the list of losses")
            self.report.record(report_kind, item.wp_id, outcome, note, page.title)
            self.report.record_fidelity(report_kind, item.wp_id, page.title, page.pk, measured)
            self.import_comments(item, page, is_new)
            self._comment_status(item, page)
            ReferenceIndex.create_or_update_for_object(page)
            self._pending_cache["index"][(page_class, page.pk)] = None

    def _comment_status(self, item, page):
        """Comments stay as open or closed as they were in WordPress (the comments app's
        own per-page setting). A post follows the site unless WordPress closed it; a page
        shows comments where WordPress took them, or closed them over kept comments."""
        closed = item.comment_status == "closed"
        Comments = PageCommentSettings.Comments
        if isinstance(page, BlogPostPage):
            if closed:
                set_page_comments(page, Comments.CLOSED)
            else:  # opened again in WordPress since the last import
                PageCommentSettings.objects.filter(page=page, comments=Comments.CLOSED).delete()
        elif not closed:
            set_page_comments(page, Comments.OPEN)
        elif any(c.approved == "1" and self._comment_skip_reason(c) is None for c in item.comments):
            set_page_comments(page, Comments.CLOSED)
        else:
            set_page_comments(page, None)

    @staticmethod
    def _body_block_types(page_class):
        return set(page_class._meta.get_field("body").stream_block.child_blocks)

    def _create_page(self, page, parent, item, publish):
        # Wagtail allows unicode slugs (WAGTAIL_ALLOW_UNICODE_SLUGS): a Greek slug stays Greek.
        requested = (
            slugify(item.slug or clean_title(item.title), allow_unicode=True)[:200]
            or f"wp-{item.wp_id}"
        )
        # Under a parent that a dry run rolled back there is nothing to collide with.
        page.slug = (
            requested
            if self.dry_parent_path is not None
            else find_available_slug(parent, requested)
        )
        revision = create_page(
            page, parent, user=self.user, publish=publish, first_published_at=item.date
        )
        if isinstance(page, BlogPostPage):
            # Without the page_published signal: the blog's listings and counts learn of
            # the post here, in the post's own transaction.
            listing_index.sync_posts([page.pk])
        return revision

    def _fill_post(self, page, item):
        page.date = item.date or timezone.now()
        page.intro = page.intro or page.title
        page.post_authors = [BlogPostAuthor(author_id=self.author_id(item.creator, page.title))]
        areas, tag_names = self._categories(item)
        page.categories = areas
        for nicename, name in item.tags:
            tag_names.append(name or nicename)
            self._note_tag(name or nicename)
        page.tags.clear()
        if tag_names:
            # One tag per word whatever its case ("markup" and "Markup"), as WordPress has.
            unique = {}
            for name in tag_names:
                unique.setdefault(name.casefold(), self._tag_name(name))
            page.tags.add(*unique.values())
        thumbnail = item.meta.get("_thumbnail_id", "")
        page.lead_image_id = None
        page.lead_image_alt = ""
        if thumbnail.isdigit() and int(thumbnail) in self.attachments:
            image_id, title = self.image_for_attachment(int(thumbnail))
            if image_id and image_id != DRY_RUN_IMAGE:
                attachment = self.attachments[int(thumbnail)]
                page.lead_image_id = image_id
                page.lead_image_alt = (attachment["alt"] or title or page.title)[:250]

    def _redirects(self, item, page):
        """The old permalink leads to the new page. (WordPress' short links, /?p=<id>, are
        the home page's address with a query: Wagtail's redirects cannot take them over.)"""
        if not item.link:
            return
        new_path = Redirect.normalise_path(self._page_path(page))
        old_path = Redirect.normalise_path(item.link)
        if old_path and old_path not in ("/", new_path):
            target = {"redirect_page": page, "is_permanent": True, "redirect_link": ""}
            # Inside the post's transaction: no savepoints as update_or_create would make.
            created = not Redirect.objects.filter(old_path=old_path, site=self.site).update(
                **target
            )
            if created:
                Redirect.objects.create(old_path=old_path, site=self.site, **target)
            self.report.record(
                "redirects", old_path, "created" if created else "matched", "", old_path
            )

    # Authors, categories, tags ------------------------------------------------------------

    def author_id(self, creator, title=""):
        """The author of a post whose dc:creator is `creator`: the authors map's, else the
        export's wp:author with that login. A dc:creator that is no login of the export
        (empty, markup, an e-mail address, an unknown login) never becomes an author of its
        own: it is read as the wp:author whose login, e-mail or name it is, else the post
        is credited to one fallback author; the summary says which posts."""
        if creator in self.authors_map:
            self.report.record("authors", creator, "matched", _("from the authors map"), creator)
            return self.authors_map[creator]
        login = self._login_for(creator)
        shown = Truncator(creator.strip()).chars(60) or _("(empty)")
        if login is None:
            author_pk = self._author_for(FALLBACK_AUTHOR_KEY, str(FALLBACK_AUTHOR_NAME))
            reason = _(
                "dc:creator names no author of the export; the post is credited to “%(author)s”"
            ) % {"author": FALLBACK_AUTHOR_NAME}
        else:
            author_pk = self._author_for(login, self.channel.authors[login].name)
            if login == creator:
                return author_pk
            reason = _("dc:creator is no login; read as the export's author “%(login)s”") % {
                "login": login
            }
        self.report.record(
            "authors", f"dc:creator {creator}", "matched", reason, f"{title}: “{shown}”"
        )
        return author_pk

    def _login_for(self, creator):
        """The login of the export's wp:author that a dc:creator names, or None."""
        if creator in self.channel.authors:
            return creator
        text = " ".join(html.unescape(strip_tags(creator or "")).split()).casefold()
        if not text:
            return None
        for login, author in self.channel.authors.items():
            if text in (login.casefold(), author.email.casefold(), author.name.casefold()):
                return login
        return None

    def _author_for(self, login, name):
        cached = self.cached("author", login)
        if cached:
            return cached
        mapping = self.mapping(Kind.AUTHOR, login)
        if mapping and mapping.author_id:
            self.remember("author", login, mapping.author_id)
            self.report.record("authors", login, "matched", "", name)
            return mapping.author_id
        author = Author.objects.filter(name__iexact=name).first()
        if author:
            self.report.record("authors", login, "matched", _("an author of that name"), name)
        else:
            author = Author.objects.create(name=name)
            self.report.record("authors", login, "created", "", name)
        self.save_mapping(Kind.AUTHOR, login, author=author)
        self.remember("author", login, author.pk)
        return author.pk

    def _work_areas(self):
        areas = WorkArea.objects.all()
        if self.blog.project_id:
            areas = areas.filter(project_id=self.blog.project_id)
        by_name = {}
        for area in areas:
            for name in (area.title, f"{area.code}. {area.title}", f"{area.code} {area.title}"):
                by_name[name.casefold()] = area
                by_name[slugify(name)] = area
        return by_name

    def _categories(self, item):
        areas, tag_names = [], []
        for nicename, name in item.categories:
            label = name or nicename
            area = self.work_areas.get(label.casefold()) or self.work_areas.get(nicename)
            if area:
                areas.append(area)
                self.report.record(
                    "categories", nicename or label, "matched", _("a work area"), label
                )
            elif label.casefold() in ("uncategorized", "okategoriserade", "okategoriserat"):
                self.report.record(
                    "categories", nicename or label, "skipped", _("WordPress' default"), label
                )
            elif self.unmatched_categories == "tag":
                tag_names.append(label)
                self._note_tag(label)
                self.report.record(
                    "categories", nicename or label, "created", _("kept as a tag"), label
                )
            else:
                self.report.record(
                    "categories",
                    nicename or label,
                    "skipped",
                    _("no work area of that name"),
                    label,
                )
        return areas, tag_names

    def _tag_name(self, name):
        """The spelling of the tag already here, if there is one in another case."""
        key = name.casefold()
        if key not in self.tag_spelling:
            existing = Tag.objects.filter(name__iexact=name).values_list("name", flat=True)
            self.tag_spelling[key] = existing.first() or name
        return self.tag_spelling[key]

    def _note_tag(self, name):
        key = name.casefold()
        if key in self.cache["tag"] or (self._pending_cache and key in self._pending_cache["tag"]):
            return
        exists = Tag.objects.filter(name__iexact=name).exists()
        self.report.record("tags", key, "matched" if exists else "created", "", name)
        if self._pending_cache is not None:
            self._pending_cache["tag"].add(key)

    # Images -------------------------------------------------------------------------------

    def is_embeddable(self, url):
        from wagtail.embeds.finders.oembed import OEmbedFinder

        if not hasattr(self, "_oembed"):
            self._oembed = OEmbedFinder()
        return self._oembed.accept(url)

    def import_attachment(self, item):
        relative, url, _alt, _caption = read_attachment(item)
        if Path(urlsplit(url).path or relative).suffix.lower() not in IMAGE_SUFFIXES:
            self.report.record(
                "images",
                item.wp_id,
                "skipped",
                _("not an image (only images are imported)"),
                item.title,
            )
            return
        with self.unit():
            self.image_for_attachment(item.wp_id)

    def resolve_image(self, found):
        """An <img> in a post → (Wagtail image id or None, title). The address decides
        which attachment it is: a wp-image-N class may be stale after a site moved."""
        by_src = self._attachment_for_src(found.src) if found.src else None
        wp_id = by_src or (found.wp_id if found.wp_id in self.attachments else None)
        if wp_id is not None:
            attachment = self.attachments[wp_id]
            # The alternative text and caption the image has in the media library, as
            # WordPress shows them in a [gallery] when the post gives none.
            found.alt = found.alt or attachment["alt"]
            found.caption = found.caption or attachment["caption"]
            return self.image_for_attachment(wp_id)
        found.src = safe_url(found.src)
        if not found.src:
            return None, ""
        # An image that is not in the export's attachments, e.g. from another site.
        path = self._find_file("", found.src)
        key = f"url:{hashlib.sha1(found.src.encode()).hexdigest()}"
        title = Path(urlsplit(found.src).path).stem
        return self._image(key, path, found.src, title), title

    def image_for_attachment(self, wp_id):
        attachment = self.attachments[wp_id]
        path = self._find_file(attachment["relative"], attachment["url"])
        title = attachment["title"] or Path(attachment["relative"] or attachment["url"]).stem
        return self._image(wp_id, path, attachment["url"], title), title

    def _image(self, key, path, url, title):
        cached = self.cached("image", key)
        if cached:
            return cached
        mapping = self.mapping(Kind.ATTACHMENT, key)
        if mapping and mapping.image_id:
            self.report.record("images", key, "matched", "", title)
            self.remember("image", key, mapping.image_id)
            return mapping.image_id
        if path is None and self.fetch_media and self.dry_run:
            # The check fetches nothing: the import will try.
            self.report.record(
                "images", key, "created", _("to be fetched from the old site"), title
            )
            return DRY_RUN_IMAGE
        if path is None and self.fetch_media:
            path, reason = self._fetch(url)
        elif path is None:
            reason = (
                _("file not found in the media folder; the post links to the old address")
                if self.media_dir
                else _("no media folder given; the post links to the old address")
            )
        if path is not None and not _is_image_file(path):
            path, reason = None, _("the file is not an image this site can show")
        if path is None:
            self.report.record("images", key, "failed", reason, url)
            if hasattr(self, "problems"):
                self.problems.append(reason)
            return None
        if self.dry_run:
            # No files are copied in a dry run: the image is counted, and the post holds a
            # stand-in, so that the check measures what the import will keep.
            self.report.record("images", key, "created", "", title)
            return DRY_RUN_IMAGE
        image_model = get_image_model()
        with path.open("rb") as stream:
            image = image_model(title=title[:255] or path.stem, uploaded_by_user=self.user)
            image.file = ImageFile(stream, name=path.name)
            image._set_image_file_metadata()
            image.save()
        self.save_mapping(Kind.ATTACHMENT, key, image=image)
        self.remember("image", key, image.pk)
        self.report.record("images", key, "created", "", title)
        return image.pk

    def _fetch(self, url):
        if self.fetch_dir is None:
            self.fetch_dir = Path(tempfile.mkdtemp(prefix="wordpress-media-"))
        path, reason = media.fetch(url, self.fetch_dir)
        if path is None:
            reason = _("not fetched from the old site: %(reason)s; the post links to it") % {
                "reason": reason
            }
        return path, reason

    def _find_file(self, relative, url):
        if not self.media_dir:
            return None
        url_path = urlsplit(url).path if url else ""
        candidates = []
        if relative:
            candidates.append(relative)
        if "/wp-content/uploads/" in url_path:
            candidates.append(url_path.split("/wp-content/uploads/", 1)[1])
        if url_path:
            candidates += [url_path.lstrip("/"), SIZE_SUFFIX.sub("", url_path).lstrip("/")]
            candidates.append(Path(url_path).name)
        root = self.media_dir.resolve()
        for candidate in candidates:
            path = (root / candidate).resolve()
            # Never read outside the media folder, whatever the export says.
            if path.is_relative_to(root) and path.is_file():
                return path
        return None

    # Comments -----------------------------------------------------------------------------

    def _count_unchanged_comments(self, item):
        for comment in item.comments:
            if self._comment_skip_reason(comment) is None:
                self.report.record("comments", comment.wp_id, "skipped", _("unchanged"))

    @staticmethod
    def _comment_skip_reason(comment):
        if comment.type in ("pingback", "trackback"):
            return _("pingbacks and trackbacks are not imported")
        if comment.approved not in COMMENT_STATUSES:
            return _("“%(status)s” in WordPress") % {"status": comment.approved}
        return None

    def import_comments(self, item, page, is_new=False):
        wanted = {}
        for comment in item.comments:
            reason = self._comment_skip_reason(comment)
            if reason:
                self.report.record("comments", comment.wp_id, "skipped", reason)
            else:
                wanted[comment.wp_id] = comment
        if not wanted:
            return
        # A new page has no comments yet: their mappings went with the deleted page.
        existing = (
            {}
            if is_new
            else {
                int(m.wp_id): m.comment
                for m in ImportedObject.objects.filter(
                    source=self.source, kind=Kind.COMMENT, wp_id__in=[str(i) for i in wanted]
                ).select_related("comment")
            }
        )

        def top_level_ancestor(comment):
            # Replies here are one level deep: deeper WordPress threads hang under the
            # top-level comment they started from.
            seen = set()
            while comment.parent_id in wanted and comment.parent_id not in seen:
                seen.add(comment.parent_id)
                comment = wanted[comment.parent_id]
            return comment.wp_id

        tops, replies = [], []
        for wp_id, source in wanted.items():
            ancestor = top_level_ancestor(source)
            (tops if ancestor == wp_id else replies).append((source, ancestor))
        saved, created, changed = {}, [], []
        for group in (tops, replies):
            new = []
            for source, ancestor in group:
                comment = existing.get(source.wp_id) or Comment(page=page)
                self._fill_comment(comment, source)
                comment.parent = saved[ancestor] if ancestor != source.wp_id else None
                (changed if comment.pk else new).append(comment)
                saved[source.wp_id] = comment
            # Replies need their top-level comment's id: tops are inserted first.
            created += Comment.objects.bulk_create(new)
        if changed:
            fields = ["created_at", "name", "email", "website", "text", "status", "moderated_at"]
            Comment.objects.bulk_update(changed, [*fields, "parent"])
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    source=self.source, kind=Kind.COMMENT, wp_id=str(c._wp_id), comment=c
                )
                for c in created
            ]
        )
        for comment in created:
            self.report.record("comments", comment._wp_id, "created")
        for comment in changed:
            self.report.record("comments", comment._wp_id, "updated")

    @staticmethod
    def _fill_comment(comment, source):
        comment._wp_id = source.wp_id
        comment._wp_date = source.date or timezone.now()
        comment.name = Truncator(source.author or _("Anonymous")).chars(80)
        # As Comment.save() does; bulk_create does not call it.
        comment.email = source.email.strip().lower()[:254]
        website = safe_url(source.url, allow_relative=False)
        comment.website = website if len(website) <= 200 else ""
        comment.text = comment_text(source.content)
        comment.status = COMMENT_STATUSES[source.approved]
        comment.created_at = comment._wp_date
        # Imported comments keep no IP address: they are older than any retention period.
        comment.ip_address = None
        comment.moderated_at = (
            comment._wp_date if comment.status == Comment.Status.APPROVED else None
        )
