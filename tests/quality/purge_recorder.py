"""A frontend cache backend that records the URLs it is asked to purge, for tests: Wagtail's
documented extension point (a class with `purge(url)`), as its own tests do."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)
