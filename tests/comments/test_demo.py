import pytest

from comments.models import Comment, CommentSiteSettings

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]


def test_the_demo_has_approved_and_pending_comments_and_explains_them(client, load_demo_output):
    load_demo_output()

    assert Comment.objects.approved().filter(parent__isnull=False).exists()
    assert Comment.objects.pending().exists()
    settings = CommentSiteSettings.objects.get(site__is_default_site=True)
    assert settings.privacy_page.slug == "personuppgifter"
    privacy = client.get("/personuppgifter/").content.decode()
    assert "IP-adressen" in privacy and "30 dagar" in privacy
    post = client.get("/blogg/pendling-botniabanan/").content.decode()
    assert "Maria Lindgren" in post
    assert "maria.lindgren@example.invalid" not in post

    count = Comment.objects.count()
    load_demo_output()
    assert Comment.objects.count() == count
