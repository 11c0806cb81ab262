from django import template

from blog import feeds, listings
from blog.models import BlogIndexPage
from core import tree
from core.locales import home_page

register = template.Library()


@register.simple_tag
def blog_category_path(work_area):
    """The category listing's path below its blog index, e.g. 'kategori/a-fran-tva/'."""
    return f"kategori/{listings.category_slug(work_area)}/"


@register.simple_tag(takes_context=True)
def post_body(context, post):
    """`{% include_block post.body %}`, from the cache under the post's live revision."""
    return feeds.post_body_html(post, context)


def main_blog(request):
    """The site's first blog, remembered on the request: every page head links its feeds."""
    if not hasattr(request, "_main_blog"):
        home = home_page(request)
        # Looked up among the few blogs by id: ordering every page by path to find the first
        # blog below home walked the whole tree (~10 ms at 50 000 posts on SQLite).
        blogs = list(BlogIndexPage.objects.order_by().values_list("pk", flat=True)) if home else []
        request._main_blog = (
            tree.below(BlogIndexPage.objects.live().public(), home).filter(pk__in=blogs).first()
            if blogs
            else None
        )
    return request._main_blog


@register.inclusion_tag("blog/includes/feed_autodiscovery.html", takes_context=True)
def feed_autodiscovery(context):
    """<link rel="alternate"> for the feeds of the blog being shown, or of the main blog."""
    links = context.get("feed_links")
    request = context.get("request")
    if links is None and request is not None:
        page = context.get("page")
        blog = page if isinstance(page, BlogIndexPage) else context.get("blog_index")
        blog = blog or main_blog(request)
        links = blog.feed_links(request) if blog else []
    return {"feed_links": links or []}


@register.inclusion_tag("blog/includes/work_area_posts.html", takes_context=True)
def work_area_posts(context, work_area, on=None):
    """The newest posts in a work area and a link to its whole category listing; on an
    as-of page (`on`, governance/register/as_of.py) those published on or before that day."""
    blog = main_blog(context["request"])
    return {
        "posts": listings.work_area_posts(work_area, on=on),
        "on": on,
        "category_url": blog.category_url(work_area) if blog else None,
        "work_area": work_area,
    }
