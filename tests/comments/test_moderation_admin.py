"""Project leaders moderate in the admin; the steering group has no way in."""

from django.core import mail

import pytest

from comments.models import Comment

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
    assert "väntar på granskning" not in dashboard
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


def test_known_commenters_are_published_directly_when_the_site_allows(
    client, post, make_comment, submit, comment_settings
):
    make_comment(post, email="maria@example.invalid")
    submit(post, text="Första gången hölls den inte.", email="MARIA@example.invalid")
    assert Comment.objects.get(text="Första gången hölls den inte.").status == "pending"

    comment_settings.auto_approve_known_commenters = True
    comment_settings.save()
    response = submit(post, text="Nu syns den direkt.", email="maria@example.invalid")
    assert response["Location"].endswith("?kommentar=publicerad#kommentarer")
    assert "Nu syns den direkt." in client.get(post.url).content.decode()
    submit(post, text="Okänd skribent.", email="ny@example.invalid")
    assert Comment.objects.get(text="Okänd skribent.").status == "pending"


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
        "/admin/comments/page-settings/add/", {"page": post.pk, "comments_enabled": ""}
    )
    assert response.status_code == 302
    assert 'id="kommentarer"' not in client.get(post.url).content.decode()


def test_project_leader_searches_comments_by_email(client, post, make_comment, project_leader):
    make_comment(post, email="maria@example.invalid", text="Marias kommentar.")
    make_comment(post, email="anders@example.invalid", text="Anders kommentar.")
    client.force_login(project_leader)
    html = client.get(LIST_URL + "?q=maria@example").content.decode()
    assert "Marias kommentar." in html
    assert "Anders kommentar." not in html
