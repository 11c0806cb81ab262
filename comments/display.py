"""What readers see: approved comments of a page with their replies, the comment counts
in listings, and a comment's text as safe HTML."""

import re

from django.db.models import Count
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from core import fragments

from .availability import own_setting
from .models import Comment

PUBLIC_FIELDS = ("pk", "page_id", "parent_id", "name", "website", "text", "created_at")


def shown_on_page(request, page):
    """The page's own comment setting and its approved comments (approved_comments),
    remembered per fragment version: a change that readers see moves it on
    (comments/apps.py, moderation.py)."""
    return fragments.cached(
        request, "page-comments", [page.pk], lambda: (own_setting(page), approved_comments(page))
    )


def approved_comments(page):
    """Top-level approved comments, oldest first, each with `.approved_replies`: one query
    however many comments there are. The email address is never loaded."""
    comments = list(
        Comment.objects.approved()
        .filter(page_id=page.pk)
        .only(*PUBLIC_FIELDS)
        .order_by("created_at", "pk")
    )
    by_id = {comment.pk: comment for comment in comments}
    top_level = []
    for comment in comments:
        comment.approved_replies = []
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        if parent is not None:
            parent.approved_replies.append(comment)
        else:  # top level, or a reply whose parent is not (or no longer) shown
            top_level.append(comment)
    return top_level


def approved_counts(page_ids):
    """{page id: number of approved comments} of these pages, in one query. Pages with
    comments switched off count none, as they show none."""
    rows = (
        Comment.objects.approved()
        .filter(page_id__in=page_ids)
        .exclude(page__comment_settings__comments="off")
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values_list("page_id", "count")
    )
    return dict(rows)


_NOFOLLOW = re.compile(r'rel="nofollow"')


def comment_html(text):
    """Plain text to HTML: everything escaped, line breaks kept, web addresses linked with
    rel="nofollow ugc" so that search engines give spam links no credit."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # The text is escaped by now, so the only rel="nofollow" left is the one urlize wrote.
    linked = _NOFOLLOW.sub('rel="nofollow ugc"', linked)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above
