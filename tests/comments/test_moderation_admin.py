"""Project leaders moderate in the admin; the steering group has no way in."""

from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest

from comments import confirmation
from comments.models import AddressConfirmation, Comment
from tests.comments.conftest import form_data

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/comments/comment/"
MENU_ENTRY = '"url": "/admin/comments/comment/"'


def bulk_url(action, *comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}&next={LIST_URL}"


def test_project_leader_sees_pending_comments_with_their_post(
    client, post, make_comment, project_leader
):
    make_comment(post, status=Comment.Status.PENDING, text="Väntar på granskning.")
    client.force_login(project_leader)

    dashboard = client.get("/admin/").content.decode()
    assert "1 kommentar väntar på granskning." in dashboard
    assert MENU_ENTRY in dashboard
    assert f'href="{LIST_URL}?status=pending"' in dashboard

    listing = client.get(LIST_URL + "?status=pending")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Väntar på granskning." in html
    assert post.title in html
    assert "Godkänn" in html and "Markera som skräppost" in html


@pytest.mark.parametrize(
    "action, status",
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("spam", Comment.Status.SPAM),
    ],
)
def test_project_leader_moderates_in_bulk(
    client, post, make_comment, project_leader, action, status
):
    comments = [make_comment(post, status=Comment.Status.PENDING, text=f"Nr {n}") for n in range(3)]
    client.force_login(project_leader)

    confirm = client.get(bulk_url(action, *comments[:2]))
    assert confirm.status_code == 200
    response = client.post(bulk_url(action, *comments[:2]))

    assert response.status_code == 302
    statuses = [Comment.objects.get(pk=c.pk).status for c in comments]
    assert statuses == [status, status, Comment.Status.PENDING]
    shown = client.get(post.url).content.decode()
    assert ("Nr 0" in shown) == (status == Comment.Status.APPROVED)


def test_project_leader_deletes_a_comment(client, post, make_comment, project_leader):
    comment = make_comment(post, status=Comment.Status.SPAM)
    client.force_login(project_leader)
    response = client.post(bulk_url("delete", comment))
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_project_leader_erases_a_commenters_data_from_the_admin(
    client, post, make_comment, project_leader
):
    chosen = make_comment(post, email="maria@example.invalid", text="Den valda.")
    make_comment(post, email="maria@example.invalid", text="En annan av Maria.")
    make_comment(post, email="anders@example.invalid", text="Anders kommentar.")
    client.force_login(project_leader)

    confirm = client.get(bulk_url("erase_commenter", chosen)).content.decode()
    assert "maria@example.invalid" in confirm
    response = client.post(bulk_url("erase_commenter", chosen), {"mode": "erase"})

    assert response.status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == ["Anders kommentar."]


