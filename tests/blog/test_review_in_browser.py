"""A guest post's journey in Chromium, in Swedish: the guest writer writes a post signed
by themselves (their author is chosen and the only choice), submits it for review; the
project leader asks for changes with a comment; the writer reads it in the mail and in the
editor."""

from django.core import mail
from django.urls import reverse

import pytest

from blog.models import BlogPostPage
from core.roles import GUEST_WRITER, PROJECT_LEADER
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory
from tests.quality.browser import admin_account, log_in
from website import demo


def swedish_user(username, role, first_name, last_name):
    return admin_account(
        username,
        role,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.se",
        language="sv",
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_guest_post_is_submitted_and_returned_for_changes(
    migrated_db, live_server, browser_page, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    page = browser_page
    blog = BlogIndexPageFactory(parent=demo.load_site())
    AuthorFactory.create_batch(5)
    writer = swedish_user("malin", GUEST_WRITER, "Malin", "Gäst")
    own = AuthorFactory(name="Malin Gäst", organisation="Handelskammaren", user=writer)
    swedish_user("carina", PROJECT_LEADER, "Carina", "Lindberg")
    mail.outbox.clear()
    from playwright.sync_api import expect

    # The guest writer writes and submits: their author is chosen and the only one offered.
    log_in(page, live_server.url, "malin")
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", blog.pk])
    )
    author = page.locator("#id_post_authors-0-author")
    assert author.locator("option").all_inner_texts() == ["Malin Gäst, Handelskammaren"]
    assert author.input_value() == str(own.pk)
    assert page.get_by_text("Du skriver som dig själv.").is_visible()
    page.fill("#id_title", "Företagen vill rekrytera i hela regionen")
    page.fill("#id_intro", "Handelskammaren om en gemensam arbetsmarknad.")
    page.get_by_role("button", name="Fler åtgärder").click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    assert (
        "Sida 'Företagen vill rekrytera i hela regionen' skapad och inlämnad för moderering."
        in page.locator(".messages").inner_text()
    )
    post = BlogPostPage.objects.get(title="Företagen vill rekrytera i hela regionen")
    assert post.authors == [own] and not post.live
    (to_reviewer,) = [m for m in mail.outbox if m.to == ["carina@example.se"]]
    assert to_reviewer.subject == (
        "”Företagen vill rekrytera i hela regionen” väntar på din granskning"
    )
    assert "Malin Gäst har skickat ”Företagen vill rekrytera i hela regionen” till " in (
        to_reviewer.body
    )

    # The project leader asks for changes, with a comment.
    log_in(page, live_server.url, "carina")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[post.pk]))
    page.get_by_role("button", name="Fler åtgärder").click()
    page.get_by_role("button", name="Begär ändringar").click()
    page.fill("textarea[name=comment]", "Korta inledningen och nämn vilka företag som deltog.")
    mail.outbox.clear()
    page.locator(".modal-content").get_by_role("button", name="Begär ändringar").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(
        "Sida 'Företagen vill rekrytera i hela regionen' har blivit uppdaterad."
    )
    post.refresh_from_db()
    assert post.current_workflow_state.status == "needs_changes"

    # The writer reads what to change: in the mail, on the dashboard and in the editor.
    (to_writer,) = [m for m in mail.outbox if m.to == ["malin@example.se"]]
    assert to_writer.subject == "Ändringar begärda i ”Företagen vill rekrytera i hela regionen”"
    assert (
        "Carina Lindberg har granskat ”Företagen vill rekrytera i hela regionen” och ber dig "
        "göra ändringar innan den kan publiceras.\n\nGranskarens kommentar:\nKorta "
        "inledningen och nämn vilka företag som deltog."
    ) in to_writer.body
    log_in(page, live_server.url, "malin")
    dashboard = page.locator("main").inner_text()
    assert "Ändringar begärda i Godkännande av projektledare" in " ".join(dashboard.split())
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[post.pk]))
    page.get_by_role("button", name="Växla status").click()
    expect(page.locator("[data-side-panel=status]")).to_contain_text("Ändringar begärda")
    assert "Korta inledningen och nämn vilka företag som deltog." in (
        page.locator("#workflow-status-dialog").text_content()
    )
    assert page.locator("#id_post_authors-0-author").input_value() == str(own.pk)
    assert page.get_by_role("button", name="Lägg till Skribenter").is_disabled()
