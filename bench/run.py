"""`make bench`: runs every bench/bench_*.py and prints one table of medians and query counts.

Each benchmark module defines `run()`, which fills its own database at the scale its issue
names and returns rows of (what, median ms, p95 ms, queries, note). Benchmarks run against
a throw-away SQLite database under var/bench/ unless DATABASE_URL says otherwise.
"""

import importlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.bench")


def measure(func, *, repeat=15, cpu=False):
    """Median and 95th percentile in ms of func(), and the queries one call makes; with
    `cpu`, also the median CPU time in ms of this process, which a busy machine inflates
    far less than the wall-clock time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        func()
    # Read the count now: the captured list is a view into a log that later requests clear.
    query_count = len(queries)
    timings, cpu_timings = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        func()
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    if cpu:
        return statistics.median(timings), p95, query_count, statistics.median(cpu_timings)
    return statistics.median(timings), p95, query_count


def ensure_database(url):
    """A PostgreSQL database named in `url`, created when missing (SQLite makes its file)."""
    if not url.startswith("postgres"):
        return url
    import psycopg

    base, _, name = url.rpartition("/")
    name = name.split("?")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url


def main(selected):
    import django

    ensure_database(os.environ.get("DATABASE_URL", ""))

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    modules = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    rows = []
    for name in modules:
        if selected and not any(s in name for s in selected):
            continue
        print(f"running {name} …", flush=True)
        rows.extend(importlib.import_module(f"bench.{name}").run())
    print(f"\nload average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = ("what", "median ms", "p95 ms", "queries", "note")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    print()
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        cells = [row[0], f"{row[1]:.1f}", f"{row[2]:.1f}", row[3], row[4]]
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))


if __name__ == "__main__":
    main(sys.argv[1:])
