"""Whether a page takes comments now: switched off, closed, or open."""

import datetime
import enum

from django.utils import timezone

from .models import PageCommentSettings

COMMENTABLE_PAGE_TYPES = {"blog.blogpostpage", "blog.eventpage"}


class CommentState(enum.Enum):
    OFF = "off"  # no form and no comments: switched off site-wide or for the page
    CLOSED = "closed"  # comments are shown, the form is not: N days after publication
    OPEN = "open"


def takes_comments(page):
    return page.specific_class._meta.label_lower in COMMENTABLE_PAGE_TYPES


def publication_date(page):
    """The date a post shows as published (blog posts may be back-dated on import);
    other pages fall back to when they first went live."""
    return getattr(page, "date", None) or page.first_published_at


def comment_state(page, site_settings, now=None):
    if page.pk is None:  # the preview of a page not yet saved
        return CommentState.OFF
    if not takes_comments(page) or not site_settings.comments_enabled:
        return CommentState.OFF
    page_settings = PageCommentSettings.objects.filter(page_id=page.pk).first()
    if page_settings is not None and not page_settings.comments_enabled:
        return CommentState.OFF
    published = publication_date(page)
    if site_settings.close_after_days and published:
        closes_at = published + datetime.timedelta(days=site_settings.close_after_days)
        if (now or timezone.now()) >= closes_at:
            return CommentState.CLOSED
    return CommentState.OPEN