def test_steering_group_has_no_moderation(client, post, make_comment, steering_member):
    comment = make_comment(post, status=Comment.Status.PENDING)
    client.force_login(steering_member)

    dashboard = client.get("/admin/").content.decode()
    assert MENU_ENTRY not in dashboard
    # The comments' panel ("1 kommentar väntar på granskning"), not the reports' panel.
    assert "kommentar väntar på granskning" not in dashboard
    assert "kommentarer väntar på granskning" not in dashboard
    assert LIST_URL not in dashboard
    assert client.get(LIST_URL).status_code == 403
    assert client.get(f"{LIST_URL}edit/{comment.pk}/").status_code == 403
    assert client.get(bulk_url("approve", comment)).status_code == 403
    assert client.post(bulk_url("approve", comment)).status_code == 403
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_project_leaders_get_an_email_about_a_new_comment(
    post, submit, make_user, django_capture_on_commit_callbacks
):
    from core.roles import PROJECT_LEADER, STEERING_GROUP

    make_user(PROJECT_LEADER, username="carina", email="carina@example.invalid")
    make_user(STEERING_GROUP, username="styr", email="styr@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        submit(post, text="Ett nytt perspektiv på pendlingen.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carina@example.invalid"]
    assert post.title in message.subject
    assert "Ett nytt perspektiv på pendlingen." in message.body
    assert "/admin/comments/comment/?status=pending" in message.body


def test_typing_a_known_address_publishes_nothing_without_proof_of_it(
    client, post, make_comment, submit, comment_settings, django_capture_on_commit_callbacks
):
    make_comment(post, email="maria@example.invalid")
    comment_settings.auto_approve_known_commenters = True
    comment_settings.save()

    # Anyone may type Maria's address: the comment waits, and Maria gets a link, once.
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(post, text="Skrivet i Marias namn.", email="MARIA@example.invalid")
        submit(post, text="Igen i Marias namn.", email="maria@example.invalid")
    assert response["Location"].endswith("?kommentar=mottagen")
    assert set(Comment.objects.filter(text__contains="Marias namn").values_list(
        "status", flat=True)) == {"pending"}  # fmt: skip
    links = [m for m in mail.outbox if m.to == ["maria@example.invalid"]]
    assert len(links) == 1
    assert links[0].subject == "Bekräfta din e-postadress för kommentarer"
    link = next(line for line in links[0].body.splitlines() if "/kommentarer/bekrafta/" in line)

    # Maria opens the link: her address is proved, in this browser.
    confirmed = client.get(link.replace("http://localhost", ""))
    assert confirmed.status_code == 200
    assert "Din adress är bekräftad" in confirmed.content.decode()
    assert confirmed.cookies["kommentator"]["httponly"]
    assert confirmed.cookies["kommentator"]["samesite"] == "Lax"
    response = submit(post, text="Nu syns den direkt.", email="maria@example.invalid")
    assert response["Location"].endswith("?kommentar=publicerad")
    assert "Nu syns den direkt." in client.get(post.url).content.decode()
    # The comments typed in her name before are still waiting.
    assert Comment.objects.get(text="Skrivet i Marias namn.").status == "pending"

    # Another browser typing her address still waits, and no second link is sent.
    cache.clear()  # ten minutes later: the rate limit of three comments per address is past
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        data = form_data(post, text="Från någon annan.", email="maria@example.invalid")
        other.post(f"/kommentarer/{post.pk}/", data, REMOTE_ADDR="192.0.2.99")
    assert Comment.objects.get(text="Från någon annan.").status == "pending"
    assert len([m for m in mail.outbox if m.to == ["maria@example.invalid"]]) == 1
    # An unknown address gets no link at all.
    submit(post, text="Okänd skribent.", email="ny@example.invalid")
    assert Comment.objects.get(text="Okänd skribent.").status == "pending"


def test_a_damaged_or_forged_confirmation_link_proves_nothing(client, post, make_comment):
    make_comment(post, email="maria@example.invalid")
    token = confirmation.make_token("maria@example.invalid")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(f"/kommentarer/bekrafta/{forged}/")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
    assert "kommentator" not in response.cookies
    assert not AddressConfirmation.objects.filter(confirmed_at__isnull=False).exists()


def test_project_leader_opens_a_comment_and_the_comment_settings(
    client, post, make_comment, project_leader, demo_site
):
    comment = make_comment(post, status=Comment.Status.PENDING, email="maria@example.invalid")
    client.force_login(project_leader)

    inspect = client.get(f"{LIST_URL}inspect/{comment.pk}/").content.decode()
    assert "maria@example.invalid" in inspect  # moderators may see the email, readers never
    assert client.get(f"{LIST_URL}edit/{comment.pk}/").status_code == 200
    site_id = demo_site.get_site().pk
    settings_page = client.get(f"/admin/settings/comments/commentsitesettings/{site_id}/")
    assert settings_page.status_code == 200
    assert "Spara IP-adresser i (dagar)" in settings_page.content.decode()
    assert client.get("/admin/comments/page-settings/add/").status_code == 200


def test_project_leader_switches_comments_off_for_a_page(client, post, project_leader):
    client.force_login(project_leader)
    response = client.post(
        "/admin/comments/page-settings/add/", {"page": post.pk, "comments": "off"}
    )
    assert response.status_code == 302
    assert 'id="kommentarer"' not in client.get(post.url).content.decode()


def test_project_leader_closes_comments_on_a_post_and_opens_them_on_a_page(
    client, post, make_comment, project_leader, demo_site
):
    make_comment(post, text="Skriven innan det stängdes.")
    about = demo_site.get_children().get(slug="om-projektet")
    client.force_login(project_leader)

    for page, state in ((post, "closed"), (about, "open")):
        response = client.post(
            "/admin/comments/page-settings/add/", {"page": page.pk, "comments": state}
        )
        assert response.status_code == 302

    closed = client.get(post.url).content.decode()
    assert "Skriven innan det stängdes." in closed and 'id="kommentera"' not in closed
    assert 'id="kommentera"' in client.get(about.url).content.decode()
    listing = client.get("/admin/comments/page-settings/").content.decode()
    assert "stängda: kommentarerna visas, nya tas inte emot" in listing


def test_project_leader_searches_comments_by_email(client, post, make_comment, project_leader):
    make_comment(post, email="maria@example.invalid", text="Marias kommentar.")
    make_comment(post, email="anders@example.invalid", text="Anders kommentar.")
    client.force_login(project_leader)
    html = client.get(LIST_URL + "?q=maria@example").content.decode()
    assert "Marias kommentar." in html
    assert "Anders kommentar." not in html


CHOOSER_URLS = [
    "/admin/snippets/choose/comments/comment/",
    "/admin/snippets/choose/comments/comment/results/?q=Hemligt",
]


@pytest.mark.parametrize("role", ["guest_writer", "steering_member", "project_group_member"])
def test_only_moderators_see_comments_in_the_admin_chooser(
    client, post, make_comment, project_leader, request, role
):
    pending = make_comment(post, status=Comment.Status.PENDING, text="Hemligt väntande.")
    make_comment(post, status=Comment.Status.SPAM, text="Hemligt skräp.")

    client.force_login(request.getfixturevalue(role))
    for url in [*CHOOSER_URLS, f"/admin/snippets/choose/comments/comment/chosen/{pending.pk}/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Hemligt" not in response.content.decode()

    client.force_login(project_leader)
    chooser = client.get(CHOOSER_URLS[1])
    assert chooser.status_code == 200
    assert "Hemligt väntande." in chooser.content.decode()
