"""The commenter's personal data: erasure on request and IP addresses kept 30 days."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_erase_commenter_removes_every_comment_of_that_email(client, post, make_comment):
    top = make_comment(post, email="maria@example.invalid", name="Maria", text="Första.")
    make_comment(post, email="MARIA@example.invalid", name="Maria", text="Andra.")
    reply = make_comment(post, parent=top, email="carina@example.invalid", text="Ett svar.")
    make_comment(post, email="anders@example.invalid", text="Någon annans.")

    out = io.StringIO()
    call_command("erase_commenter", "Maria@example.invalid", stdout=out)

    assert "Erased 2 comment(s)" in out.getvalue()
    assert not Comment.objects.filter(email="maria@example.invalid").exists()
    reply.refresh_from_db()
    assert reply.parent is None  # others' replies stay, now at the top level
    html = client.get(post.url).content.decode()
    assert "Första." not in html and "Ett svar." in html and "Någon annans." in html


def test_erase_commenter_can_anonymise_instead(client, post, make_comment):
    make_comment(
        post,
        email="maria@example.invalid",
        name="Maria Lindgren",
        website="https://maria.example.org/",
        ip_address="192.0.2.1",
        text="Texten får stå kvar.",
    )
    call_command("erase_commenter", "maria@example.invalid", "--anonymise", stdout=io.StringIO())

    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.website, comment.ip_address) == (
        "Anonym",
        "",
        "",
        None,
    )
    html = client.get(post.url).content.decode()
    assert "Texten får stå kvar." in html and "Maria Lindgren" not in html


def test_clear_comment_ips_keeps_only_recent_addresses(post, make_comment, comment_settings):
    now = timezone.now()
    old = make_comment(post, ip_address="192.0.2.1")
    recent = make_comment(post, ip_address="192.0.2.2")
    Comment.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=31))
    Comment.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=29))

    out = io.StringIO()
    call_command("clear_comment_ips", stdout=out)

    assert "Cleared the IP address of 1 comment(s)" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "192.0.2.2"

    comment_settings.ip_retention_days = 7
    comment_settings.save()
    call_command("clear_comment_ips", stdout=io.StringIO())
    recent.refresh_from_db()
    assert recent.ip_address is None


def test_a_comment_stores_the_readers_ip_address(post, submit):
    submit(post, ip="198.51.100.23")
    assert Comment.objects.get().ip_address == "198.51.100.23"


def test_the_form_links_the_consent_to_the_privacy_page(client, post, comment_settings, demo_site):
    from wagtail.models import Page

    comment_settings.privacy_page = Page.objects.get(slug="personuppgifter")
    comment_settings.save()
    html = client.get(post.url).content.decode()
    assert '<a href="/personuppgifter/">Så behandlar vi personuppgifter</a>' in html
