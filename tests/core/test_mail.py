"""core/mail.py: one message per recipient after the commit, and a mail server that refuses
is logged without failing the action that caused the mail."""

import datetime
import smtplib
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

import pytest

from blog.models import BlogIndexPage, BlogPostPage
from comments import moderation
from comments.models import Comment
from comments.spam import issue_form_token
from core.mail import send_after_commit
from core.roles import PROJECT_LEADER
from governance.decisions.models import ChangeRequest
from governance.decisions.services import submit_change_request
from governance.register.models import Membership, Person, Project
from website import demo

REFUSING = "tests.core.test_mail.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that takes the connection and refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("554 Transaction failed")


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = REFUSING


@pytest.fixture
def steering_group(db):
    project = Project.objects.create(
        name="Testprojektet",
        short_name="Test",
        slug="test",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
        state=Project.State.ONGOING,
    )
    for name in ("Anna", "Bertil"):
        person = Person.objects.create(name=name, email=f"{name.lower()}@example.invalid")
        Membership.objects.create(
            project=project, person=person, body=Membership.Body.STEERING_GROUP
        )
    return project


@pytest.fixture
def draft_change_request(steering_group):
    return ChangeRequest.objects.create(
        project=steering_group,
        title="Förlängd tidplan",
        what_changes="Aktiviteterna flyttas.",
        reason="Arbetsgivarna vill träffas efter sommaren.",
        state=ChangeRequest.State.DRAFT,
    )


@pytest.fixture
def post(demo_site):
    blog = demo_site.add_child(instance=BlogIndexPage(title="Blogg", slug="blogg"))
    return blog.add_child(
        instance=BlogPostPage(
            title="Vad hindrar oss från att pendla?",
            slug="pendling",
            intro="Vi har frågat pendlarna.",
            date=timezone.now() - datetime.timedelta(days=1),
        )
    )


def post_comment(client, page):
    data = {
        "name": "Maria Lindgren",
        "email": "maria@example.invalid",
        "website": "",
        "text": "Jag pendlar från Husum tre dagar i veckan.",
        "consent": "on",
        "parent": "",
        "homepage": "",
        "token": issue_form_token(page, now=time.time() - 60),
    }
    return client.post(f"/kommentarer/{page.pk}/", data, REMOTE_ADDR="192.0.2.99")


def test_one_message_per_recipient_and_only_after_the_commit(
    steering_group, django_capture_on_commit_callbacks
):
    context = {"report": steering_group, "link": "http://testserver/x/"}
    with django_capture_on_commit_callbacks(execute=True):
        count = send_after_commit(
            ["a@example.invalid", "", "b@example.invalid", "a@example.invalid"],
            "mail/report_submitted",
            context,
        )
        assert count == 2 and mail.outbox == []  # nothing before the commit
    assert [message.to for message in mail.outbox] == [["a@example.invalid"], ["b@example.invalid"]]
    assert "\n" not in mail.outbox[0].subject


def test_nothing_is_sent_when_the_transaction_is_rolled_back(steering_group):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_after_commit(["a@example.invalid"], "mail/report_submitted", {"report": None})
        raise RuntimeError
    assert mail.outbox == []


def test_a_refusing_mail_server_does_not_fail_submitting_a_change_request(
    draft_change_request, refusing_mail_server, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit_change_request(draft_change_request)
    assert callbacks  # the mail was due
    draft_change_request.refresh_from_db()
    assert draft_change_request.state == ChangeRequest.State.SUBMITTED
    failures = [r for r in caplog.records if r.name == "core.mail"]
    assert [r.getMessage() for r in failures] == [
        "Could not send mail/change_request_submitted to anna@example.invalid",
        "Could not send mail/change_request_submitted to bertil@example.invalid",
    ]
    assert all(r.exc_info and r.exc_info[0] is smtplib.SMTPException for r in failures)


def test_a_refusing_mail_server_does_not_fail_a_readers_comment_or_its_approval(
    client, post, make_user, refusing_mail_server, django_capture_on_commit_callbacks, caplog
):
    leader = make_user(PROJECT_LEADER, username="carina", email="carina@example.invalid")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_comment(client, post)
    assert callbacks and response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    (failure,) = [r for r in caplog.records if r.name == "core.mail"]
    assert failure.getMessage() == (
        "Could not send comments/new_comment_email to carina@example.invalid"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.approve([comment], user=leader) == 1
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_a_mail_server_that_is_down_does_not_make_the_comment_a_server_error(
    migrated_db, client, settings, caplog
):
    """Committed for real: the mail goes out inside the request, as on the running site."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens (discard)
    leader = get_user_model().objects.create_user("carina", email="carina@example.invalid")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    home = demo.load_site()
    blog = home.add_child(instance=BlogIndexPage(title="Blogg", slug="blogg"))
    page = blog.add_child(
        instance=BlogPostPage(
            title="Pendling",
            slug="pendling",
            intro="Vi har frågat pendlarna.",
            date=timezone.now() - datetime.timedelta(days=1),
        )
    )
    response = post_comment(client, page)
    assert response.status_code == 302
    assert Comment.objects.filter(page=page).count() == 1
    assert any(
        r.name == "core.mail" and "comments/new_comment_email" in r.getMessage()
        for r in caplog.records
    )
