"""Fresh statistics for PostgreSQL's query planner after a bulk load.

PostgreSQL plans each query from statistics that autovacuum gathers in its own time, or
never where it is switched off. Straight after an import of thousands of rows the planner
still believes the tables are nearly empty: a search for a word in every post of a freshly
filled 5 000-post blog took 53 s, planned as a nested loop over every page and every search
entry, and 0.014 s after `ANALYZE` (which took 0.3 s). So what loads in bulk (the WordPress
import, a restore, the bench's fill) ends with `refresh_after_bulk_load()`.

SQLite plans without statistics unless ANALYZE has been run, and the site's queries are
written for that, so nothing is done there.
"""

from django.db import connection


def refresh_after_bulk_load():
    """ANALYZE the whole database on PostgreSQL: it reads a sample of each table's rows,
    so it takes about the same time for a thousand rows as for a million."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
