"""A project leader by membership imports a WordPress blog only into their own project's
blog, sees only their project's imports, tags posts with their project's work areas only,
and holds no site-wide right through the membership."""

from django.urls import reverse

import lxml.html
import pytest

from governance.register.models import Membership
from tests.governance.register.factories import MembershipFactory, PersonFactory
from tests.governance.register.test_project_groups import Site
from wordpress_import.models import WordPressImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_a():
    return Site("Ettan", "ettan")


@pytest.fixture
def site_b():
    return Site("Tvåan", "tvaan")


@pytest.fixture
def leader_a(make_user, site_a):
    """A project leader of A by membership only (no global group)."""
    user = make_user(username="ledare-a")
    person = PersonFactory(name="Ledare A", user=user)
    MembershipFactory(
        project=site_a.project, person=person, body=Membership.Body.PROJECT_MANAGEMENT
    )
    return user


def test_the_import_offers_only_the_blogs_of_ones_own_project(client, leader_a, site_a, site_b):
    theirs = WordPressImport.objects.create(blog=site_b.blog, original_name="b.xml")
    client.force_login(leader_a)
    page = client.get(reverse("wordpress_import:index"))
    offered = lxml.html.fromstring(page.content.decode()).xpath(
        '//select[@name="blog"]/option/@value'
    )
    assert [value for value in offered if value] == [str(site_a.blog.pk)]
    assert client.get(reverse("wordpress_import:detail", args=[theirs.pk])).status_code == 404


def test_a_membership_gives_no_site_wide_rights(leader_a):
    assert leader_a.has_perm("wagtailadmin.access_admin")
    assert leader_a.has_perm("governance.change_activity")
    # Redirects and a site's settings reach across every project's site.
    assert not leader_a.has_perm("wagtailredirects.add_redirect")
    assert not leader_a.has_perm("website.change_sitesettings")


def test_a_post_offers_only_its_own_projects_work_areas(client, leader_a, site_a, site_b):
    from governance.register.models import WorkArea

    ours = WorkArea.objects.create(project=site_a.project, code="A", title="Vårt område")
    WorkArea.objects.create(project=site_b.project, code="A", title="Deras område")
    client.force_login(leader_a)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[site_a.post.pk]),
        reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", site_a.blog.pk]),
    ):
        form = lxml.html.fromstring(client.get(url).content.decode())
        offered = form.xpath('//input[@name="categories"]/@value')
        assert offered == [str(ours.pk)], url
