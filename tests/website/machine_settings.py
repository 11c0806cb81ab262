"""Settings for the processes that play further machines in tests/website/
test_several_machines.py: the test settings, with the database from DATABASE_URL and the
background queue in the database, as on a real machine."""

from website.settings.test import *  # noqa: F403
from website.settings.test import TASKS

TASKS = {**TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
