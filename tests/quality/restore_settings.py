"""Settings for the restore test's second process: the test settings, but the database and
media folder come from the environment (a fresh database, an empty folder)."""

from website.settings.test import *  # noqa: F403
from website.settings.test import env

MEDIA_ROOT = env.path("MEDIA_ROOT")
