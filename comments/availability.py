"""Whether a page takes comments now: switched off, closed, or open."""

import datetime
import enum

from django.utils import timezone

from .models import PageCommentSettings

# Posts and events take comments unless their page setting says otherwise; standard pages
# only when their page setting opens or closes them (a WordPress page moved in with its
# comments, for one). Labels, not classes: this app imports neither blog nor website.
COMMENTABLE_PAGE_TYPES = {"blog.blogpostpage", "blog.eventpage"}
COMMENTABLE_ON_REQUEST = {"website.standardpage"}


class CommentState(enum.Enum):
    OFF = "off"  # no form and no comments: switched off site-wide or for the page
    CLOSED = "closed"  # comments are shown, the form is not
    OPEN = "open"


def takes_comments(page):
    label = page.specific_class._meta.label_lower
    return label in COMMENTABLE_PAGE_TYPES or label in COMMENTABLE_ON_REQUEST


def publication_date(page):
    """The date a post shows as published (blog posts may be back-dated on import);
    other pages fall back to when they first went live."""
    return getattr(page, "date", None) or page.first_published_at


def set_page_comments(page, comments):
    """Opens, closes or turns off comments on one page (a PageCommentSettings.Comments
    value); None lets a post or event follow the site again."""
    if comments is None:
        PageCommentSettings.objects.filter(page_id=page.pk).delete()
    else:
        PageCommentSettings.objects.update_or_create(
            page_id=page.pk, defaults={"comments": comments}
        )


def own_setting(page):
    """The page's own comment setting (a PageCommentSettings.Comments value), or None when
    it follows the site."""
    return (
        PageCommentSettings.objects.filter(page_id=page.pk)
        .values_list("comments", flat=True)
        .first()
    )


def comment_state(page, site_settings, setting, now=None):
    """The page's state under the site's settings and its own `setting` (own_setting)."""
    if page.pk is None:  # the preview of a page not yet saved
        return CommentState.OFF
    if not takes_comments(page) or not site_settings.comments_enabled:
        return CommentState.OFF
    if setting is not None:
        chosen = CommentState(setting)
    elif page.specific_class._meta.label_lower in COMMENTABLE_PAGE_TYPES:
        chosen = CommentState.OPEN
    else:
        chosen = CommentState.OFF
    if chosen is not CommentState.OPEN:
        return chosen
    published = publication_date(page)
    if site_settings.close_after_days and published:
        closes_at = published + datetime.timedelta(days=site_settings.close_after_days)
        if (now or timezone.now()) >= closes_at:
            return CommentState.CLOSED
    return CommentState.OPEN
