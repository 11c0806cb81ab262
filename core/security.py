"""Security pieces the settings refer to: the reader's address behind the proxy, login
throttling, URLs from outside, Permissions-Policy, HTTPS admin.

Login throttling has three rules, so that nobody can lock a user out from elsewhere and
nobody can guess without end:

- per user name and address (django-axes, AXES_FAILURE_LIMIT, 5): that pair is locked for
  AXES_COOLOFF_TIME (15 minutes);
- per address (LOGIN_ADDRESS_FAILURE_LIMIT, 20 failures for any user names): the address
  is locked for AXES_COOLOFF_TIME, a hard lock;
- per user name from every address together: from AXES_FAILURE_LIMIT failures on, each
  attempt waits a delay that doubles with every further failure, up to
  LOGIN_USERNAME_MAX_DELAY_SECONDS (a minute). After that short wait the right password
  passes from an address that is not locked, so failures made elsewhere cost the user a
  minute at most, while a guesser spread over many addresses gets a guess a minute.

Every rule keys on the reader's real address (`client_ip`), read from the header the proxy
sets (CLIENT_IP_HEADER), the same one the comment form's rate limit uses.
"""

import datetime
import ipaddress
import math

from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import (
    get_client_ip_address,
    get_client_username,
    get_cool_off,
    get_credentials,
    get_failure_limit,
)
from axes.models import AccessAttempt


def client_ip(request):
    """The reader's IP address as a string (None when there is no valid one).

    Behind a proxy, CLIENT_IP_HEADER names the header it sets, e.g. HTTP_X_REAL_IP (nginx:
    `proxy_set_header X-Real-IP $remote_addr;`). It is trusted only because gunicorn listens
    on 127.0.0.1 and every request comes through the proxy, which overwrites what a client
    sent. A list (X-Forwarded-For, to which nginx appends the address it saw) is read from
    the right: the last entry is the proxy's own, the ones before it are the client's word.
    Without the setting, REMOTE_ADDR, and every reader behind a proxy shares its address.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "REMOTE_ADDR") or "REMOTE_ADDR"
    value = request.META.get(header, "") or request.META.get("REMOTE_ADDR", "")
    candidate = value.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _failures(**filters):
    """Failures still counted (within the cool-off time) and when the last one was."""
    since = timezone.now() - get_cool_off() if get_cool_off() else None
    attempts = AccessAttempt.objects.filter(**filters)
    if since is not None:
        attempts = attempts.filter(attempt_time__gte=since)
    figures = attempts.aggregate(count=Sum("failures_since_start"), last=Max("attempt_time"))
    return figures["count"] or 0, figures["last"]


def username_delay(username, limit):
    """How long an attempt for `username` must still wait, as a timedelta (zero when it
    need not): failures from every address together, a delay doubling from 2 s."""
    if not username:
        return datetime.timedelta(0)
    count, last = _failures(username=username)
    if count < limit:
        return datetime.timedelta(0)
    seconds = min(2 ** (count - limit + 1), settings.LOGIN_USERNAME_MAX_DELAY_SECONDS)
    remaining = last + datetime.timedelta(seconds=seconds) - timezone.now()
    return max(remaining, datetime.timedelta(0))


def address_locked(ip_address):
    return bool(ip_address) and (
        _failures(ip_address=ip_address)[0] >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
    )


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every login that comes with a request, and the
    address and user-name rules of this module.

    Logins from the web (the Wagtail admin, Django's login view) always pass the request.
    Calls without one (Django's test client, scripts) cannot be counted per address, so they
    pass through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        credentials = get_credentials(username=username, password=password, **kwargs)
        name = get_client_username(request, credentials)
        wait = username_delay(name, get_failure_limit(request, credentials))
        if wait or address_locked(get_client_ip_address(request)):
            # Refused before the password is looked at, and not counted as a failure (axes
            # skips a request it has marked): waiting again must not make the wait longer.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.login_wait = wait
            raise AxesBackendPermissionDenied("Login throttled by user name or address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The Swedish lock-out page (429): for a short wait by user name, how many seconds;
    for a lock, that it lifts by itself."""
    wait = getattr(request, "login_wait", None)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "wait_seconds": math.ceil(wait.total_seconds()) if wait else None,
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy: the site needs no camera, microphone, location or payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class AdminOnlyOverHttpsMiddleware:
    """Redirects every plain-HTTP request for the admin to HTTPS, even when
    SECURE_SSL_REDIRECT is turned off because a proxy redirects the rest of the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and not request.is_secure():
            return HttpResponsePermanentRedirect(
                f"https://{request.get_host()}{request.get_full_path()}"
            )
        return self.get_response(request)
