"""Keeps the blog's listing index and counts (blog/listing_index.py) in step with what is
published: publish, unpublish, move and delete of posts, a moved blog (it may move under a
restricted page), and view restrictions added or removed. Forgets the cached feed items
and post bodies when what they show of authors, tags, work areas or images changes, and
when a page moves or changes its slug (the links to it)."""

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from taggit.models import Tag

from governance.register.models import WorkArea

from . import feeds, listing_index
from .models import Author, BlogPostPage


def post_published(sender, instance, **kwargs):
    listing_index.sync_posts([instance.pk])


def post_unpublished(sender, instance, **kwargs):
    # Not synced from the database: a page about to be deleted is unpublished in memory only
    # (wagtail's pre_delete_page_unpublish), and is still live there.
    listing_index.withdraw([instance.pk])


def page_address_changed(sender, **kwargs):
    # The links to it in cached feed items and post bodies.
    feeds.forget_feed_items()


def page_moved(sender, instance, **kwargs):
    # instance is the moved page as a plain Page, read again after the move; the posts at or
    # below it may have left or joined a blog, or a restricted part of the tree.
    listing_index.sync_posts(listing_index.posts_below(instance.path))


def post_deleted(sender, instance, **kwargs):
    listing_index.withdraw([instance.pk])


def restriction_changed(sender, instance, **kwargs):
    # On delete the restricted page may be going too; its path is still known.
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        listing_index.sync_posts(listing_index.posts_below(path))


def feed_item_shown_changed(sender, update_fields=None, **kwargs):
    # An image that learns its file size (get_file_size(), in the feed itself) shows the same.
    if update_fields is None or set(update_fields) != {"file_size"}:
        feeds.forget_feed_items()


def connect():
    page_published.connect(post_published, sender=BlogPostPage, dispatch_uid="blog-listing-pub")
    page_unpublished.connect(
        post_unpublished, sender=BlogPostPage, dispatch_uid="blog-listing-unpub"
    )
    post_page_move.connect(page_moved, dispatch_uid="blog-listing-move")
    post_page_move.connect(page_address_changed, dispatch_uid="blog-feed-move")
    page_slug_changed.connect(page_address_changed, dispatch_uid="blog-feed-slug")
    # Before the rows go: the index's rows are deleted with the post (CASCADE).
    pre_delete.connect(post_deleted, sender=BlogPostPage, dispatch_uid="blog-listing-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"blog-vr-{id(signal)}"
        )
    for model in (Author, Tag, WorkArea, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                feed_item_shown_changed,
                sender=model,
                dispatch_uid=f"blog-feed-{model}-{id(signal)}",
            )
