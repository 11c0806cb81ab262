"""What the WordPress import remembers: which WordPress post, comment, attachment or author
became which object here (so a second run updates instead of duplicating), and the imports
started from the admin with their progress and reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import PrivateStorage


class ImportedObject(models.Model):
    """One WordPress object and what it became. Deleting the page, comment, image or author
    deletes this row, so a later run creates it anew."""

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        ATTACHMENT = "attachment", _("image")
        AUTHOR = "author", _("author")

    source = models.CharField(_("WordPress site"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        "blog.Author", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The revision the import last made of the page, and whether it published it: a later
    # revision, or an unpublished page, means an editor changed it and a new run leaves it.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.BooleanField(default=False)
    # A digest of the WordPress item as last imported without problems: an unchanged item
    # is skipped on the next run. Empty when something was missing (e.g. an image file).
    checksum = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="unique_imported_wordpress_object"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.wp_id}"


def upload_storage():
    """WordPress exports hold commenters' email addresses: they go to the private store."""
    return PrivateStorage()


class WordPressImport(models.Model):
    """An import started in the admin: the uploaded file, the check (a dry run), the
    confirmed import, and how far each has come."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("checking")
        CHECKED = "checked", _("checked, waiting for confirmation")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    file = models.FileField(_("WordPress export file"), storage=upload_storage, upload_to="wxr/")
    # The blog's wp-content/uploads as a .zip, unpacked for the check and the import.
    uploads = models.FileField(
        _("uploads folder (.zip)"), storage=upload_storage, upload_to="wxr-media/", blank=True
    )
    fetch_media = models.BooleanField(_("fetch images from the old site"), default=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    blog = models.ForeignKey(
        "blog.BlogIndexPage", verbose_name=_("blog"), on_delete=models.CASCADE, related_name="+"
    )
    unmatched_categories = models.CharField(
        _("categories without a matching work area"), max_length=10, default="tag"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    check_report = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    # The queued task now running or waiting for this import: its state tells whether a
    # worker has picked it up.
    task_id = models.CharField(max_length=64, blank=True)
    # The status to go back to when a check or import whose worker died is retried.
    retry_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_running(self):
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def can_retry(self):
        return self.status == self.Status.FAILED and bool(self.retry_status) and bool(self.file)

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0
