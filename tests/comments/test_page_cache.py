"""An approved comment reaches readers at once, even when the post is in the page cache."""

import pytest

from comments import moderation
from comments.models import Comment

pytest.importorskip("core.cache", reason="the public page cache is not in this branch yet")

pytestmark = pytest.mark.django_db


def test_approving_a_comment_empties_the_cached_post(
    client, post, page_cache, commit, make_comment
):
    comment = make_comment(post, status=Comment.Status.PENDING, text="Nu godkänd.")
    first = client.get(post.url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(post.url)["X-Page-Cache"] == "hit"

    with commit():
        moderation.approve([comment])

    html = client.get(post.url).content.decode()
    assert "Nu godkänd." in html


def test_erasing_a_commenter_empties_the_cached_post(
    client, post, page_cache, commit, make_comment
):
    make_comment(post, email="maria@example.invalid", text="Snart borta.")
    assert "Snart borta." in client.get(post.url).content.decode()
    assert client.get(post.url)["X-Page-Cache"] == "hit"

    from comments.privacy import erase_commenter

    with commit():
        erase_commenter("maria@example.invalid")

    assert "Snart borta." not in client.get(post.url).content.decode()
