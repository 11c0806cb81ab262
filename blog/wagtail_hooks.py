from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


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
