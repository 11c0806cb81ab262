"""Proof of a known commenter's email address, for "publish known commenters directly".

Typing an address proves nothing, so a comment is published at once only when its address
has an approved comment, was confirmed through a link sent to it, and the comment comes from
a browser that opened that link: opening it sets a signed cookie naming the address
(HttpOnly, SameSite=Lax, so a form posted from another site does not carry it). Readers who
only read get no cookie; only a commenter who confirms does.

The link is a signed token (Django's signing, salted, valid for LINK_LIFETIME) sent with
core.mail.send_after_commit, at most once per address in that time, so that someone typing
another's address cannot flood their mailbox.
"""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from core.mail import send_after_commit

from .models import AddressConfirmation

LINK_LIFETIME = datetime.timedelta(days=7)
PROOF_LIFETIME = datetime.timedelta(days=365)
TOKEN_SALT = "comments.address-confirmation"
COOKIE_NAME = "kommentator"
COOKIE_SALT = "comments.address-proof"


def normalised(email):
    return email.strip().lower()


def make_token(email):
    return signing.dumps(normalised(email), salt=TOKEN_SALT, compress=True)


def email_from_token(token):
    """The address the link was sent to; None when the token is forged or too old."""
    try:
        return signing.loads(token, salt=TOKEN_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:
        return None


def proven_email(request):
    """The address this browser proved, from its cookie (None without a valid one)."""
    try:
        return request.get_signed_cookie(
            COOKIE_NAME, salt=COOKIE_SALT, max_age=PROOF_LIFETIME.total_seconds()
        )
    except (KeyError, signing.BadSignature):
        return None


def is_proven(request, email):
    """The address is confirmed and this browser is the one that confirmed it."""
    email = normalised(email)
    return (
        proven_email(request) == email
        and AddressConfirmation.objects.filter(email=email, confirmed_at__isnull=False).exists()
    )


def offer_confirmation(email, page):
    """Sends the confirmation link to the address unless one went there within the link's
    lifetime. Returns True when a message is sent."""
    email = normalised(email)
    now = timezone.now()
    confirmation, created = AddressConfirmation.objects.get_or_create(
        email=email, defaults={"sent_at": now}
    )
    if not created:
        if confirmation.sent_at > now - LINK_LIFETIME:
            return False
        confirmation.sent_at = now
        confirmation.save(update_fields=["sent_at"])
    site = page.get_site()
    link = site.root_url + reverse("comments:confirm", args=[make_token(email)])
    context = {"page": page, "link": link, "days": LINK_LIFETIME.days}
    return send_after_commit([email], "comments/confirm_address_email", context) == 1


def confirm(token):
    """Marks the link's address confirmed; returns the address, or None for a bad link."""
    email = email_from_token(token)
    if email is None:
        return None
    AddressConfirmation.objects.filter(email=email).update(confirmed_at=timezone.now())
    return email if AddressConfirmation.objects.filter(email=email).exists() else None


def remember(response, email, *, secure):
    response.set_signed_cookie(
        COOKIE_NAME,
        email,
        salt=COOKIE_SALT,
        max_age=int(PROOF_LIFETIME.total_seconds()),
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
    return response
