"""Moderation follows the pages (comments/permissions.py): two projects, each with its own
site and a blog post with comments; a project leader by membership in A moderates A's
comments only, while the project leaders' own group and the superuser moderate them all."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, Site

import pytest

from comments.models import Comment, CommentSiteSettings, PageCommentSettings
from comments.moderation import pending_count
from governance.register.models import Membership
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories import add_page
from tests.governance.register.factories import MembershipFactory, PersonFactory, ProjectFactory
from website.models import HomePage

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/comments/comment/"
SETTINGS_LIST_URL = "/admin/comments/page-settings/"


class ProjectSite:
    """One project's site: home page, blog, a post with a pending and an approved comment
    (both with the commenter's email)."""

    def __init__(self, short_name, slug):
        root = Page.get_first_root_node()
        self.home = add_page(root, HomePage(title=f"Hem {short_name}", slug=f"hem-{slug}"))
        self.site = Site.objects.create(hostname=f"{slug}.example.invalid", root_page=self.home)
        self.project = ProjectFactory(
            name=f"Projekt {short_name}", short_name=short_name, public_root=self.home
        )
        blog = BlogIndexPageFactory(parent=self.home, title=f"Blogg {short_name}")
        self.post = BlogPostPageFactory(parent=blog, title=f"Inlägg {short_name}")
        self.pending = self.comment(f"Väntar i {short_name}.", Comment.Status.PENDING)
        self.approved = self.comment(f"Godkänd i {short_name}.", Comment.Status.APPROVED)

    def comment(self, text, status=Comment.Status.PENDING, email="maria@example.invalid"):
        return Comment.objects.create(
            page=self.post,
            name="Maria Lindgren",
            email=email,
            text=text,
            status=status,
            ip_address="192.0.2.7",
        )


@pytest.fixture
def site_a():
    return ProjectSite("Ettan", "ettan")


@pytest.fixture
def site_b():
    return ProjectSite("Tvåan", "tvaan")


@pytest.fixture
def leader_a(make_user, site_a, site_b):
    """A project leader of A through a membership only: not in the role's own group."""
    user = make_user(username="ledare-a")
    person = PersonFactory(name="Ledare A", user=user)
    MembershipFactory(
        project=site_a.project, person=person, body=Membership.Body.PROJECT_MANAGEMENT
    )
    return user


@pytest.fixture
def superuser(make_user):
    return make_user(username="admin", is_superuser=True, is_staff=True)


def url(view, instance):
    return reverse(f"wagtailsnippets_comments_comment:{view}", args=[instance.pk])


def bulk_url(action, *comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}&next={LIST_URL}"


def test_a_project_leader_by_membership_sees_only_their_projects_comments(
    client, leader_a, site_a, site_b
):
    client.force_login(leader_a)

    listing = client.get(LIST_URL)
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Väntar i Ettan." in html and "Godkänd i Ettan." in html
    assert "Tvåan" not in html
    assert "192.0.2.7" not in html

    pending = client.get(LIST_URL + "?status=pending").content.decode()
    assert "Väntar i Ettan." in pending and "Väntar i Tvåan." not in pending

    assert pending_count(leader_a) == 1
    assert "1 kommentar väntar på granskning." in client.get("/admin/").content.decode()


def test_another_projects_comment_answers_403(client, leader_a, site_a, site_b):
    client.force_login(leader_a)

    for view in ("edit", "delete", "inspect", "history", "usage"):
        assert client.get(url(view, site_a.pending)).status_code == 200, view
        assert client.get(url(view, site_b.pending)).status_code == 403, view

    assert client.post(url("delete", site_b.pending)).status_code == 403
    edit = client.post(url("edit", site_b.pending), {"status": "approved", "name": "X"})
    assert edit.status_code == 403
    assert Comment.objects.get(pk=site_b.pending.pk).status == Comment.Status.PENDING


def test_a_bulk_approval_changes_only_the_leaders_own_comments(client, leader_a, site_a, site_b):
    client.force_login(leader_a)
    both = (site_a.pending, site_b.pending)

    confirm = client.get(bulk_url("approve", *both)).content.decode()
    assert "Väntar i Ettan." in confirm
    response = client.post(bulk_url("approve", *both))

    assert response.status_code == 302
    assert Comment.objects.get(pk=site_a.pending.pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=site_b.pending.pk).status == Comment.Status.PENDING

    for action in ("reject", "spam", "delete"):
        client.post(bulk_url(action, site_b.approved))
    assert Comment.objects.get(pk=site_b.approved.pk).status == Comment.Status.APPROVED


def test_erasing_a_commenter_stays_within_the_leaders_project(client, leader_a, site_a, site_b):
    client.force_login(leader_a)

    response = client.post(bulk_url("erase_commenter", site_a.pending), {"mode": "erase"})

    assert response.status_code == 302
    assert not Comment.objects.filter(page=site_a.post).exists()
    assert Comment.objects.filter(page=site_b.post, email="maria@example.invalid").count() == 2


def test_the_chooser_offers_only_the_leaders_comments(client, leader_a, site_a, site_b):
    client.force_login(leader_a)
    chooser = "wagtailsnippetchoosers_comments_comment"

    results = client.get(reverse(f"{chooser}:choose_results")).content.decode()
    assert "Ettan" in results and "Tvåan" not in results
    assert client.get(reverse(f"{chooser}:chosen", args=[site_a.pending.pk])).status_code == 200
    assert client.get(reverse(f"{chooser}:chosen", args=[site_b.pending.pk])).status_code == 403


def test_page_comment_settings_follow_the_pages(client, leader_a, site_a, site_b):
    PageCommentSettings.objects.create(page=site_a.post, comments="closed")
    b_settings = PageCommentSettings.objects.create(page=site_b.post, comments="closed")
    client.force_login(leader_a)

    listing = client.get(SETTINGS_LIST_URL).content.decode()
    assert "Inlägg Ettan" in listing and "Inlägg Tvåan" not in listing
    edit = reverse("wagtailsnippets_comments_pagecommentsettings:edit", args=[b_settings.pk])
    assert client.get(edit).status_code == 403

    add = reverse("wagtailsnippets_comments_pagecommentsettings:add")
    refused = client.post(add, {"page": site_b.home.pk, "comments": "off"}).content.decode()
    assert "Du får inte ändra kommentarerna på den här sidan." in refused
    assert not PageCommentSettings.objects.filter(page=site_b.home).exists()
    client.post(add, {"page": site_a.home.pk, "comments": "off"})
    assert PageCommentSettings.objects.filter(page=site_a.home).exists()


def test_a_sites_comment_settings_follow_its_home_page(client, leader_a, site_a, site_b):
    client.force_login(leader_a)

    def settings_url(site):
        return f"/admin/settings/comments/commentsitesettings/{site.pk}/"

    assert client.get(settings_url(site_a.site)).status_code == 200
    # Wagtail's own settings view refuses with its redirect to the dashboard.
    refused = client.get(settings_url(site_b.site))
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = client.post(settings_url(site_b.site), {"comments_enabled": ""})
    assert (response.status_code, response.url) == (302, "/admin/")
    assert CommentSiteSettings.for_site(site_b.site).comments_enabled


@pytest.mark.parametrize("who", ["global_leader", "superuser"])
def test_the_leaders_group_and_the_superuser_moderate_every_project(
    client, project_leader, superuser, site_a, site_b, who
):
    user = project_leader if who == "global_leader" else superuser
    client.force_login(user)

    html = client.get(LIST_URL).content.decode()
    assert "Väntar i Ettan." in html and "Väntar i Tvåan." in html
    assert pending_count(user) == 2
    assert client.get(url("edit", site_b.pending)).status_code == 200
    settings = f"/admin/settings/comments/commentsitesettings/{site_b.site.pk}/"
    assert client.get(settings).status_code == 200

    client.post(bulk_url("approve", site_a.pending, site_b.pending))
    assert Comment.objects.pending().count() == 0


def test_the_list_asks_as_many_queries_for_30_comments_as_for_1(client, leader_a, site_a, site_b):
    Comment.objects.all().delete()
    client.force_login(leader_a)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(LIST_URL).status_code == 200
        return len(context.captured_queries)

    site_a.comment("Den första.")
    site_b.comment("B:s enda.")
    queries()  # caches filled once per process (content types, the site)
    one = queries()
    for n in range(29):
        site_a.comment(f"Nr {n}.", status=Comment.Status.APPROVED)
    assert Comment.objects.filter(page=site_a.post).count() == 30
    assert queries() == one


@pytest.mark.parametrize("action", ["approve", "delete"])
def test_a_bulk_confirmation_asks_as_many_queries_for_10_comments_as_for_1(
    client, leader_a, site_a, site_b, action
):
    client.force_login(leader_a)

    def queries(count):
        comments = [site_a.comment(f"Nr {n}.") for n in range(count)]
        client.get(bulk_url(action, *comments))  # caches filled once per process
        with CaptureQueriesContext(connection) as context:
            assert client.get(bulk_url(action, *comments)).status_code == 200
        return len(context.captured_queries)

    assert queries(10) == queries(1)
