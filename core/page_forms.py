"""The page editor's base form: what goes wrong is said where the writer is."""

from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class PageForm(WagtailAdminPageForm):
    """A slug already taken under the same parent is reported at the top of the form, which
    every tab shows, and not only beside the slug field on the Promote tab, where a writer on
    the Content tab never looks."""

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's clean() drops a taken one
        cleaned_data = super().clean()
        taken = (
            slug
            and self.parent_page is not None
            and not Page._slug_is_available(slug, self.parent_page, self.instance)
        )
        if taken:
            self.add_error(
                None,
                _(
                    "Another page under “%(parent)s” already has the address “%(slug)s”. "
                    "Change the slug on the Promote tab, for example to “%(suggestion)s”."
                )
                % {
                    "parent": self.parent_page.get_admin_display_title(),
                    "slug": slug,
                    "suggestion": self.free_slug(slug),
                },
            )
        return cleaned_data

    def free_slug(self, slug):
        number = 2
        while not Page._slug_is_available(f"{slug}-{number}", self.parent_page, self.instance):
            number += 1
        return f"{slug}-{number}"
