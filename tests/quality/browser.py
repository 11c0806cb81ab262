"""The accessibility checker the browser tests run on every page: axe-core's WCAG 2.1 A/AA
rules in Debian's Chromium, plus the checks axe cannot make (focus after the skip link, no
request to another host, no content security policy violations, no sideways scrolling at
320 px)."""

import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Structure rules axe files under best practice; a page failing them fails here at any impact.
STRUCTURE_RULES = ["page-has-heading-one", "landmark-one-main"]
NARROWEST_WIDTH = 320


def axe_source():
    """axe-core as shipped inside the axe-playwright-python package (never from a CDN)."""
    return (files("axe_playwright_python") / "axe.min.js").read_text()


@dataclass
class PageReport:
    url: str
    status: int | None = None
    problems: list[str] = field(default_factory=list)


def run_axe(page):
    page.evaluate(axe_source())
    wcag = page.evaluate(
        "opts => axe.run(document, opts)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    structure = page.evaluate(
        "opts => axe.run(document, opts)",
        {"runOnly": {"type": "rule", "values": STRUCTURE_RULES}, "resultTypes": ["violations"]},
    )
    problems = []
    for violation in wcag["violations"]:
        if violation["impact"] in BLOCKING_IMPACTS:
            problems.append(describe(violation))
    for violation in structure["violations"]:
        problems.append(describe(violation))
    return problems


def describe(violation):
    targets = ", ".join(
        " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
        for node in violation["nodes"][:3]
    )
    return f"axe {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def check_page(context, url, *, expected_status=200):
    """Opens url in a fresh tab at 320 px width and returns a PageReport of every problem."""
    report = PageReport(url)
    own_host = urlsplit(url).netloc
    page = context.new_page()
    page.set_viewport_size({"width": NARROWEST_WIDTH, "height": 900})
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(request.url).netloc != own_host
            else None
        ),
    )
    console_errors = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    try:
        response = page.goto(url, wait_until="load")
        report.status = response.status if response else None
        if report.status != expected_status:
            report.problems.append(f"HTTP status {report.status}, expected {expected_status}")
        report.problems += run_axe(page)
        report.problems += [f"request to another host: {u}" for u in foreign]
        report.problems += [
            f"console error: {text}"
            for text in console_errors
            if "Content Security Policy" in text or "Refused to" in text
        ]
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            report.problems.append(f"scrolls sideways by {overflow}px at {NARROWEST_WIDTH}px width")
        report.problems += check_skip_link(page)
    finally:
        page.close()
    return report


def check_skip_link(page):
    """The first Tab reaches the skip link, and following it puts focus on the main content."""
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href'),"
        " visible: document.activeElement.getBoundingClientRect().top >= 0})"
    )
    if first["href"] != "#main":
        return [f"the first Tab stop is {first['href']!r}, not the skip link to #main"]
    problems = [] if first["visible"] else ["the focused skip link is not visible"]
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
    if focused != "main":
        problems.append(f"the skip link moved focus to {focused!r}, not to the main content")
    frame = page.evaluate(
        "() => { const s = getComputedStyle(document.getElementById('main'));"
        " return s.boxShadow !== 'none' || s.outlineStyle !== 'none'; }"
    )
    if frame:
        problems.append("the main content shows a focus frame around the whole page")
    return problems


# The admin journeys' accounts: made in the test, logged in through the real login form.
PASSWORD = "secret-pass-123"


def admin_account(username, role, *, first_name="", last_name="", email="", language=None):
    """A user in `role` (None: only what their memberships give) who logs in with PASSWORD;
    `language` sets their admin language."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.users.models import UserProfile

    account = get_user_model().objects.create_user(
        username,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if role:
        account.groups.add(Group.objects.get(name=role))
    if language:
        profile = UserProfile.get_for_user(account)
        profile.preferred_language = language
        profile.save()
    return account


def log_in(page, base_url, username):
    from django.urls import reverse

    page.context.clear_cookies()
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
