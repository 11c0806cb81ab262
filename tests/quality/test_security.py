"""Production security: each header on a public page, secure cookies, HTTPS-only admin,
login throttling with a Swedish lock-out page, and upload checks with Swedish errors."""

import importlib
import os
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

import pytest
from axes.models import AccessAttempt

from core.security import client_ip

pytestmark = pytest.mark.django_db

PRODUCTION_SETTING_NAMES = [
    "MIDDLEWARE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
]


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings exactly as website/settings/production.py sets them."""
    monkeypatch.setenv("SECRET_KEY", "a-production-like-secret-for-the-test-only")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    importlib.reload(importlib.import_module("website.settings.base"))
    module = importlib.reload(importlib.import_module("website.settings.production"))
    for name in PRODUCTION_SETTING_NAMES:
        setattr(settings, name, getattr(module, name))
    return settings


def test_public_page_sends_every_security_header_in_production(client, demo_site, production):
    response = client.get("/om-projektet/", secure=True)
    assert response.status_code == 200

    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"

    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
        assert feature in permissions


def test_public_page_has_no_inline_script(client, demo_site, production):
    html = client.get("/", secure=True).content.decode()
    assert "<script>" not in html and " onclick=" not in html


def test_plain_http_is_redirected_to_https_in_production(client, demo_site, production):
    response = client.get("/om-projektet/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/om-projektet/"


def test_admin_stays_https_only_even_when_the_proxy_does_the_site_redirect(
    client, demo_site, production
):
    production.SECURE_SSL_REDIRECT = False
    assert client.get("/om-projektet/").status_code == 200
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/admin/login/?next=/admin/"


def test_login_cookies_are_secure_and_http_only_in_production(
    client, demo_site, production, project_leader
):
    login_page = client.get("/admin/login/", secure=True)
    assert login_page.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/",
        {"username": project_leader.username, "password": "secret-pass-123"},
        secure=True,
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]


def failed_login(client, username):
    return client.post("/admin/login/", {"username": username, "password": "wrong-password"})


def test_repeated_failed_logins_lock_the_account_with_a_swedish_message(
    client, demo_site, project_leader, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = failed_login(client, project_leader.username)
        assert response.status_code == 200  # the login form again, with its error

    locked = failed_login(client, project_leader.username)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "För många misslyckade inloggningar" in html
    assert '<html lang="sv">' in html

    # Even the right password is refused while the lock lasts.
    right = client.post(
        "/admin/login/", {"username": project_leader.username, "password": "secret-pass-123"}
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lock_out_does_not_lock_other_accounts(client, demo_site, project_leader, make_user):
    colleague = make_user(username="kollega")
    for _ in range(5):
        failed_login(client, project_leader.username)
    response = client.post(
        "/admin/login/", {"username": colleague.username, "password": "secret-pass-123"}
    )
    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, demo_site, project_leader):
    for _ in range(4):
        failed_login(client, project_leader.username)
    ok = client.post(
        "/admin/login/", {"username": project_leader.username, "password": "secret-pass-123"}
    )
    assert ok.status_code == 302
    client.logout()
    for _ in range(4):
        assert failed_login(client, project_leader.username).status_code == 200


# Behind the proxy ------------------------------------------------------------------------
# gunicorn sees every request come from the proxy (REMOTE_ADDR); the proxy names the reader
# in X-Real-IP, which CLIENT_IP_HEADER tells the site to read.

PROXY = "10.0.0.2"
GUESSER, LEADER_AT_HOME = "203.0.113.5", "198.51.100.7"


@pytest.fixture
def behind_proxy(settings, demo_site):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    return settings


def login_via_proxy(client, username, password, address):
    client.logout()
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP=address,
    )


def wrong(client, username, address):
    return login_via_proxy(client, username, "wrong-password", address)


def right(client, user, address):
    return login_via_proxy(client, user.username, "secret-pass-123", address)


def time_passes(seconds):
    """Moves the recorded failures into the past, as the clock would."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


def page_text(response):
    return " ".join(response.content.decode().split())


