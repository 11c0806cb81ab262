import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest

from website import demo
from website.roles import GUEST_WRITER, PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP


@pytest.fixture
def demo_site(db):
    """The site-wide demo content: home page, about, privacy, accessibility statement."""
    return demo.load_site()


@pytest.fixture
def make_user(db):
    def make(role=None, username=None, **extra):
        username = username or (role or "user").lower().replace("ä", "a")
        user = get_user_model().objects.create_user(
            username=username, password="secret-pass-123", **extra
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def project_leader(make_user):
    return make_user(PROJECT_LEADER)


@pytest.fixture
def guest_writer(make_user):
    return make_user(GUEST_WRITER)


@pytest.fixture
def steering_member(make_user):
    return make_user(STEERING_GROUP)


@pytest.fixture
def project_group_member(make_user):
    return make_user(PROJECT_GROUP)


@pytest.fixture
def load_demo_output(db):
    def run():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        return out.getvalue()

    return run


@pytest.fixture(scope="session", autouse=True)
def migrated_state(django_db_setup, django_db_blocker):
    """The rows the migrations made (roles, Wagtail's root page and collection…), taken
    before any transactional test flushes the database; tests/quality's `migrated_db`
    lays them anew for tests that need a committed database (live server)."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()
