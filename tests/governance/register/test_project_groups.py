"""Wagtail's page and collection permissions follow the memberships
(governance/register/project_groups.py): two projects, each with its own home page, blog
and collection; people who hold their role only through a membership."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from blog.models import BlogIndexPage, BlogPostPage
from core.locales import publish_translation
from core.roles import GUEST_WRITER, PROJECT_LEADER
from governance.register import project_groups
from governance.register.models import Membership, ProjectGroup
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from tests.factories import add_page
from tests.governance.register.factories import MembershipFactory, PersonFactory, ProjectFactory
from website.models import HomePage

pytestmark = pytest.mark.django_db


class Site:
    """One project's part of the installation: home page, blog with a post, collection."""

    def __init__(self, short_name, slug):
        root = Page.get_first_root_node()
        self.home = add_page(root, HomePage(title=f"Hem {short_name}", slug=f"hem-{slug}"))
        self.project = ProjectFactory(
            name=f"Projekt {short_name}", short_name=short_name, public_root=self.home
        )
        self.blog = BlogIndexPageFactory(
            parent=self.home, title=f"Blogg {short_name}", project=self.project
        )
        self.post = BlogPostPageFactory(parent=self.blog, title=f"Inlägg {short_name}")
        self.project.refresh_from_db()
        self.collection = self.project.collection


@pytest.fixture
def site_a():
    return Site("Ettan", "ettan")


@pytest.fixture
def site_b():
    return Site("Tvåan", "tvaan")


@pytest.fixture
def member(make_user):
    """A user who holds `body` in `project` through a membership only (no global group)."""

    def make(username, project, body, **dates):
        user = make_user(username=username)
        person = PersonFactory(name=username.title(), user=user)
        MembershipFactory(project=project, person=person, body=body, **dates)
        return user

    return make


@pytest.fixture
def leader_a(member, site_a):
    return member("ledare-a", site_a.project, Membership.Body.PROJECT_MANAGEMENT)


@pytest.fixture
def leader_b(member, site_b):
    return member("ledare-b", site_b.project, Membership.Body.PROJECT_MANAGEMENT)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def blog_form(blog, **extra):
    return {
        "title": blog.title + " (ändrad)",
        "slug": blog.slug,
        "intro": "Ny inledning.",
        "feed_content": blog.feed_content,
        **extra,
    }


