"""Spam and abuse defence without third-party services.

Each check raises `Refused` with a message for the reader, in Swedish through gettext:

- a signed form token, issued when the form is rendered, proves the form came from this
  site for this page and tells how long the reader took: a submission faster than
  MIN_SECONDS is a robot's, and a token older than MAX_AGE is stale;
- a honeypot field, hidden from people (and screen readers) but filled in by robots;
- blocked words and addresses from the site's comment settings;
- a rate limit per IP address and per email address, counted in Django's cache (Redis in
  production, so that every worker shares the count).

Because the form token, not a CSRF cookie, protects the form, reading a post sets no
cookie (see comments/views.py).
"""

import ipaddress
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

TOKEN_SALT = "comments.form-token"
MIN_SECONDS = getattr(settings, "COMMENTS_MIN_SECONDS", 5)
MAX_AGE = getattr(settings, "COMMENTS_FORM_MAX_AGE", 2 * 24 * 3600)
# (submissions, seconds): at most this many accepted comments per window.
RATE_LIMIT_PER_IP = getattr(settings, "COMMENTS_RATE_LIMIT_PER_IP", (5, 3600))
RATE_LIMIT_PER_EMAIL = getattr(settings, "COMMENTS_RATE_LIMIT_PER_EMAIL", (3, 600))


class Refused(Exception):
    """A submission the spam defence turns away; str(exception) is for the reader."""

    def __init__(self, message, *, rate_limited=False):
        super().__init__(message)
        self.rate_limited = rate_limited


def issue_form_token(page, now=None):
    issued_at = int(time.time() if now is None else now)
    return signing.dumps({"page": page.pk, "at": issued_at}, salt=TOKEN_SALT, compress=True)


def check_form_token(token, page, now=None):
    now = time.time() if now is None else now
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        issued_at = int(data["at"])
        page_id = int(data["page"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise Refused(
            _("The form could not be checked. Please send your comment again.")
        ) from error
    if page_id != page.pk:
        raise Refused(_("The form could not be checked. Please send your comment again."))
    if now - issued_at < MIN_SECONDS:
        raise Refused(
            _(
                "The comment was sent faster than a person can write one. Wait a few seconds "
                "and send it again."
            )
        )
    if now - issued_at > MAX_AGE:
        raise Refused(_("The form had been open for too long. Please send your comment again."))


def check_honeypot(value):
    if value:
        raise Refused(
            _("The field “Leave this field empty” must be empty. Empty it and send again.")
        )


def _matches_address(entry, email, ip):
    if entry.startswith("@"):
        return email.endswith(entry)
    if "@" in entry:
        return email == entry
    if ip:
        try:
            return ipaddress.ip_address(ip) in ipaddress.ip_network(entry, strict=False)
        except ValueError:
            return False
    return False


def check_blocked(site_settings, *, name, email, website, text, ip):
    email = email.strip().lower()
    haystack = "\n".join([name, email, website, text]).lower()
    if any(word in haystack for word in site_settings.blocked_word_list):
        raise Refused(
            _(
                "The comment contains words that are not allowed here. Change the text and "
                "send it again."
            )
        )
    if any(_matches_address(entry, email, ip) for entry in site_settings.blocked_address_list):
        raise Refused(_("Comments from this address are not accepted."))


def _rate_key(kind, value):
    digest = salted_hmac("comments.rate-limit", value.lower()).hexdigest()[:32]
    return f"comments:rate:{kind}:{digest}"


def _over_limit(kind, value, limit):
    if not value:
        return False
    count, seconds = limit
    key = _rate_key(kind, value)
    cache.add(key, 0, timeout=seconds)  # starts the window; no-op while it runs
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        used = 1
    return used > count


def check_rate_limit(*, ip, email):
    """Counts this submission and refuses it when the IP or the email has sent too many."""
    if _over_limit("ip", ip or "", RATE_LIMIT_PER_IP) or _over_limit(
        "email", email or "", RATE_LIMIT_PER_EMAIL
    ):
        raise Refused(
            _("You have sent many comments in a short time. Wait a while and send this one again."),
            rate_limited=True,
        )
