"""The read replica (website/db_router.py): anonymous readers' page views read from it,
everything else from the primary. The replica here is a second connection to the test
database, as DATABASE_REPLICA_URL would give a second connection to a replica of it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from website import demo
from website.db_router import REPLICA, check_replica_is_synchronous, reads_from_replica

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def replica(migrated_db, settings):
    # A connection made on the fly, as Django's tests allow (an alias not in the settings).
    connections.settings[REPLICA] = {**connections["default"].settings_dict}
    connections[REPLICA]
    del connections.settings[REPLICA]
    settings.DATABASE_ROUTERS = ["website.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("core.cache.PublicPageCacheMiddleware") + 1,
        "website.db_router.ReplicaReadsMiddleware",
    )
    settings.MIDDLEWARE = middleware
    demo.load_site()
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]


def queries_on_both(replica):
    return CaptureQueriesContext(connections["default"]), CaptureQueriesContext(replica)


def test_anonymous_page_views_read_from_the_replica_and_the_rest_from_the_primary(
    replica, client, project_leader
):
    # The first view writes the site settings' row (get_or_create: on the primary).
    assert client.get("/").status_code == 200
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        response = client.get("/")
    assert response.status_code == 200
    assert any("wagtailcore_page" in q["sql"] for q in replica_queries)
    # Only Wagtail's site settings come from the primary: they are fetched with
    # get_or_create, which reads where it would write.
    on_primary = [q["sql"] for q in primary_queries]
    assert all('FROM "website_sitesettings"' in sql for sql in on_primary), on_primary
    assert len(on_primary) <= 1 < len(replica_queries)

    # Editors, the admin and writes use the primary.
    client.force_login(project_leader)
    primary_queries, replica_queries = queries_on_both(replica)
    with primary_queries, replica_queries:
        assert client.get("/").status_code == 200
        assert client.get("/admin/pages/").status_code == 200
    assert len(replica_queries) == 0 and len(primary_queries) > 0

    with reads_from_replica():
        home = Page.objects.get(depth=2)
        assert home._state.db == REPLICA
        home.title = "Startsida"
        with CaptureQueriesContext(connections["default"]) as writes:
            home.save(update_fields=["title"])
        assert any(q["sql"].startswith("UPDATE") for q in writes)
        # Inside a transaction every read sees what it wrote: the primary.
        with transaction.atomic():
            assert Page.objects.get(pk=home.pk)._state.db == "default"


def replica_settings(replica_url):
    """The primary's database settings that website/settings/base.py makes when a replica is
    configured."""
    code = "import json; from website.settings import base as b; print(json.dumps(b.DATABASES))"
    environment = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lagesbild",
        "DATABASE_REPLICA_URL": replica_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_a_replica_a_commit_waits_until_the_replica_shows_it():
    databases = replica_settings("postgres://postgres@replica.internal:5432/lagesbild")
    assert "-c synchronous_commit=remote_apply" in databases["default"]["OPTIONS"]["options"]
    replica_options = databases["replica"].get("OPTIONS", {}).get("options", "")
    assert "synchronous_commit" not in replica_options
    # The replica's reads are no more JIT-compiled than the primary's.
    assert (
        "-c jit=off" in replica_options
        and "-c jit=off" in databases["default"]["OPTIONS"]["options"]
    )


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="a PostgreSQL server's replication"
)
def test_migrate_warns_when_the_primary_has_no_synchronous_standby(replica):
    # The test server has no standby, as a primary whose replica was set up asynchronously.
    warnings = check_replica_is_synchronous(databases=["default"])
    assert [warning.id for warning in warnings] == ["website.W001"]
    assert "synchronous_standby_names" in warnings[0].hint
    # Only when the primary is checked (`migrate` and `check --database default` ask).
    assert check_replica_is_synchronous(databases=None) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT compiler")
@pytest.mark.django_db
def test_on_postgresql_the_sites_queries_are_not_jit_compiled():
    """Compiling cost more than it saved: 11 of a rare word's 19 ms at 50 000 posts."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
