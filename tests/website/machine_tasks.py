"""A background task for tests/website/test_several_machines.py: it notes each run (task
number and the worker's process id) in a file, one line per run."""

import os
import time

from django_tasks import task


@task(backend="background")
def note_run(number, log_path, workers=2):
    with open(log_path, "a") as log:  # O_APPEND: lines of two processes never mix
        log.write(f"{number} {os.getpid()}\n")
    # Wait (at most 60 s) until every worker has run a task: however late the last one
    # starts, the queue is not empty before it does.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(log_path) as log:
            if len({line.split()[1] for line in log}) >= workers:
                return
        time.sleep(0.01)
