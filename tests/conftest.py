import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command

import pytest

from core.roles import GUEST_WRITER, PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP
from website import demo


@pytest.fixture(autouse=True)
def fresh_fragments():
    """Each test starts without kept page fragments or remembered sites (core/fragments.py):
    ids are used again from one test's database to the next."""
    from core import fragments

    fragments.forget()


@pytest.fixture
def demo_site(db):
    """The site-wide demo content: home page, about, privacy, accessibility statement."""
    return demo.load_site()


@pytest.fixture
def page_cache(settings):
    """The public page cache switched on, as in production, and empty."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs, at the end of the block, what waits for the transaction to
    commit (the page cache's purges, mail), as the commit of a real request would: a test
    runs inside a transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and the rows the migrations made in it (roles,
    Wagtail's root page and collection…), taken before any test can flush them; a run
    without database tests sets up no database and takes nothing."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def migrated_state(django_db_setup):
    """The rows the migrations made; `migrated_db` lays them anew for tests that need a
    committed database (live server, background worker)."""
    return django_db_setup


@pytest.fixture
def migrated_db(transactional_db, migrated_state):
    """A committed database holding exactly what the migrations made, for tests with a live
    server or a background worker. Another module's transactional test may have flushed it
    before (Django then re-creates only content types and permissions), so it is laid anew
    here."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_state)
    reset_sequences(connection)
    # Content type ids may differ from those cached before the flush.
    ContentType.objects.clear_cache()
    cache.clear()


def reset_sequences(connection):
    """Rows loaded with their ids leave PostgreSQL's id sequences behind; move them on."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A Chromium page in Swedish at 1280 px for the admin journeys (tests/quality/browser.py
    has their accounts and log_in)."""
    from tests.quality.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(
            locale="sv-SE", viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page.set_default_timeout(15_000)
        yield page
        browser.close()
