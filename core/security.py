"""Security pieces the settings refer to: login throttling, Permissions-Policy, HTTPS admin."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock-out check for every login that comes with a request.

    Logins from the web (the Wagtail admin, Django's login view) always pass the request.
    Calls without one (Django's test client, scripts) cannot be counted per address, so they
    pass through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
