"""Guest writers submit through "Granskning av projektledare"; project leaders publish.
Scheduled posts go live when `publish_scheduled` runs after their time."""

import datetime
import time

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from blog.models import BlogPostPage


def post_form(author, **extra):
    return nested_form_data(
        {
            "title": "Gästinlägg från Handelskammaren",
            "slug": "gastinlagg-handelskammaren",
            "date": "2014-05-05 09:00",
            "kind": "blogg",
            "intro": "Företagen vill rekrytera i hela regionen.",
            "body": streamfield([]),
            "post_authors": inline_formset([{"author": author.pk}]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "tags": "",
            **extra,
        }
    )


def add_url(blog):
    return reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", blog.pk])


@pytest.mark.django_db
def test_the_review_workflow_covers_the_blog():
    workflow = Workflow.objects.get(name="Granskning av projektledare")
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Projektledare"]


@pytest.mark.django_db
def test_guest_writer_submits_for_review_and_cannot_publish(
    client, blog, own_guest_author, guest_writer
):
    guest_author = own_guest_author
    client.force_login(guest_writer)
    response = client.post(add_url(blog), post_form(guest_author, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    post = BlogPostPage.objects.get(slug="gastinlagg-handelskammaren")
    assert not post.live
    assert post.current_workflow_state.workflow.name == "Granskning av projektledare"
    assert not post.permissions_for_user(guest_writer).can_publish()

    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    client.post(edit_url, post_form(guest_author, **{"action-publish": "1"}))
    post.refresh_from_db()
    assert not post.live
    assert client.get("/blogg/gastinlagg-handelskammaren/").status_code == 404


@pytest.mark.django_db
def test_project_leader_approves_and_the_post_goes_live(
    client, blog, own_guest_author, guest_writer, project_leader
):
    guest_author = own_guest_author
    client.force_login(guest_writer)
    client.post(add_url(blog), post_form(guest_author, **{"action-submit": "1"}))
    post = BlogPostPage.objects.get(slug="gastinlagg-handelskammaren")
    task_state = post.current_workflow_task_state

    client.force_login(project_leader)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk]
    )
    response = client.post(approve_url, {"comment": "Bra skrivet!"})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.live
    assert client.get("/blogg/gastinlagg-handelskammaren/").status_code == 200


@pytest.mark.django_db
def test_project_leader_publishes_directly(client, blog, author, project_leader):
    client.force_login(project_leader)
    response = client.post(add_url(blog), post_form(author, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert BlogPostPage.objects.get(slug="gastinlagg-handelskammaren").live


@pytest.mark.django_db
def test_a_scheduled_post_goes_live_when_publish_scheduled_runs(client, blog, author):
    from blog.models import BlogPostAuthor

    go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    post = BlogPostPage(
        title="Schemalagt inlägg",
        slug="schemalagt",
        intro="Publiceras senare.",
        live=False,
        go_live_at=go_live_at,
        post_authors=[BlogPostAuthor(author=author)],
    )
    blog.add_child(instance=post)
    post.save_revision().publish()
    post.refresh_from_db()
    assert not post.live  # scheduled, not yet published
    call_command("publish_scheduled")
    assert client.get("/blogg/schemalagt/").status_code == 404

    time.sleep(max(0, (go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("publish_scheduled")
    assert client.get("/blogg/schemalagt/").status_code == 200
    assert "Schemalagt inlägg" in client.get("/blogg/").content.decode()


@pytest.mark.django_db
def test_editors_open_the_post_form_and_leaders_manage_authors(
    client, blog, guest_writer, project_leader
):
    client.force_login(guest_writer)
    assert client.get(add_url(blog)).status_code == 200
    assert client.get(reverse("wagtailsnippets_blog_author:add")).status_code == 302  # denied
    client.force_login(project_leader)
    form = client.get(add_url(blog)).content.decode()
    assert "Alternativtext för huvudbilden" in form or "alternativtext för huvudbilden" in form
    assert client.get(reverse("wagtailsnippets_blog_author:add")).status_code == 200


@pytest.mark.django_db
def test_missing_alt_text_is_shown_in_the_editor_in_swedish(
    client, blog, author, project_leader, lead_image
):
    client.force_login(project_leader)
    response = client.post(
        add_url(blog), post_form(author, lead_image=lead_image.pk, **{"action-publish": "1"})
    )
    assert response.status_code == 200
    assert "alternativtext måste fyllas i" in response.content.decode()
    assert not BlogPostPage.objects.filter(slug="gastinlagg-handelskammaren").exists()
