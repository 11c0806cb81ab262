"""Several machines share one database and one Redis (README, "Running on several
machines"): a session made on one machine is valid on another, and several `db_worker`s
share one queue without ever running a task twice. The other machines are real processes
(`manage.py`), started here."""

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

import environ
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
TEST_REDIS_URL = "redis://127.0.0.1:6379/7"


def machine(*args, database_url=None, extra_env=None, **popen):
    """`manage.py ARGS` as another machine would run it."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.website.machine_settings"}
    if database_url:
        environment["DATABASE_URL"] = database_url
    environment.update(extra_env or {})
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, text=True, **popen
    )


def run(*args, **kwargs):
    process = machine(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err
    return out


# Sessions


def settings_with_redis(url):
    """The session settings that website/settings/base.py makes of REDIS_URL."""
    code = (
        "import json; from website.settings import base as b; "
        "print(json.dumps([b.CACHES['sessions'], b.SESSION_ENGINE, b.SESSION_CACHE_ALIAS]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def redis_sessions(settings):
    """The session settings of REDIS_URL, with a key prefix of this test run's own (the
    SQLite and PostgreSQL runs of CI share the Redis); yields Redis and the prefix."""
    cache, engine, alias = settings_with_redis(TEST_REDIS_URL)
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert cache["LOCATION"] == TEST_REDIS_URL and cache["KEY_PREFIX"] == "session"
    prefix = f"session-test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, alias: {**cache, "KEY_PREFIX": prefix}}
    settings.SESSION_ENGINE = engine
    settings.SESSION_CACHE_ALIAS = alias
    server = redis.Redis.from_url(TEST_REDIS_URL)
    yield server, prefix
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


@pytest.mark.django_db
def test_a_session_made_on_one_machine_is_read_from_redis_on_another(
    redis_sessions, client, django_user_model, project_leader
):
    """Machine A signs the editor in; machine B, a client that shares nothing with A but the
    cookie the browser sends, finds the session in Redis without asking the database."""
    from django.test import Client

    response = client.post(
        "/admin/login/", {"username": project_leader.username, "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    server, prefix = redis_sessions
    assert any(session_key.encode() in key for key in server.scan_iter(f"{prefix}:*"))

    machine_b = Client()
    machine_b.cookies[django_settings.SESSION_COOKIE_NAME] = session_key
    with CaptureQueriesContext(connection) as queries:
        response = machine_b.get("/admin/")
    assert response.status_code == 200, "machine B sends the editor to the login"
    assert project_leader.username in response.content.decode()
    assert not [q for q in queries if "django_session" in q["sql"]], "read from the database"

    # Signing out on machine B signs out everywhere.
    machine_b.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302


# Workers


ENQUEUE = """
from django.core.management import call_command
from tests.website.machine_tasks import note_run

# The queue and the workers' heartbeats (background/).
for app in ("contenttypes", "django_tasks_database", "background"):
    call_command("migrate", app, verbosity=0)
for number in range({tasks}):
    note_run.enqueue(number, {log!r})
"""


@pytest.fixture
def queue_database(tmp_path):
    """A database of its own for the queue: a new SQLite file, or on PostgreSQL the
    database named like DATABASE_URL's with `_queue` added, dropped afterwards. Yields its
    URL and a function that runs an SQL query in it."""
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        import sqlite3

        path = tmp_path / "queue.sqlite3"

        def query(sql):
            with sqlite3.connect(path) as conn:
                return conn.execute(sql).fetchall()

        yield f"sqlite:///{path}", query
        return
    import psycopg

    name = f"{environ.Env.db_url_config(source)['NAME']}_queue"
    admin_url = source.rsplit("/", 1)[0] + "/postgres"
    url = source.rsplit("/", 1)[0] + f"/{name}"

    def query(sql):
        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url, query
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_workers_share_the_queue_and_never_run_a_task_twice(queue_database, tmp_path):
    """Two real `db_worker`s on one queue of 40 tasks: each task runs exactly once, and both
    workers take part (each task waits until both have started, see machine_tasks.py)."""
    url, query = queue_database
    tasks = 40
    log = tmp_path / "runs.log"
    log.touch()
    run("shell", "-c", ENQUEUE.format(tasks=tasks, log=str(log)), database_url=url)

    workers = {
        worker_id: machine(
            "db_worker",
            "--backend",
            "background",
            "--batch",
            "--no-startup-delay",
            "--worker-id",
            worker_id,
            database_url=url,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for worker_id in ("worker-a", "worker-b")
    }
    for worker in workers.values():
        output, _ = worker.communicate(timeout=300)
        assert worker.returncode == 0, output

    runs = [line.split() for line in log.read_text().splitlines()]
    assert Counter(int(number) for number, _pid in runs) == Counter(range(tasks)), (
        "every task once, none twice"
    )
    by_pid = Counter(pid for _number, pid in runs)
    assert set(by_pid) == {str(worker.pid) for worker in workers.values()}

    # The queue says the same: every task done, each by one worker.
    rows = query("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")
    assert len(rows) == tasks
    assert {status for status, _ids in rows} == {"SUCCESSFUL"}
    worker_ids = [json.loads(ids) if isinstance(ids, str) else ids for _status, ids in rows]
    assert Counter(tuple(ids) for ids in worker_ids) == {
        (worker_id,): by_pid[str(worker.pid)] for worker_id, worker in workers.items()
    }
