"""What autovacuum would do after a bulk load, done at once on PostgreSQL.

PostgreSQL plans each query from statistics that autovacuum gathers in its own time, or
never where it is switched off. Straight after an import of thousands of rows the planner
still believes the tables are nearly empty: a search for a word in every post of a freshly
filled 5 000-post blog took 53 s, planned as a nested loop over every page and every search
entry, and 0.014 s after `ANALYZE` (which took 0.3 s).

The search index's GIN indexes keep new entries in a pending list until VACUUM merges them,
and every search reads that list entry by entry: with 28 000 titles pending, a search for a
rare word at 50 000 posts spent 48 of its 70 ms there (25 ms once merged).

So what loads in bulk (the WordPress import, from the admin or `manage.py
import_wordpress`; a restore; the bench's fill) ends with
`refresh_after_bulk_load()`. SQLite plans without statistics unless ANALYZE has been run,
and the site's queries are written for that, so nothing is done there.
"""

from django.db import connection

# gin_clean_pending_list is what VACUUM does to a GIN index, and unlike VACUUM it may run
# inside a transaction. Only the indexes this user may vacuum (owns, or is superuser).
MERGE_PENDING_GIN_ENTRIES = """
    SELECT index.oid::regclass::text, gin_clean_pending_list(index.oid::regclass)
    FROM pg_class index
    JOIN pg_am method ON method.oid = index.relam
    JOIN pg_namespace schema ON schema.oid = index.relnamespace
    WHERE method.amname = 'gin'
      AND schema.nspname = current_schema()
      AND pg_has_role(current_user, index.relowner, 'MEMBER')
"""


def refresh_after_bulk_load():
    """Merges the GIN indexes' pending entries and gathers fresh statistics (ANALYZE reads
    a sample of each table's rows: about as quick for a million rows as for a thousand).
    Returns {GIN index: pages merged}; nothing on SQLite."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(MERGE_PENDING_GIN_ENTRIES)
        merged = dict(cursor.fetchall())
        cursor.execute("ANALYZE")
    return merged
