"""The post editor's form: a guest writer signs only as themselves."""

from django import forms
from django.utils.translation import gettext as _

from core.page_forms import PageForm


def signing_only_as(form_class, allowed, own):
    """The author row's form, offering only the `allowed` authors in a plain list (instead of
    the chooser over every author) and refusing any other author sent."""

    class SigningForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["author"]
            field.widget = forms.Select()
            field.empty_label = None
            field.queryset = allowed
            field.error_messages["invalid_choice"] = _(
                "You can only sign your posts as yourself (%(author)s)."
            ) % {"author": own}
            field.help_text = _(
                "You write as yourself. A project leader can edit your author page."
            )

    return SigningForm


class ProjectWorkAreasForm(PageForm):
    """A post's or an event's work areas are its own project's: the one whose site the page
    is on (governance/register/public_project.py); another project's areas are neither
    offered nor accepted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from governance.register import public_project

        page = self.instance if self.instance.pk else self.parent_page
        project = public_project.project_for_page(page, fallback=False)
        if project is not None and "categories" in self.fields:
            field = self.fields["categories"]
            field.queryset = field.queryset.filter(project=project)


class BlogPostForm(ProjectWorkAreasForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from blog import authors
        from blog.models import Author

        user = self.for_user
        if user is None:
            return
        formset = self.formsets["post_authors"]
        if authors.may_sign_as_anyone(user):
            own = authors.own_author(user)
        else:
            own = authors.ensure_own_author(user)
            # Co-authors a project leader added stay; nobody else can be added.
            current = [link.author_id for link in self.instance.post_authors.all()]
            allowed = Author.objects.filter(pk__in={own.pk, *current})
            formset.form = signing_only_as(formset.form, allowed, own)
            formset.max_num = len({own.pk, *current})
        if own is not None and self.instance.pk is None and not self.is_bound:
            formset.initial_extra = [{"author": own.pk}]
