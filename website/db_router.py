"""A read replica of PostgreSQL (DATABASE_REPLICA_URL): the reads of anonymous readers'
page views go to it, everything else stays on the primary.

A replica lags behind the primary by a moment. That is harmless for a reader who has
changed nothing, and wrong for anyone who just wrote: an editor who saves a page and
reloads, a task that queues and then looks at its row, a form that checks what it just
stored. So the replica serves only GET and HEAD requests without a session cookie outside
the admin (`ReplicaReadsMiddleware`), and never inside a transaction: every write, every
read in the same transaction as a write, the admin, the worker and management commands
use the primary. Migrations run on the primary only.

A page purged from the cache at a publish's commit, or a fragment whose version moved on
(core/fragments.py), rendered again from a replica that has not caught up would be cached
stale. So the primary's connections ask for `synchronous_commit = remote_apply` (settings),
and `check_replica_is_synchronous` warns (at `migrate`, and `check --database default`)
when the primary has no synchronous standby, which makes that setting wait for nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.checks import Warning
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
_reads_from_replica = ContextVar("reads_from_replica", default=False)


@contextmanager
def reads_from_replica():
    """Reads in this block go to the replica (outside transactions)."""
    token = _reads_from_replica.set(True)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database, two connections: rows from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Anonymous readers' GET and HEAD requests outside the admin read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith("/admin/")
        ):
            with reads_from_replica():
                return self.get_response(request)
        return self.get_response(request)


def check_replica_is_synchronous(app_configs=None, databases=None, **kwargs):
    routed = f"{__name__}.{ReplicaRouter.__name__}" in settings.DATABASE_ROUTERS
    if not routed or PRIMARY not in (databases or ()):
        return []
    return replica_lag_warnings(connections[PRIMARY])


def replica_lag_warnings(primary):
    """A warning unless a commit on `primary` waits until its standby shows it."""
    with primary.cursor() as cursor:
        cursor.execute("SHOW synchronous_standby_names")
        standbys = cursor.fetchone()[0]
        cursor.execute("SHOW synchronous_commit")
        commit = cursor.fetchone()[0]
    if standbys and commit == "remote_apply":
        return []
    return [
        Warning(
            "The read replica may lag behind the primary: a page or fragment rendered from "
            "it right after a change can be cached with the old content "
            f"(synchronous_standby_names is {standbys!r}, synchronous_commit is {commit!r}).",
            hint="Name the replica in the primary's synchronous_standby_names (postgresql.conf) "
            "and keep synchronous_commit = remote_apply for the site's connections, or unset "
            "DATABASE_REPLICA_URL.",
            id="website.W001",
        )
    ]
