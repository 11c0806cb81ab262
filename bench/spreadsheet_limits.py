"""How quickly, and in how much memory, the spreadsheet reader refuses the bombs of issue 17.

    .venv/bin/python bench/spreadsheet_limits.py

Each file is built first (tests/governance/common/spreadsheet_bombs.py) and written to a
temporary folder; then a fresh Python process per file sets Django up, opens the file from
disk and reads it through governance.common.spreadsheets.read_table as an import would.
It prints the time to the refusal, the growth of the process's peak resident memory
(ru_maxrss) and tracemalloc's peak of Python allocations. The target: every file refused
within 2 s and 100 MB.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time, tracemalloc
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
import django
django.setup()
from django.utils import translation
from governance.common import spreadsheets
path, kind = sys.argv[1], sys.argv[2]
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
started = time.perf_counter()
message = None
with translation.override("sv"), open(path, "rb") as file:
    try:
        with spreadsheets.read_table(file, kind) as table:
            rows = sum(1 for _row in table.rows)
    except spreadsheets.UnreadableFile as error:
        message = str(error)
seconds = time.perf_counter() - started
_current, peak = tracemalloc.get_traced_memory()
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline
print(json.dumps({"seconds": seconds, "rss_mb": grown / 1024, "traced_mb": peak / 2**20,
                  "message": message}))
"""


def main():
    sys.path.insert(0, str(ROOT))
    from tests.governance.common import spreadsheet_bombs as bombs

    files = [
        ("zip bomb", "xlsx", bombs.zip_bomb),
        ("shared-strings bomb", "xlsx", bombs.shared_strings_bomb),
        ("a million empty rows", "xlsx", bombs.million_empty_rows),
        ("one row a million rows down", "xlsx", bombs.far_row),
        ("19 MB CSV", "csv", bombs.large_csv),
    ]
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':30} {'size':>10} {'time':>8} {'RSS +':>9} {'traced':>9}  message")
        for name, kind, make in files:
            path = Path(folder) / f"bomb.{kind}"
            path.write_bytes(make())
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), kind],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{name:30} {path.stat().st_size / 1024:>7.0f} KB {figures['seconds']:>6.2f} s "
                f"{figures['rss_mb']:>6.1f} MB {figures['traced_mb']:>6.1f} MB  "
                f"{figures['message']}"
            )


if __name__ == "__main__":
    main()
