from dataclasses import dataclass, field

from django import template
from django.db.models import prefetch_related_objects
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import fragments

from ..availability import CommentState, comment_state
from ..display import approved_counts, comment_html, shown_on_page
from ..forms import CommentForm
from ..models import CommentSiteSettings

register = template.Library()

NOTICES = {"mottagen", "publicerad"}


@dataclass
class CommentSection:
    state: CommentState
    comments: list = field(default_factory=list)
    form: CommentForm | None = None
    reply_to: object = None
    notice: str = ""
    privacy_page: object = None

    @property
    def shown(self):
        return self.state is not CommentState.OFF

    @property
    def open(self):
        return self.state is CommentState.OPEN

    @property
    def count(self):
        return sum(1 + len(comment.approved_replies) for comment in self.comments)


def _site_settings(request, page):
    """The site's comment settings with their privacy page, remembered per fragment version
    (core/fragments.py: saving them, or publishing or moving a page, moves it on)."""
    if request is None:
        return CommentSiteSettings.for_site(page.get_site())
    return fragments.cached(
        request, "comment-site-settings", [], lambda: _with_privacy_page(request)
    )


def _with_privacy_page(request):
    site_settings = CommentSiteSettings.for_request(request)
    prefetch_related_objects([site_settings], "privacy_page")
    return site_settings


def _reply_target(comments, reply_id):
    """The top-level comment a ?svara=<id> link replies to (replies are one level deep)."""
    for comment in comments:
        if str(comment.pk) == reply_id or any(
            str(reply.pk) == reply_id for reply in comment.approved_replies
        ):
            return comment
    return None


@register.simple_tag(takes_context=True)
def comment_section(context, page):
    request = context.get("request")
    site_settings = _site_settings(request, page)
    setting, comments = shown_on_page(request, page)
    section = CommentSection(state=comment_state(page, site_settings, setting))
    if not section.shown:
        return section
    section.comments = comments
    params = request.GET if request is not None else {}
    section.notice = params.get("kommentar", "") if params.get("kommentar") in NOTICES else ""
    if section.open:
        form = context.get("comment_form")
        if form is None or form.page.pk != page.pk:
            section.reply_to = _reply_target(section.comments, params.get("svara", ""))
            initial = {"parent": section.reply_to.pk} if section.reply_to else {}
            form = CommentForm(page=page, initial=initial)
        else:
            parent_id = str(form.data.get("parent") or "")
            section.reply_to = _reply_target(section.comments, parent_id) if parent_id else None
        section.form = form
        section.privacy_page = site_settings.privacy_page
    return section


# The empty form's fields render the same for every reader of a language: made once per
# process and language instead of through the form templates on every uncached page.
_empty_field_html = {}


@register.simple_tag
def field_group(form, name):
    """`{{ form.<name>.as_field_group }}`; for a form not yet sent and a field without an
    initial value, from memory after its first rendering."""
    return _remembered(form, name, "as_field_group")


@register.simple_tag
def field_widget(form, name):
    """`{{ form.<name> }}` (the input alone), remembered as field_group is."""
    return _remembered(form, name, "as_widget")


def _remembered(form, name, rendering):
    bound_field = form[name]
    render = getattr(bound_field, rendering)
    if form.is_bound or bound_field.initial not in (None, ""):
        return render()
    key = (type(form), name, rendering, form.prefix, form.auto_id, translation.get_language())
    html = _empty_field_html.get(key)
    if html is None:
        html = _empty_field_html[key] = str(render())
    return mark_safe(html)


@register.simple_tag
def hidden_input(form, name):
    """`{{ form.<name> }}` of a hidden field, as Django's widget renders it but without its
    template: the token changes with every page shown."""
    bound_field = form[name]
    value = bound_field.value()
    return format_html(
        '<input type="hidden" name="{}"{} id="{}">',
        bound_field.html_name,
        format_html(' value="{}"', value) if value not in (None, "") else "",
        bound_field.auto_id,
    )


@register.simple_tag(takes_context=True)
def approved_comment_count(context, page, listing=None):
    """Comment count for a teaser. The counts of the pages shown with it (`listing`) are
    fetched in the same query, once per request and fragment version: a count of every
    page's comments would grow with the whole site."""
    request = context.get("request")
    if not _site_settings(request, page).comments_enabled:
        return 0
    counts = getattr(request, "_approved_comment_counts", None)
    if counts is None:
        counts = {}
        if request is not None:
            request._approved_comment_counts = counts
    if page.pk not in counts:
        ids = sorted({page.pk, *(shown.pk for shown in listing or ())})
        counts.update(dict.fromkeys(ids, 0))
        counts.update(
            fragments.cached(request, "comment-counts", ids, lambda: approved_counts(ids))
        )
    return counts[page.pk]


@register.filter
def comment_text(text):
    return comment_html(text)
