"""django-tasks-db's `db_worker`, with a heartbeat: while it runs, a thread says so every
TASK_HEARTBEAT_SECONDS and looks for tasks that a dead worker left RUNNING
(background/workers.py). This app comes before django_tasks_db in INSTALLED_APPS, so
`manage.py db_worker` is this command; its options are django-tasks-db's."""

from django_tasks_db.management.commands import db_worker

from background.workers import Heartbeat


class Command(db_worker.Command):
    def handle(self, *args, **options):
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
