"""WCAG 2.1 A/AA in Debian's Chromium on one live page of every page type in the demo
content, each page's declared extra addresses, search results and the 404 page.

The list is built from the database, so page types added later (blog, events, project
page) are checked as soon as their demo content exists. A page type can name addresses of
its own that are not pages (a routable page's sub-routes, say) by defining
`accessibility_check_urls()`; see DEVELOPERS.md."""

import io
from urllib.parse import urlsplit, urlunsplit

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.models import Locale, Page, get_page_models

import pytest

from .browser import CHROMIUM, CHROMIUM_ARGS, check_page, run_axe
from .conftest import skip_or_fail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def chromium(live_server, monkeypatch):
    """Debian's Chromium, started per test after the database is ready (a session-wide
    browser's event loop would run before pytest-django restores the database)."""
    if not CHROMIUM.exists():
        skip_or_fail(
            f"Browser tests need Chromium at {CHROMIUM}: install Debian's package with "
            "`apt-get install chromium` (or set CHROMIUM=/path/to/chromium)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Browser tests need Playwright for Python: run `make test` to install it.")
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM calls in
    # the tests are still plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(locale="sv-SE")
    yield context
    context.close()


@pytest.fixture
def demo_content(migrated_db):
    call_command("load_demo", stdout=io.StringIO())


def public_page_types():
    return [model for model in get_page_models() if model is not Page]


def addresses_to_check():
    """One live, public page of every page type in each language (the Swedish page and, where
    the demo has one, its English translation), the extra addresses each declares, search
    results and a missing page in each language; plus the page types that have no live page
    to check."""
    addresses, missing = [], []
    for model in public_page_types():
        content_type = ContentType.objects.get_for_model(model)
        found = False
        for locale in Locale.objects.order_by("pk"):
            page = (
                Page.objects.live()
                .public()
                .filter(content_type=content_type, locale=locale)
                .order_by("path")
                .first()
            )
            if page is None:
                continue
            found = True
            page = page.specific
            addresses.append((page.get_url(), 200))
            extra = getattr(page, "accessibility_check_urls", None)
            if extra:
                addresses += [(url, 200) for url in extra()]
        if not found:
            missing.append(model._meta.label)
    addresses.append(("/sok/?q=projektet", 200))
    addresses.append(("/sidan-som-inte-finns/", 404))
    addresses.append(("/en/sok/?q=project", 200))
    addresses.append(("/en/no-such-page/", 404))
    addresses.append(("/oppna-data/", 200))
    addresses.append(("/en/oppna-data/", 200))
    # Site-relative: the first page of each type is on the main site, but with the demo's two
    # sites (one per project) a page's url names its host.
    return [(site_relative(address), status) for address, status in addresses], missing


def site_relative(address):
    return urlunsplit(("", "", *urlsplit(address)[2:]))


def test_every_page_type_has_a_live_demo_page_to_check(demo_content):
    _, missing = addresses_to_check()
    assert missing == [], (
        "These page types have no live page in the demo content, so the browser tests "
        f"cannot check them: {missing}. Add one to the app's demo.py."
    )


def test_every_public_page_type_meets_wcag_in_chromium(demo_content, live_server, browser_context):
    addresses, _ = addresses_to_check()
    assert addresses
    failures = []
    for path, status in addresses:
        report = check_page(browser_context, live_server.url + path, expected_status=status)
        failures += [f"{path}: {problem}" for problem in report.problems]
    assert failures == [], "\n".join(failures)


def test_a_refused_comment_and_the_thanks_take_focus(demo_content, live_server, browser_context):
    """WCAG 3.3.1 and 4.1.3 in a real browser: after a refused comment the error summary
    has focus, the title says "Fel:", each link leads to its field; the thanks are focused."""
    from blog.models import BlogPostPage

    post = BlogPostPage.objects.live().order_by("path").first()
    page = browser_context.new_page()
    page.goto(live_server.url + site_relative(post.url))
    page.click("form#kommentera button[type=submit]")
    page.wait_for_load_state("load")
    assert page.title().startswith("Fel: ")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert run_axe(page) == []
    page.click(".error-summary a[href='#id_name']")
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.goto(live_server.url + site_relative(post.url) + "?kommentar=mottagen")
    assert page.evaluate("document.activeElement.className") == "comments__notice"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    page.close()


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Trasig sida</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><a href="#main">Hoppa till huvudinnehållet</a>
<main id="main" tabindex="-1"><h2>Ingen rubrik på nivå ett</h2>
<img src="/static/css/bild.png" width="10" height="10"></main></body></html>"""


def test_the_checker_fails_a_page_without_h1_and_an_image_without_alt(live_server, browser_context):
    """Proof that the checker above can fail: the same check_page on a broken page."""
    url = live_server.url + "/trasig-sida/"
    browser_context.route(
        url, lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN_PAGE)
    )
    report = check_page(browser_context, url)
    found = "\n".join(report.problems)
    assert "axe page-has-heading-one" in found
    assert "axe image-alt (critical)" in found


WIDE_PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Bred</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="https://fonts.example.com/font.css"></head>
<body><a href="#innehall">Hoppa</a><main id="main"><h1>Bred sida</h1>
<div style="width: 900px">bred</div></main></body></html>"""


def test_the_checker_fails_wide_layouts_foreign_requests_and_a_broken_skip_link(
    live_server, browser_context
):
    url = live_server.url + "/bred-sida/"
    browser_context.route(
        url, lambda route: route.fulfill(status=200, content_type="text/html", body=WIDE_PAGE)
    )
    browser_context.route(
        "https://fonts.example.com/**",
        lambda route: route.fulfill(status=200, content_type="text/css", body=""),
    )
    found = "\n".join(check_page(browser_context, url).problems)
    assert "scrolls sideways" in found
    assert "request to another host: https://fonts.example.com/font.css" in found
    assert "not the skip link to #main" in found