def test_behind_the_proxy_a_guesser_cannot_lock_the_user_out_from_elsewhere(
    client, behind_proxy, project_leader
):
    for _ in range(4):
        assert wrong(client, project_leader.username, GUESSER).status_code == 200
    assert wrong(client, project_leader.username, GUESSER).status_code == 429

    # The project leader at home, through the same proxy: a short wait, not a lock.
    waiting = right(client, project_leader, LEADER_AT_HOME)
    assert waiting.status_code == 429
    assert "Vänta 2 sekunder och logga in igen." in page_text(waiting)
    time_passes(3)
    assert right(client, project_leader, LEADER_AT_HOME).status_code == 302

    # The guesser's own address stays locked, even with the right password.
    locked = right(client, project_leader, GUESSER)
    assert locked.status_code == 429
    assert "spärren hävs av sig själv efter en kvart" in page_text(locked)


def test_a_forged_forwarded_for_entry_does_not_give_a_guesser_a_new_address(
    client, settings, demo_site, project_leader
):
    # nginx appends the address it saw to what the client sent: only the last one is true.
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    statuses = []
    for number in range(6):
        client.logout()
        response = client.post(
            "/admin/login/",
            {"username": project_leader.username, "password": "wrong-password"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {GUESSER}",
        )
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {GUESSER}


def test_one_address_trying_many_user_names_is_locked_hard(
    client, behind_proxy, project_leader, settings
):
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert wrong(client, f"gissning{number}", GUESSER).status_code == 200
    locked = right(client, project_leader, GUESSER)
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in page_text(locked)
    time_passes(60)  # no short wait: a lock of its quarter of an hour
    assert right(client, project_leader, GUESSER).status_code == 429
    # Nobody else is touched.
    assert right(client, project_leader, LEADER_AT_HOME).status_code == 302


def test_failures_for_one_name_from_many_addresses_make_it_wait_longer_each_time(
    client, behind_proxy, project_leader
):
    # Seven guesses from seven addresses, each let through after the wait of the one before.
    for number in range(7):
        assert wrong(client, project_leader.username, f"192.0.2.{number}").status_code == 200
        time_passes(60)
    assert AccessAttempt.objects.count() == 7
    time_passes(-60)  # the last guess a moment ago: seven failures, a wait of 2**3 s

    waiting = right(client, project_leader, LEADER_AT_HOME)
    assert waiting.status_code == 429
    assert "Vänta 8 sekunder och logga in igen." in page_text(waiting)
    # Waiting, and trying while waiting, does not make the wait longer.
    assert right(client, project_leader, LEADER_AT_HOME).status_code == 429
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 7
    time_passes(9)
    assert right(client, project_leader, LEADER_AT_HOME).status_code == 302


def test_the_comment_rate_limit_reads_the_same_address(rf, behind_proxy):
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=GUESSER)
    assert client_ip(request) == GUESSER
    behind_proxy.CLIENT_IP_HEADER = "REMOTE_ADDR"
    assert client_ip(request) == PROXY


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_program_renamed_to_pdf_is_refused_with_a_swedish_error(client, project_leader):
    client.force_login(project_leader)
    response = upload_document(client, "rapport.pdf", b"MZ\x90\x00" + os.urandom(200))
    assert response.status_code == 200
    assert "men innehållet är inte en PDF-fil" in response.content.decode()


def test_a_too_large_document_is_refused_with_a_swedish_error(client, project_leader, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    client.force_login(project_leader)
    response = upload_document(client, "rapport.pdf", b"%PDF-1.7\n" + b"0" * 4096)
    assert response.status_code == 200
    assert "Filen är 4,0\xa0kB; dokument får vara högst 1,0\xa0kB" in response.content.decode()


def test_a_real_pdf_is_accepted(client, project_leader):
    from wagtail.documents.models import Document

    client.force_login(project_leader)
    response = upload_document(client, "rapport.pdf", b"%PDF-1.7\n%%EOF\n")
    assert response.status_code == 302
    assert Document.objects.filter(title="rapport.pdf").exists()


def test_svg_images_are_refused(client, project_leader):
    client.force_login(project_leader)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post(
        "/admin/images/add/",
        {"title": "logo", "file": SimpleUploadedFile("logo.svg", svg), "collection": 1},
    )
    assert response.status_code == 200
    from wagtail.images import get_image_model

    assert not get_image_model().objects.filter(title="logo").exists()


def test_the_admin_sends_editors_to_no_third_party(client, project_leader):
    client.force_login(project_leader)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html
