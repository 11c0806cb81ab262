from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from governance.reports.publications import REPORT_PUBLICATIONS

from .models import Author, BlogPostPage


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 120
    add_to_admin_menu = True
    list_display = ["name", "organisation", "role_title", "is_guest"]
    list_filter = ["is_guest"]
    search_fields = ["name", "organisation"]


register_snippet(AuthorViewSet)


@hooks.register(REPORT_PUBLICATIONS)
def report_publications(start, end):
    """Live posts and news dated in the period, for the status reports' list of what was
    published (governance/reports/publications.py)."""
    posts = (
        BlogPostPage.objects.live()
        .filter(date__date__gte=start, date__date__lte=end)
        .order_by("date")
        .only("title", "date", "kind")
    )
    return [
        {
            "title": post.title,
            "date": timezone.localtime(post.date).date(),
            "kind": post.get_kind_display(),
        }
        for post in posts
    ]
