"""Issue 5: a post with 200 approved comments (half of them replies), and the moderation
list with 2 000 comments, rendered through Django's test client."""

import datetime

from bench.run import measure

APPROVED_ON_POST = 200
IN_MODERATION_LIST = 2000


def fill():
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from wagtail.models import Page

    from blog.models import BlogIndexPage, BlogPostPage
    from comments.models import Comment
    from core.roles import PROJECT_LEADER
    from website.demo import ensure_home_page

    home = ensure_home_page()
    Page.objects.filter(slug="bench-kommentarer").delete()
    index = home.add_child(instance=BlogIndexPage(title="Bench", slug="bench-kommentarer"))
    post = index.add_child(
        instance=BlogPostPage(
            title="Inlägg med många kommentarer",
            slug="manga-kommentarer",
            intro="Bench.",
            date=timezone.now() - datetime.timedelta(days=1),
        )
    )

    def comment(n, **fields):
        return Comment(
            page=post,
            name=f"Läsare {n}",
            email=f"reader{n}@example.invalid",
            text=f"Kommentar nummer {n}, med en länk till https://example.org/{n}.",
            **fields,
        )

    tops = Comment.objects.bulk_create(
        comment(n, status=Comment.Status.APPROVED) for n in range(APPROVED_ON_POST // 2)
    )
    Comment.objects.bulk_create(
        comment(1000 + n, status=Comment.Status.APPROVED, parent=top) for n, top in enumerate(tops)
    )
    Comment.objects.bulk_create(
        comment(5000 + n, status=Comment.Status.PENDING)
        for n in range(IN_MODERATION_LIST - APPROVED_ON_POST)
    )
    quiet = index.add_child(
        instance=BlogPostPage(
            title="Inlägg med två kommentarer",
            slug="tva-kommentarer",
            intro="Bench.",
            date=timezone.now() - datetime.timedelta(days=1),
        )
    )
    Comment.objects.bulk_create(
        Comment(
            page=quiet, name="Läsare", email="q@example.invalid", text="Kort.", status="approved"
        )
        for _ in range(2)
    )
    leader = User.objects.create_user("bench-moderator", password="x")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    return post, quiet, leader


def run():
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    post, quiet, leader = fill()
    public = Client()
    admin = Client()
    admin.force_login(leader)

    def get(client, url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    list_url = reverse("wagtailsnippets_comments_comment:list")
    with override_settings(ALLOWED_HOSTS=["*"]):
        cases = [
            ("post with 2 comments (public)", get(public, quiet.url), "for comparison"),
            ("post with comments (public)", get(public, post.url), f"{APPROVED_ON_POST} shown"),
            ("moderation list, pending", get(admin, list_url + "?status=pending"), "1 800 pending"),
            ("moderation list, all", get(admin, list_url), f"{IN_MODERATION_LIST} comments"),
        ]
        return [(what, *measure(fetch, repeat=9), note) for what, fetch, note in cases]
