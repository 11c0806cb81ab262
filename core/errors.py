"""The answer to a request Django refuses before any view sees it (handler400 in
website/urls.py): a form with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE, or any other bad request gets a page in the site's language
that says what happened and that nothing was saved, never Django's bare "Bad Request"."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render


def bad_request(request, exception=None):
    context = {
        "too_many_fields": isinstance(exception, TooManyFieldsSent | TooManyFilesSent),
        "too_big": isinstance(exception, RequestDataTooBig),
        "max_fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        "max_megabytes": (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // (1024 * 1024),
    }
    return render(request, "400.html", context, status=400)
