"""Keeps the blog's cached sidebars (archive months, work-area counts) in step with what
is published."""

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished

from . import listings
from .models import BlogPostPage


def forget_sidebars(sender, **kwargs):
    listings.forget_sidebars()


def connect():
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(forget_sidebars, sender=BlogPostPage, dispatch_uid=f"blog-{id(signal)}")
