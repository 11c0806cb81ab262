"""Reader comments on blog posts, events and pages, the site-wide comment settings, and the
per-page switch that opens, closes or turns off comments for one page.

A comment keeps the commenter's email (never shown publicly; used to recognise a returning
commenter and to erase their data on request) and the IP address it came from (for spam
defence only; cleared after the retention period by `manage.py clear_comment_ips`)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.safe_urls import safe_url

NAME_MAX_LENGTH = 80
WEBSITE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email):
        return self.filter(email__iexact=email.strip())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("comment status", "pending")
        APPROVED = "approved", pgettext_lazy("comment status", "approved")
        REJECTED = "rejected", pgettext_lazy("comment status", "rejected")
        SPAM = "spam", pgettext_lazy("comment status", "spam")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    # Replies are one level deep: a reply's parent is always a top-level comment. When a
    # parent is erased, its replies stay and become top-level comments.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=WEBSITE_MAX_LENGTH, blank=True)
    text = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # A default rather than auto_now_add: comments moved in from another blog keep the date
    # they were written.
    created_at = models.DateTimeField(
        _("written"), default=timezone.now, editable=False, db_index=True
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    anonymised = models.BooleanField(_("anonymised"), default=False)

    objects = CommentQuerySet.as_manager()

    panels = [
        FieldPanel("status"),
        FieldPanel("name"),
        FieldPanel("website"),
        FieldPanel("text"),
    ]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["page", "status", "created_at"], name="comment_page_status"),
            models.Index(fields=["email"], name="comment_email"),
        ]

    def __str__(self):
        return f"{self.name}: {Truncator(self.text).chars(60)}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        # Whatever brought the address (the form, the admin, an import), only an absolute
        # http, https or mailto address is kept: "javascript:…" never becomes a link.
        self.website = safe_url(self.website, allow_relative=False)
        super().save(*args, **kwargs)

    @property
    def website_link(self):
        """The website as a link target, checked again as it is shown (rows saved before
        the check, or changed by an update() that bypassed save())."""
        return safe_url(self.website, allow_relative=False)

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


@register_setting(icon="comment")
class CommentSiteSettings(BaseSiteSetting):
    comments_enabled = models.BooleanField(
        _("readers may comment"),
        default=True,
        help_text=_("Off: no comment form and no comments are shown anywhere on the site."),
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        validators=[MaxValueValidator(36500)],
        help_text=_(
            "Days after a post's publication date that its comment form stays open. "
            "0 keeps it open."
        ),
    )
    auto_approve_known_commenters = models.BooleanField(
        _("publish comments from known commenters directly"),
        default=False,
        help_text=_(
            "A comment is published without waiting for moderation when its email address has "
            "an earlier approved comment and the writer has proved the address: the first "
            "time, they get a confirmation link by email, and the browser they confirm in is "
            "remembered. Anyone else typing the address waits for moderation."
        ),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_("One word or phrase per line. Comments containing one are refused."),
    )
    blocked_addresses = models.TextField(
        _("blocked addresses"),
        blank=True,
        help_text=_(
            "One per line: an email address, a domain such as @example.com, or an IP address."
        ),
    )
    ip_retention_days = models.PositiveIntegerField(
        _("keep IP addresses for (days)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "IP addresses of commenters are used against spam only and are erased after this "
            "many days by the command clear_comment_ips."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The consent checkbox of the comment form links to this page."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("comments_enabled"),
                FieldPanel("close_after_days"),
                FieldPanel("auto_approve_known_commenters"),
            ],
            heading=_("Comments"),
        ),
        MultiFieldPanel(
            [FieldPanel("blocked_words"), FieldPanel("blocked_addresses")],
            heading=_("Spam defence"),
        ),
        MultiFieldPanel(
            [FieldPanel("ip_retention_days"), FieldPanel("privacy_page")],
            heading=_("Personal data"),
        ),
    ]

    class Meta:
        verbose_name = _("comment settings")

    @staticmethod
    def lines(text):
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @property
    def blocked_word_list(self):
        return self.lines(self.blocked_words)

    @property
    def blocked_address_list(self):
        return self.lines(self.blocked_addresses)


class PageCommentSettings(models.Model):
    """Comments on one page: open, closed (the comments stay, the form goes) or off.
    Posts and events without a row follow the site; a standard page takes comments only
    when its row opens or closes them (as an imported WordPress page with comments does)."""

    class Comments(models.TextChoices):
        OPEN = "open", _("open: readers may comment")
        CLOSED = "closed", _("closed: the comments are shown, no new ones are taken")
        OFF = "off", _("off: neither the comments nor the form are shown")

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="comment_settings",
    )
    comments = models.CharField(
        _("comments"), max_length=6, choices=Comments.choices, default=Comments.OFF
    )

    panels = [FieldPanel("page"), FieldPanel("comments")]

    class Meta:
        verbose_name = _("comment setting for a page")
        verbose_name_plural = _("comment settings for pages")

    def __str__(self):
        return str(self.page)


class AddressConfirmation(models.Model):
    """A known commenter's email address and its confirmation link: sent at most once
    per link lifetime (comments/confirmation.py), confirmed when the link is opened."""

    email = models.EmailField(_("email"), unique=True)  # lower case
    sent_at = models.DateTimeField(_("link sent at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("confirmed commenter address")
        verbose_name_plural = _("confirmed commenter addresses")

    def __str__(self):
        return self.email
