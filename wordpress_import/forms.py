from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from blog.models import BlogIndexPage

from . import media
from .models import WordPressImport


class UploadForm(forms.ModelForm):
    file = forms.FileField(
        label=_("WordPress export file"),
        help_text=_(
            "In WordPress: Tools → Export → All content. An .xml file. It holds commenters' "
            "email addresses: the file is deleted as soon as the import has finished or failed."
        ),
    )
    uploads = forms.FileField(
        label=_("The blog's images (optional)"),
        required=False,
    )
    fetch_media = forms.BooleanField(
        label=_("Fetch the images from the old site"),
        required=False,
    )
    blog = forms.ModelChoiceField(label=_("Import into blog"), queryset=BlogIndexPage.objects.all())
    unmatched_categories = forms.ChoiceField(
        label=_("Categories without a work area of the same name"),
        choices=[("tag", _("keep them as tags")), ("skip", _("leave them out"))],
    )

    class Meta:
        model = WordPressImport
        fields = ["file", "uploads", "fetch_media", "blog", "unmatched_categories"]

    def __init__(self, *args, blogs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if blogs is not None:  # the blogs the user may add posts to
            self.fields["blog"].queryset = blogs
        # The limits are settings: the help texts say them in the reader's language.
        self.fields["uploads"].help_text = _(
            "The folder wp-content/uploads as a .zip file, at most %(size)s. Without it, the "
            "images stay links to the old site unless they are fetched from there."
        ) % {"size": filesizeformat(media.limit("WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES"))}
        self.fields["fetch_media"].help_text = _(
            "Images not in the .zip are fetched from their address on the old blog, when it is "
            "still online: only over http or https, at most %(size)s each, waiting at most "
            "%(seconds)s seconds for each."
        ) % {
            "size": filesizeformat(media.limit("WORDPRESS_FETCH_MAX_BYTES")),
            "seconds": media.limit("WORDPRESS_FETCH_TIMEOUT_SECONDS"),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("Choose the .xml file that WordPress exports (Tools → Export).")
            )
        return upload

    def clean_uploads(self):
        upload = self.cleaned_data.get("uploads")
        if not upload:
            return upload
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Give the uploads folder as a .zip file."))
        if upload.size > media.limit("WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES"):
            raise forms.ValidationError(
                _("The .zip file is %(size)s; it may be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(media.limit("WORDPRESS_MEDIA_ARCHIVE_MAX_BYTES")),
                }
            )
        return upload
