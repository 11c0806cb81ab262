"""What every open-data response says about itself: the licence and the update date. JSON
carries them in a top-level `meta`; every response, CSV included, in headers: a Link with
rel="license" and Last-Modified."""

from django.utils import timezone
from django.utils.http import http_date

from opendata import licences, updates


def meta(updated=None):
    licence = licences.current()
    updated = updated or updates.last_changed()
    return {
        "licence": {"id": licence.id, "name": licence.name, "url": licence.url},
        "updated": timezone.localtime(updated).isoformat(timespec="seconds"),
    }


def add_headers(response, updated=None):
    """The licence and update date as headers; a reader may keep the response but asks
    again before using it (an ETag, from the content, answers 304 when nothing changed)."""
    updated = updated or updates.last_changed()
    response["Link"] = f'<{licences.current().url}>; rel="license"'
    response["Last-Modified"] = http_date(updated.timestamp())
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response
