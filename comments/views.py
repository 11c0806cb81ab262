"""The comment form's endpoint.

It is exempt from Django's CSRF check on purpose. The CSRF defence needs a cookie, and a
cookie on every post would break the promise that readers who only read get none (and
would make posts uncacheable). CSRF protects what a signed-in browser may do on its
user's behalf; this endpoint ignores who is signed in, so a forged request can do nothing
a robot could not do directly. What stands in for the CSRF token is the signed form token
(this page, issued at render time, checked for age and speed), the honeypot, the rate
limits and moderation; see comments/spam.py.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from wagtail.models import Page

from core.security import client_ip

from . import confirmation, moderation
from .availability import CommentState, comment_state, own_setting
from .forms import CommentForm
from .models import CommentSiteSettings

THANKS_PARAMETER = "kommentar"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def post_comment(request, page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if request.method == "GET":
        # A reload (or a bookmark) of the address a refused comment was shown at: the post
        # itself, at its comments, instead of a bare 405.
        return HttpResponseRedirect(f"{page.url}#kommentarer")
    site_settings = CommentSiteSettings.for_site(page.get_site())
    if comment_state(page, site_settings, own_setting(page)) is not CommentState.OPEN:
        return TemplateResponse(
            request, "comments/comments_closed.html", {"page": page}, status=403
        )

    ip = client_ip(request)
    form = CommentForm(request.POST, page=page, site_settings=site_settings, ip=ip)
    if form.is_valid():
        comment = moderation.take_comment(
            form,
            page=page,
            ip=ip,
            site_settings=site_settings,
            proven=confirmation.is_proven(request, form.cleaned_data["email"]),
        )
        outcome = "publicerad" if comment.is_approved else "mottagen"
        # No #fragment: a fragment would stop the browser from focusing the thank-you
        # notice (autofocus is skipped when the address names a target).
        return HttpResponseRedirect(f"{page.url}?{THANKS_PARAMETER}={outcome}")

    # Refused: the post again, with the reader's text, the message and a fresh form token.
    context = page.get_context(request)
    context["comment_form"] = form.with_fresh_token()
    context["title_error"] = True  # base.html prefixes the title with "Error:" (WCAG 3.3.1)
    return TemplateResponse(
        request,
        page.get_template(request),
        context,
        status=429 if form.rate_limited else 400,
    )


@never_cache
@require_GET
def confirm_address(request, token):
    """The link of a known commenter's confirmation mail: confirms the address and
    remembers this browser as the one that proved it."""
    email = confirmation.confirm(token)
    context = {"email": email, "days": confirmation.LINK_LIFETIME.days}
    response = TemplateResponse(
        request, "comments/address_confirmed.html", context, status=200 if email else 400
    )
    if email:
        confirmation.remember(response, email, secure=request.is_secure())
    return response
