"""The default cache of the embedded set-up: Django's file cache, which every process on the
machine shares (the site's workers and the task worker), so a purge in one reaches all.

Django's version lists every file of the folder at every write to decide whether to cull;
with the pages of a large blog (20 000 files) that listing takes 0.1–0.3 s. This one
counts at most once a minute per process and folder (a cache object lives only as long as
its thread, so the time is kept here): the folder may pass MAX_ENTRIES for that long.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL_SECONDS = 60

_counted_at = {}  # folder -> when this process last counted its files


class FileCache(FileBasedCache):
    def _cull(self):
        now = time.monotonic()
        last = _counted_at.get(self._dir)
        if last is not None and now - last < CULL_INTERVAL_SECONDS:
            return
        _counted_at[self._dir] = now
        super()._cull()
