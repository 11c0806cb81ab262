from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import BlogIndexPage

from .models import WordPressImport


class UploadForm(forms.ModelForm):
    file = forms.FileField(
        label=_("WordPress export file"),
        help_text=_("In WordPress: Tools → Export → All content. An .xml file."),
    )
    blog = forms.ModelChoiceField(label=_("Import into blog"), queryset=BlogIndexPage.objects.all())
    unmatched_categories = forms.ChoiceField(
        label=_("Categories without a work area of the same name"),
        choices=[("tag", _("keep them as tags")), ("skip", _("leave them out"))],
    )

    class Meta:
        model = WordPressImport
        fields = ["file", "blog", "unmatched_categories"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("Choose the .xml file that WordPress exports (Tools → Export).")
            )
        return upload
