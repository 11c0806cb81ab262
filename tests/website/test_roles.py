"""What each role can and cannot do, checked through Wagtail's permission policy and the
admin itself."""

from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from core.roles import GUEST_WRITER, PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP
from website.models import StandardPage

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {PROJECT_LEADER, GUEST_WRITER, STEERING_GROUP, PROJECT_GROUP} <= names


@pytest.mark.parametrize(
    "role_fixture", ["project_leader", "guest_writer", "steering_member", "project_group_member"]
)
def test_every_role_can_open_the_admin_dashboard(client, demo_site, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/admin/").status_code == 200


def test_a_visitor_without_a_role_is_sent_to_login(client, demo_site, make_user):
    client.force_login(make_user(username="nobody"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_project_leader_edits_and_publishes_pages(client, demo_site, project_leader):
    page = Page.objects.get(slug="om-projektet")
    permissions = page.permissions_for_user(project_leader)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_delete()
    client.force_login(project_leader)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_project_leader_changes_site_settings(client, demo_site, project_leader):
    client.force_login(project_leader)
    response = client.get(f"/admin/settings/website/sitesettings/{demo_site.get_site().pk}/")
    assert response.status_code == 200


def test_guest_writer_drafts_and_submits_but_cannot_publish(client, demo_site, guest_writer):
    client.force_login(guest_writer)
    response = client.post(
        f"/admin/pages/add/website/standardpage/{demo_site.pk}/",
        {
            "title": "Gästinlägg",
            "slug": "gastinlagg",
            "intro": "",
            "body-count": "0",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    draft = StandardPage.objects.get(slug="gastinlagg")
    assert not draft.live
    assert draft.current_workflow_state is not None
    permissions = draft.permissions_for_user(guest_writer)
    assert not permissions.can_publish()

    response = client.post(
        f"/admin/pages/{draft.pk}/edit/",
        {
            "title": "Gästinlägg",
            "slug": "gastinlagg",
            "intro": "",
            "body-count": "0",
            "action-publish": "1",
        },
    )
    draft.refresh_from_db()
    assert not draft.live


def test_guest_writer_cannot_edit_other_peoples_pages(demo_site, guest_writer):
    page = Page.objects.get(slug="om-projektet")
    assert not page.permissions_for_user(guest_writer).can_edit()


@pytest.mark.parametrize("role_fixture", ["steering_member", "project_group_member"])
def test_governance_roles_cannot_edit_pages(client, demo_site, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    page = Page.objects.get(slug="om-projektet")
    assert not page.permissions_for_user(user).can_edit()
    client.force_login(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get(
        f"/admin/settings/website/sitesettings/{demo_site.get_site().pk}/"
    ).status_code in (302, 403)
