"""Settings for the restore test's second process: the test settings, but the database and
media and private folders come from the environment (a fresh database, empty folders)."""

from website.settings.test import *  # noqa: F403
from website.settings.test import env

MEDIA_ROOT = env.path("MEDIA_ROOT")
PRIVATE_UPLOAD_ROOT = env.path("PRIVATE_UPLOAD_ROOT")