def post_form(author, title="Gästinlägg", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "gastinlagg",
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


def add_post_url(blog):
    return reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", blog.pk])


def test_each_project_gets_its_groups_and_collection(site_a, site_b):
    for site in (site_a, site_b):
        assert site.collection.get_parent() == Collection.get_first_root_node()
        assert site.collection.name == site.project.name
        leaders = ProjectGroup.objects.get(project=site.project, role=PROJECT_LEADER).group
        assert leaders.name == f"Projektledare · {site.project.short_name}"
        assert not leaders.permissions.exists()
        assert {p.page_id for p in GroupPagePermission.objects.filter(group=leaders)} == {
            site.home.pk
        }
        assert {
            p.collection_id for p in GroupCollectionPermission.objects.filter(group=leaders)
        } == {site.collection.pk}
        writers = ProjectGroup.objects.get(project=site.project, role=GUEST_WRITER).group
        assert writers.name == f"Gästskribent · {site.project.short_name}"
        assert [
            p.permission.codename for p in GroupPagePermission.objects.filter(group=writers)
        ] == ["add_page"]


def test_a_new_short_name_renames_the_groups(site_a):
    site_a.project.short_name = "Etta"
    site_a.project.save()
    names = set(site_a.project.role_groups.values_list("group__name", flat=True))
    assert names == {"Projektledare · Etta", "Gästskribent · Etta"}
    workflow = WorkflowPage.objects.get(page=site_a.home).workflow
    assert workflow.name == "Granskning av projektledare · Etta"
    task = workflow.workflow_tasks.get().task.specific
    assert task.name == "Godkännande av projektledare · Etta"
    assert {group.name for group in task.groups.all()} == {
        "Projektledare · Etta",
        PROJECT_LEADER,
    }


def test_two_projects_with_one_short_name_get_distinct_groups(site_a):
    other = ProjectFactory(short_name=site_a.project.short_name, slug="annat")
    leaders = ProjectGroup.objects.get(project=other, role=PROJECT_LEADER).group
    assert leaders.name == "Projektledare · Ettan (annat)"


def test_a_leader_by_membership_edits_and_publishes_only_their_projects_pages(
    client, site_a, site_b, leader_a
):
    assert not leader_a.groups.filter(name=PROJECT_LEADER).exists()
    client.force_login(leader_a)

    assert client.get(edit_url(site_a.blog)).status_code == 200
    response = client.post(edit_url(site_a.blog), blog_form(site_a.blog, **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    site_a.blog.refresh_from_db()
    assert site_a.blog.title == "Blogg Ettan (ändrad)"
    assert site_a.blog.live and not site_a.blog.has_unpublished_changes

    assert client.get(edit_url(site_b.blog)).status_code != 200
    response = client.post(edit_url(site_b.blog), blog_form(site_b.blog, **{"action-publish": "1"}))
    assert response.status_code != 200
    site_b.blog.refresh_from_db()
    assert site_b.blog.title == "Blogg Tvåan"
    assert site_b.blog.latest_revision.content["title"] == "Blogg Tvåan"


def test_the_explorer_shows_a_leader_only_their_projects_pages(client, site_a, site_b, leader_a):
    client.force_login(leader_a)
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Blogg Ettan" in content
    assert "Blogg Tvåan" not in content and "Hem Tvåan" not in content


def test_a_guest_writer_adds_posts_in_their_projects_blog_only(client, site_a, site_b, member):
    writer = member("skribent-b", site_b.project, Membership.Body.GUEST_WRITERS)
    author = AuthorFactory(name="Per Renström", user=writer)
    client.force_login(writer)

    response = client.post(add_post_url(site_b.blog), post_form(author, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    post = BlogPostPage.objects.get(slug="gastinlagg")
    assert post.get_parent().pk == site_b.blog.pk and not post.live

    assert client.get(add_post_url(site_a.blog)).status_code != 200
    response = client.post(
        add_post_url(site_a.blog), post_form(author, "Fel blogg", **{"action-submit": "1"})
    )
    assert response.status_code != 200
    assert not BlogPostPage.objects.filter(title="Fel blogg").exists()
    assert not site_a.blog.permissions_for_user(writer).can_add_subpage()


def test_guest_posts_are_approved_by_their_projects_leaders(
    client, site_a, site_b, member, leader_a, leader_b
):
    writer = member("skribent-b", site_b.project, Membership.Body.GUEST_WRITERS)
    author = AuthorFactory(name="Per Renström", user=writer)
    client.force_login(writer)
    client.post(add_post_url(site_b.blog), post_form(author, **{"action-submit": "1"}))
    post = BlogPostPage.objects.get(slug="gastinlagg")
    assert post.current_workflow_state.workflow.name == "Granskning av projektledare · Tvåan"
    task_state = post.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk]
    )

    client.force_login(leader_a)
    assert client.get(edit_url(post)).status_code != 200
    client.post(approve_url, {"comment": ""})
    post.refresh_from_db()
    assert not post.live

    client.force_login(leader_b)
    assert client.get(edit_url(post)).status_code == 200
    response = client.post(approve_url, {"comment": "Bra skrivet!"})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.live


def test_a_leader_does_not_see_another_projects_images(client, site_a, site_b, leader_a, leader_b):
    image = get_image_model().objects.create(
        title="Ettans bild", file=get_test_image_file(), collection=site_a.collection
    )
    client.force_login(leader_b)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        response = client.get(url)
        assert response.status_code == 200
        assert "Ettans bild" not in response.content.decode()
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code != 200

    client.force_login(leader_a)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        assert "Ettans bild" in client.get(url).content.decode()


def test_a_membership_that_ended_loses_its_rights_at_the_next_login(client, site_a, member):
    today = timezone.localdate()
    leader = member("ledare", site_a.project, Membership.Body.PROJECT_MANAGEMENT, valid_to=today)
    client.force_login(leader)
    assert client.get(edit_url(site_a.blog)).status_code == 200

    # A day passes: nobody saves anything.
    Membership.objects.filter(person__user=leader).update(
        valid_to=today - datetime.timedelta(days=1)
    )
    client.logout()
    client.force_login(leader)
    assert not leader.groups.exists()
    assert client.get(edit_url(site_a.blog)).status_code != 200


def test_a_membership_that_ended_loses_its_rights_the_next_day_in_a_long_session(
    client, site_a, site_b, member
):
    today = timezone.localdate()
    leader = member("ledare", site_a.project, Membership.Body.PROJECT_MANAGEMENT, valid_to=today)
    # A seat in B's steering group keeps them in the admin after A's leadership ends.
    MembershipFactory(project=site_b.project, person=leader.person)
    client.force_login(leader)
    assert client.get(edit_url(site_a.blog)).status_code == 200

    Membership.objects.filter(project=site_a.project).update(
        valid_to=today - datetime.timedelta(days=1)
    )
    session = client.session
    session[project_groups._SYNCED_ON] = (today - datetime.timedelta(days=1)).isoformat()
    session.save()  # the session was last synced yesterday
    assert client.get(edit_url(site_a.blog)).status_code != 200
    assert not leader.groups.exists()
    assert client.session[project_groups._SYNCED_ON] == today.isoformat()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_membership_that_starts_today_takes_effect_at_login(client, site_a, member):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    leader = member(
        "ledare", site_a.project, Membership.Body.PROJECT_MANAGEMENT, valid_from=tomorrow
    )
    assert not leader.groups.exists()
    Membership.objects.filter(person__user=leader).update(valid_from=timezone.localdate())
    client.force_login(leader)
    assert client.get(edit_url(site_a.blog)).status_code == 200


def test_changes_to_memberships_and_people_move_the_groups(site_a, site_b, leader_a, make_user):
    leaders_a = ProjectGroup.objects.get(project=site_a.project, role=PROJECT_LEADER).group
    writers_b = ProjectGroup.objects.get(project=site_b.project, role=GUEST_WRITER).group
    assert set(leader_a.groups.all()) == {leaders_a}

    membership = Membership.objects.get(person__user=leader_a)
    membership.project = site_b.project
    membership.body = Membership.Body.GUEST_WRITERS
    membership.save()
    assert set(leader_a.groups.all()) == {writers_b}

    person = membership.person
    successor = make_user(username="eftertradare")
    person.user = successor
    person.save()
    assert not leader_a.groups.exists()
    assert set(successor.groups.all()) == {writers_b}

    membership.delete()
    assert not successor.groups.exists()


def test_a_steering_group_membership_gives_no_page_rights(site_a, member):
    user = member("styrgrupp", site_a.project, Membership.Body.STEERING_GROUP)
    assert not user.groups.exists()
    assert not site_a.blog.permissions_for_user(user).can_edit()


def test_a_new_public_site_moves_the_permissions(client, site_a, site_b, leader_a):
    other_home = add_page(Page.get_first_root_node(), HomePage(title="Nytt hem", slug="nytt"))
    page = BlogIndexPageFactory(parent=other_home, title="Ny blogg", slug="ny-blogg")
    site_a.project.public_root = other_home
    site_a.project.save()

    client.force_login(leader_a)
    assert client.get(edit_url(page)).status_code == 200
    assert client.get(edit_url(site_a.blog)).status_code != 200
    workflow = WorkflowPage.objects.get(page=other_home).workflow
    assert workflow.name == "Granskning av projektledare · Ettan"
    assert not WorkflowPage.objects.filter(page=site_a.home).exists()


def test_the_english_home_is_part_of_the_projects_site(client, site_a, leader_a):
    english_home = publish_translation(site_a.home, "en", title="Home Ettan")
    english_blog = publish_translation(site_a.blog, "en", title="Blog Ettan")
    assert english_home.get_parent().pk == Page.get_first_root_node().pk
    client.force_login(leader_a)
    assert client.get(edit_url(english_blog)).status_code == 200
    assert WorkflowPage.objects.get(page=english_home).workflow.name.endswith("· Ettan")


def test_a_global_project_leader_still_edits_every_project(client, site_a, site_b, make_user):
    leader = make_user(PROJECT_LEADER, username="regional")
    client.force_login(leader)
    for site in (site_a, site_b):
        assert client.get(edit_url(site.blog)).status_code == 200
    assert list(leader.groups.all()) == [Group.objects.get(name=PROJECT_LEADER)]


def test_deleting_a_project_deletes_its_groups(site_a):
    group_ids = list(site_a.project.role_groups.values_list("group_id", flat=True))
    site_a.project.delete()
    assert not Group.objects.filter(pk__in=group_ids).exists()
    assert not WorkflowPage.objects.filter(page=site_a.home).exists()
    assert BlogIndexPage.objects.filter(pk=site_a.blog.pk).exists()


def test_sync_all_makes_what_is_missing(site_a, leader_a):
    ProjectGroup.objects.all().delete()
    leader_a.groups.clear()
    project_groups.sync_all()
    leaders = ProjectGroup.objects.get(project=site_a.project, role=PROJECT_LEADER).group
    assert set(leader_a.groups.all()) == {leaders}
