"""A large cost import writes in chunks, so on SQLite the site's other writers (a search
records its query) wait a moment for the lock instead of failing with "database is
locked". Both run in processes of their own on the same database, as in production."""

import json

from governance.budget.models import CostEntry, CostImportBatch
from tests.governance.budget.fixtures import build_small_budget
from tests.processes import SharedDatabase

ROWS = 20_000

IMPORT = """
from governance.budget import cost_import
from governance.register.models import Project
project = Project.objects.get(slug="testprojektet")
with open({path!r}, "rb") as file_obj:
    with cost_import.open_sheet(file_obj, "huvudbok.csv") as sheet:
        mapping = cost_import.guess_mapping(sheet.headers)
    batch, validation = cost_import.import_costs(project, file_obj, "huvudbok.csv", mapping)
print("imported", batch.row_count)
"""

SEARCH = """
import json, pathlib, time
from django.test import Client
client, statuses, errors, slowest = Client(), [], [], 0
stop = pathlib.Path({stop!r})
while not stop.exists() or not statuses:
    started = time.monotonic()
    try:
        statuses.append(client.get("/sok/", {{"q": "budget"}}, HTTP_HOST="localhost").status_code)
    except Exception as error:
        errors.append(repr(error))
    slowest = max(slowest, time.monotonic() - started)
print(json.dumps({{"statuses": statuses, "errors": errors, "slowest": slowest}}))
"""


def write_ledger(path, small):
    lines = ["Datum;Belopp;Kostnadsslag;Arbetsområde;Verifikation;Text"]
    for n in range(ROWS):
        area = "A" if n % 2 else "B"
        lines.append(
            f"2014-{1 + n % 12:02d}-{1 + n % 28:02d};{n % 900},50;Personal;{area};H{n};Lön"
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def test_searches_during_a_large_import_never_find_the_database_locked(migrated_db, tmp_path):
    small = build_small_budget()
    ledger = tmp_path / "huvudbok.csv"
    write_ledger(ledger, small)
    stop = tmp_path / "stop"

    with SharedDatabase(tmp_path) as shared:
        searcher = shared.python(SEARCH.format(stop=str(stop)))
        importer = shared.python(IMPORT.format(path=str(ledger)))
        import_output, _ = importer.communicate(timeout=300)
        stop.touch()
        search_output, _ = searcher.communicate(timeout=120)

    assert importer.returncode == 0 and f"imported {ROWS}" in import_output, import_output
    assert searcher.returncode == 0, search_output
    searches = json.loads(search_output.strip().splitlines()[-1])
    assert searches["errors"] == [], searches["errors"][:3]
    assert set(searches["statuses"]) == {200}
    assert CostEntry.objects.filter(project=small.project).count() == 5 + ROWS
    assert CostImportBatch.objects.get().complete
