"""The one way the site sends mail: notifications to the people who work in the admin (the
steering group, the project leaders).

A notification is a pair of templates: `<name>_subject.txt` (one line) and `<name>.txt` (the
body), rendered in the site's language whatever language the person acting uses in the admin.
Each recipient gets a message of their own, sent only once the current transaction commits, so
nobody hears of a change that was rolled back. A mail server that is down or refuses is logged
and swallowed: the action that caused the mail has already succeeded and must not become an
error page.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def admin_url(url_name, *args, query=""):
    """The absolute address of an admin page, for a link in a mail."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=args)
    return f"{url}?{query}" if query else url


def send_after_commit(recipients, template, context, attachments=()):
    """Renders `template`_subject.txt and `template`.txt with `context` now and sends one
    message per recipient (duplicates and empty addresses dropped) after the commit, each
    with `attachments` ((file name, content, MIME type) triples, e.g. a calendar invitation
    as "text/calendar; method=REQUEST"). Returns the number of messages that will be sent."""
    recipients = [address for address in dict.fromkeys(recipients) if address]
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    subject = " ".join(subject.split())  # a header holds no line breaks
    messages = [
        EmailMessage(subject, body, None, [address], attachments=list(attachments))
        for address in recipients
    ]
    transaction.on_commit(lambda: _send(messages, template))
    return len(messages)


def _send(messages, template):
    try:
        with get_connection() as connection:
            for message in messages:
                try:
                    connection.send_messages([message])
                except Exception:  # any backend's failure; the next recipient may still get theirs
                    logger.exception("Could not send %s to %s", template, message.to[0])
    except Exception:  # opening or closing the connection failed
        logger.exception("Could not send %s: no connection to the mail server", template)
