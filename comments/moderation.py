"""Taking in a reader's comment and moderating it: hold or publish, tell the project
leaders, approve, reject, mark as spam. Views and admin actions call these."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail import hooks
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from core import fragments
from core.cache import purge_for_page
from core.mail import admin_url, send_after_commit
from core.roles import PROJECT_LEADER

from . import confirmation
from .models import Comment


def is_known_commenter(email):
    return Comment.objects.approved().by_email(email).exists()


def take_comment(form, *, page, ip, site_settings, proven=False):
    """Saves a comment that passed the form and the spam defence. It waits for moderation
    unless the site lets known commenters through, this email has an approved comment and
    the writer has proved the address (`proven`, comments/confirmation.py); a known address
    not yet proved is sent a confirmation link."""
    data = form.cleaned_data
    known = site_settings.auto_approve_known_commenters and is_known_commenter(data["email"])
    published = known and proven
    comment = Comment.objects.create(
        page=page,
        parent=data.get("parent"),
        name=data["name"].strip(),
        email=data["email"],
        website=data.get("website", ""),
        text=data["text"].strip(),
        ip_address=ip,
        status=Comment.Status.APPROVED if published else Comment.Status.PENDING,
        moderated_at=timezone.now() if published else None,
    )
    if published:
        purge_for_page(page)
    elif known:
        confirmation.offer_confirmation(data["email"], page)
    notify_project_leaders(comment)
    return comment


# Comments know no project. An app that does (governance) registers a Wagtail hook under
# this name in its wagtail_hooks.py: called with the commented page, it returns the
# addresses of the project leaders of the page's project.
COMMENT_RECIPIENTS = "comment_recipients"


def project_leader_emails(page=None):
    """Who is told of a comment on `page`: the users who hold the project leader role
    themselves (in its group), and the project leaders of the page's project that the
    COMMENT_RECIPIENTS hooks name."""
    users = (
        get_user_model()
        .objects.filter(groups__name=PROJECT_LEADER, is_active=True)
        .exclude(email="")
    )
    addresses = set(users.values_list("email", flat=True))
    if page is not None:
        for recipients_of in hooks.get_hooks(COMMENT_RECIPIENTS):
            addresses.update(address for address in recipients_of(page) if address)
    return sorted(addresses)


def notify_project_leaders(comment):
    """Tells the project leaders of a new comment, once it is saved (core/mail.py)."""
    context = {
        "comment": comment,
        "page": comment.page,
        "page_url": comment.page.full_url or "",
        "moderation_url": admin_url(
            "wagtailsnippets_comments_comment:list", query="status=pending"
        ),
    }
    return send_after_commit(
        project_leader_emails(comment.page), "comments/new_comment_email", context
    )


def _set_status(comments, status, user, action):
    comments = [c for c in comments if c.status != status]
    if not comments:
        return 0
    was_public = any(c.is_approved for c in comments)
    now = timezone.now()
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(status=status, moderated_at=now)
    for comment in comments:
        comment.status = status
        comment.moderated_at = now
        log(instance=comment, action=action, user=user)
    if status == Comment.Status.APPROVED or was_public:
        fragments.changed()  # the update above saved none of them one by one
        for page in {comment.page_id: comment.page for comment in comments}.values():
            purge_for_page(page)
    return len(comments)


def approve(comments, user=None):
    return _set_status(comments, Comment.Status.APPROVED, user, "comments.approve")


def reject(comments, user=None):
    return _set_status(comments, Comment.Status.REJECTED, user, "comments.reject")


def mark_spam(comments, user=None):
    return _set_status(comments, Comment.Status.SPAM, user, "comments.spam")


def pending_count(user=None):
    """Comments waiting for moderation: all of them, or those `user` moderates (on the
    pages they may edit, comments/permissions.py)."""
    if user is None:
        return Comment.objects.pending().count()
    policy = policy_registry.get_by_type(Comment)
    return policy.instances_user_has_any_permission_for(user, ["change"]).pending().count()
