from .base import *  # noqa: F403
from .base import env

# `make run` shows the site as readers see it (Swedish 404 and 500 pages included); set
# DEBUG=true in the environment for Django's debug pages.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405

# Without DEBUG, runserver serves neither static files nor uploads: WhiteNoise serves
# static files straight from the apps, and website.urls serves media.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
