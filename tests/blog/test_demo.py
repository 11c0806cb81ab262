"""The demo blog: realistic posts over the project period, in every work area, with a guest
post, events and a draft in review."""

from urllib.parse import urlsplit

from django.db.models import Min

from wagtail.models import Page

import pytest

from blog.models import BlogPostPage, EventPage

pytestmark = pytest.mark.any_database


@pytest.mark.django_db
def test_demo_blog_covers_the_project(load_demo_output, client):
    load_demo_output()
    posts = BlogPostPage.objects.live()
    assert posts.count() >= 12
    assert {post.date.year for post in posts} == {2012, 2013, 2014}
    assert set(posts.values_list("categories__code", flat=True)) >= {"A", "B", "C", "D"}
    assert any(post.is_guest_post for post in posts)
    assert posts.filter(kind=BlogPostPage.Kind.NEWS).exists()
    assert posts.filter(body__icontains="media_links").exists()
    assert posts.aggregate(first=Min("first_published_at"))["first"].year == 2012

    events = EventPage.objects.live()
    assert events.count() >= 4
    assert events.filter(title__icontains="konferens", signup_deadline__isnull=False).exists()

    draft = BlogPostPage.objects.get(live=False)
    assert draft.current_workflow_state.workflow.name == "Granskning av projektledare"

    # Every page on its own site (the demo has two: each project's).
    for page in Page.objects.live().public().specific():
        if page.depth > 1:
            address = urlsplit(page.full_url)
            response = client.get(address.path, HTTP_HOST=address.netloc)
            assert response.status_code == 200, page.full_url
    for url in ["/blogg/rss/", "/blogg/atom/", "/kalender/ical/", "/blogg/arkiv/2012/10/"]:
        assert client.get(url).status_code == 200, url
