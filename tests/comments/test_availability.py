"""Comments close N days after publication, can be opened, closed or switched off per page,
and switched off site-wide."""

import pytest

from comments.models import Comment, PageCommentSettings

pytestmark = pytest.mark.django_db


def test_comments_close_n_days_after_publication(
    client, make_post, comment_settings, submit, make_comment
):
    comment_settings.close_after_days = 30
    comment_settings.save()
    old, recent = make_post("old", days_ago=31), make_post("recent", days_ago=29)
    make_comment(old, text="Skriven medan det var öppet.")

    old_html = client.get(old.url).content.decode()
    assert "Kommentarerna är stängda för den här sidan." in old_html
    assert "Skriven medan det var öppet." in old_html  # earlier comments stay visible
    assert 'id="kommentera"' not in old_html
    response = submit(old)
    assert response.status_code == 403
    assert "tar inte längre emot kommentarer" in response.content.decode()
    assert not Comment.objects.filter(page=old, name="Maria Lindgren").exists()

    assert 'id="kommentera"' in client.get(recent.url).content.decode()
    assert submit(recent).status_code == 302


def test_zero_days_keeps_comments_open(client, make_post, comment_settings):
    comment_settings.close_after_days = 0
    comment_settings.save()
    ancient = make_post("ancient", days_ago=4000)
    assert 'id="kommentera"' in client.get(ancient.url).content.decode()


def test_comments_switched_off_for_one_page(
    client, post, make_post, make_comment, submit, blog_index
):
    other = make_post("other", title="Annat inlägg")
    make_comment(post, text="Syns inte när det är avstängt.")
    PageCommentSettings.objects.create(page=post, comments="off")

    html = client.get(post.url).content.decode()
    assert 'id="kommentarer"' not in html
    assert "Syns inte när det är avstängt." not in html
    assert submit(post).status_code == 403
    assert f'href="{post.url}#kommentarer"' not in client.get(blog_index.url).content.decode()

    assert 'id="kommentera"' in client.get(other.url).content.decode()


def test_comments_switched_off_site_wide(
    client, post, event, make_comment, submit, comment_settings, blog_index
):
    make_comment(post, text="Syns inte när det är avstängt.")
    comment_settings.comments_enabled = False
    comment_settings.save()

    for page in (post, event):
        html = client.get(page.url).content.decode()
        assert 'id="kommentarer"' not in html
        assert submit(page).status_code == 403
    assert "kommentar" not in client.get(blog_index.url).content.decode().split("<main")[1]


def test_a_change_of_the_sites_comment_settings_shows_on_the_next_view(
    client, post, comment_settings, demo_site
):
    from wagtail.models import Page

    # The settings are remembered between views (core/fragments.py) until they change.
    assert 'id="kommentera"' in client.get(post.url).content.decode()
    comment_settings.privacy_page = Page.objects.get(slug="personuppgifter")
    comment_settings.save()
    assert 'href="/personuppgifter/"' in client.get(post.url).content.decode()
    comment_settings.comments_enabled = False
    comment_settings.save()
    assert 'id="kommentarer"' not in client.get(post.url).content.decode()


def test_pages_other_than_posts_and_events_take_no_comments(client, demo_site, submit):
    assert submit(demo_site).status_code == 403
    about = demo_site.get_children().get(slug="om-projektet")
    assert 'id="kommentarer"' not in client.get(about.url).content.decode()
    assert submit(about).status_code == 403


def test_a_post_closed_for_comments_keeps_its_comments_and_takes_no_new_ones(
    client, post, make_comment, submit
):
    make_comment(post, text="Skriven innan det stängdes.")
    PageCommentSettings.objects.create(page=post, comments="closed")

    html = client.get(post.url).content.decode()
    assert "Skriven innan det stängdes." in html
    assert "Kommentarerna är stängda för den här sidan." in html
    assert 'id="kommentera"' not in html
    assert submit(post).status_code == 403


def test_a_standard_page_takes_comments_when_its_setting_opens_them(
    client, demo_site, make_comment, submit
):
    about = demo_site.get_children().get(slug="om-projektet").specific
    make_comment(about, text="En fråga om projektet.")
    PageCommentSettings.objects.create(page=about, comments="open")

    html = client.get(about.url).content.decode()
    assert "En fråga om projektet." in html
    assert 'id="kommentera"' in html
    assert submit(about).status_code == 302
    assert Comment.objects.filter(page=about, status="pending").count() == 1
