"""The commenter's rights: erase or anonymise everything one email address wrote, and
forget IP addresses once spam defence no longer needs them."""

import datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from core.cache import invalidate_public_pages
from core.locales import site_pages

from .models import AddressConfirmation, Comment, CommentSiteSettings

ANONYMOUS_NAME = "Anonym"


@transaction.atomic
def erase_commenter(email, *, anonymise=False, within=None):
    """Erases every comment written with this email address (replies to them stay, as
    top-level comments). With anonymise, the texts stay but name, email, website and IP
    address are removed. `within` (a queryset of comments: those a moderator may act on)
    limits it to those. Returns the number of comments affected."""
    comments = (Comment.objects if within is None else within).by_email(email)
    was_public = comments.approved().exists()
    if anonymise:
        count = comments.update(
            name=ANONYMOUS_NAME, email="", website="", ip_address=None, anonymised=True
        )
    else:
        count = comments.count()
        comments.delete()
    AddressConfirmation.objects.filter(email__iexact=email.strip()).delete()
    if was_public:
        invalidate_public_pages()
    return count


def clear_old_ip_addresses(now=None, days=None):
    """Removes IP addresses older than each site's retention period (or `days` for all).
    Returns how many comments lost their IP address."""
    now = now or timezone.now()
    cleared = 0
    for site in Site.objects.select_related("root_page"):
        retention = days
        if retention is None:
            retention = CommentSiteSettings.for_site(site).ip_retention_days
        cleared += Comment.objects.filter(
            page__in=site_pages(site),
            created_at__lt=now - datetime.timedelta(days=retention),
            ip_address__isnull=False,
        ).update(ip_address=None)
    return cleared
