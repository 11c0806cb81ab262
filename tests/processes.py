"""Other processes on the test's database: a real `manage.py db_worker` that a test can
kill, code that runs beside another process's import. PostgreSQL's test database is seen
by any process; SQLite's is in memory, so it is copied to a file for the other process and
copied back after (sqlite3's backup API)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from django.conf import settings
from django.db import connection


class SharedDatabase:
    def __init__(self, folder):
        self.folder = folder
        self.sqlite = connection.vendor == "sqlite"

    def __enter__(self):
        if self.sqlite:
            self.path = self.folder / "shared.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(self.path) as target:
                connection.connection.backup(target)
            self.url = f"sqlite:///{self.path}"
        else:
            db = connection.settings_dict
            self.url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )
        return self

    def __exit__(self, *exc):
        if self.sqlite:
            connection.close()
            connection.ensure_connection()
            with sqlite3.connect(self.path) as source:
                source.backup(connection.connection)

    def value(self, sql):
        """One value, read as another process would see it (committed)."""
        if self.sqlite:
            with sqlite3.connect(self.path, timeout=30) as reader:
                return reader.execute(sql).fetchone()[0]
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as reader:
            return reader.execute(sql).fetchone()[0]

    def worker(self, *args, **env):
        """`manage.py db_worker --backend background` in a process of its own."""
        command = ["db_worker", "--backend", "background", "--no-reload", "--no-startup-delay"]
        return self.manage(*command, *args, **env)

    def python(self, code, **env):
        """Python code run by `manage.py shell` in a process of its own."""
        return self.manage("shell", "--no-startup", "-c", code, **env)

    def manage(self, *args, **env):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "website.settings.dev",
            "DATABASE_URL": self.url,
            "PRIVATE_UPLOAD_ROOT": str(settings.PRIVATE_UPLOAD_ROOT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONPATH": str(settings.BASE_DIR),
            **env,
        }
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]
        return subprocess.Popen(
            command,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )


def wait_for(condition, seconds=120, every=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
