"""What the slices' factories share: Wagtail pages put in the tree and published.

wagtail-factories is not used: it declares no support for Wagtail 8, and its PageFactory
adds a page without a revision, while the site's pages are published ones.
"""

from django.utils.text import slugify

import factory
from factory.django import DjangoModelFactory

from website.demo import ensure_home_page


def add_page(parent, page, *, publish=True):
    """Adds `page` under `parent` and publishes it through a revision, as an editor does;
    with publish=False it stays a draft: not live, with one unpublished revision."""
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


class PageFactory(DjangoModelFactory):
    """A page under `parent` (the site's home page unless given), published unless
    publish=False."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(ensure_home_page)
    publish = True
    title = factory.Sequence(lambda n: f"Sida {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        return add_page(parent, cls._build(model_class, *args, **kwargs), publish=publish)
