"""The review mails of "Granskning av projektledare" (templates/wagtailadmin/notifications/),
in Swedish: the reviewers hear that a post waits for them, the guest writer what the
reviewer asks them to change, and that the post is approved and published."""

from django.urls import reverse

import pytest

from blog.models import BlogPostPage
from core.roles import GUEST_WRITER, PROJECT_LEADER
from tests.blog.test_editor import in_swedish
from tests.blog.test_workflow import add_url, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(make_user, guest_author):
    user = make_user(
        GUEST_WRITER, "malin", first_name="Malin", last_name="Gäst", email="malin@example.se"
    )
    guest_author.user = user
    guest_author.save()
    return in_swedish(user)


@pytest.fixture
def reviewer(make_user):
    user = make_user(
        PROJECT_LEADER,
        "carina",
        first_name="Carina",
        last_name="Lindberg",
        email="carina@example.se",
    )
    return in_swedish(user)


def submit(client, writer, guest_author):
    client.force_login(writer)
    client.post(add_url(writer_blog()), post_form(guest_author, **{"action-submit": "1"}))
    return BlogPostPage.objects.get()


def writer_blog():
    from blog.models import BlogIndexPage

    return BlogIndexPage.objects.get()


def act(client, reviewer, post, action, comment):
    client.force_login(reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[post.pk, action, post.current_workflow_task_state.pk],
    )
    response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302)


def mail_to(mailoutbox, address):
    (mail,) = [mail for mail in mailoutbox if mail.to == [address]]
    return mail


def test_the_reviewers_hear_that_a_post_waits_for_them(
    client, blog, guest_author, writer, reviewer, mailoutbox
):
    post = submit(client, writer, guest_author)
    mail = mail_to(mailoutbox, "carina@example.se")
    assert mail.subject == "”Gästinlägg från Handelskammaren” väntar på din granskning"
    assert mail.body.startswith("Hej Carina,")
    assert (
        "Malin Gäst har skickat ”Gästinlägg från Handelskammaren” till granskning i "
        "”Godkännande av projektledare”."
    ) in mail.body
    assert f"Godkänn eller begär ändringar: http://testserver/admin/pages/{post.pk}/edit/" in (
        mail.body
    )
    assert "Redigera dina notifikationsinställningar" in mail.body
    assert not [mail for mail in mailoutbox if mail.to == ["malin@example.se"]]


def test_the_writer_reads_what_the_reviewer_asks_them_to_change(
    client, blog, guest_author, writer, reviewer, mailoutbox
):
    post = submit(client, writer, guest_author)
    mailoutbox.clear()
    act(client, reviewer, post, "reject", "Korta inledningen och lägg till en bild.")
    mail = mail_to(mailoutbox, "malin@example.se")
    assert mail.subject == "Ändringar begärda i ”Gästinlägg från Handelskammaren”"
    body = mail.body
    assert body.startswith("Hej Malin,")
    assert (
        "Carina Lindberg har granskat ”Gästinlägg från Handelskammaren” och ber dig göra "
        "ändringar innan den kan publiceras."
    ) in body
    assert "Granskarens kommentar:\nKorta inledningen och lägg till en bild." in body
    assert (
        "Gör ändringarna och skicka den till granskning igen: "
        f"http://testserver/admin/pages/{post.pk}/edit/"
    ) in body
    assert "avvisad" not in body and "avvisad" not in mail.subject


def test_a_request_for_changes_without_a_comment_says_so(
    client, blog, guest_author, writer, reviewer, mailoutbox
):
    post = submit(client, writer, guest_author)
    act(client, reviewer, post, "reject", "")
    body = mail_to(mailoutbox, "malin@example.se").body
    assert "Granskaren lämnade ingen kommentar. Fråga vad som ska ändras." in body


def test_the_writer_hears_that_the_post_is_approved_and_published(
    client, blog, guest_author, writer, reviewer, mailoutbox
):
    post = submit(client, writer, guest_author)
    mailoutbox.clear()
    act(client, reviewer, post, "approve", "Bra skrivet!")
    mail = mail_to(mailoutbox, "malin@example.se")
    assert mail.subject == "”Gästinlägg från Handelskammaren” har godkänts"
    assert (
        "”Gästinlägg från Handelskammaren” har godkänts i ”Granskning av projektledare” och "
        "är publicerad: http://testserver/blogg/gastinlagg-handelskammaren/"
    ) in mail.body
