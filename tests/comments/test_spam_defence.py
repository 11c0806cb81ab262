"""Each defence turns away what it should, says why in Swedish, keeps what the reader
typed, and lets a normal reader through."""

import time

from django.core import signing

import pytest

from comments.models import Comment
from comments.spam import TOKEN_SALT, issue_form_token

pytestmark = pytest.mark.django_db

TEXT = "Jag pendlar från Husum tre dagar i veckan."


def assert_refused(response, message, status=400):
    html = response.content.decode()
    assert response.status_code == status
    assert message in html
    assert TEXT in html  # the reader's text is still in the form
    assert 'value="Maria Lindgren"' in html
    assert not Comment.objects.exists()


def test_a_normal_reader_gets_through(post, submit):
    assert submit(post).status_code == 302
    assert Comment.objects.count() == 1


def test_honeypot_filled_in_is_refused(post, submit):
    response = submit(post, homepage="https://spam.example/")
    assert_refused(response, "Fältet ”Lämna fältet tomt” ska vara tomt")


def test_a_form_sent_too_fast_is_refused(post, submit):
    response = submit(post, seconds_ago=1)
    assert_refused(response, "snabbare än en människa hinner skriva")


def test_the_refused_form_carries_a_fresh_token_so_the_reader_can_send_again(post, submit):
    before = int(time.time())
    html = submit(post, seconds_ago=3 * 24 * 3600).content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    issued = signing.loads(token, salt=TOKEN_SALT)
    assert issued["page"] == post.pk
    assert issued["at"] >= before


@pytest.mark.parametrize("token", ["", "forged-token", "eyJwYWdlIjoxfQ:abc:def"])
def test_a_missing_or_forged_token_is_refused(post, submit, token):
    assert_refused(submit(post, token=token), "Formuläret kunde inte kontrolleras")


def test_a_token_for_another_page_is_refused(post, make_post, submit):
    other = make_post("annan", title="Ett annat inlägg")
    token = issue_form_token(other, now=time.time() - 60)
    assert_refused(submit(post, token=token), "Formuläret kunde inte kontrolleras")


def test_a_stale_form_is_refused(post, submit):
    assert_refused(submit(post, seconds_ago=3 * 24 * 3600), "för länge")


def test_too_long_text_is_refused_with_the_text_kept(post, submit):
    long_text = "a" * 3001
    response = submit(post, text=long_text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Korta din kommentar till högst 3000 tecken." in html
    assert long_text in html
    assert not Comment.objects.exists()
    assert submit(post, text="a" * 3000).status_code == 302


def test_missing_consent_is_refused(post, submit):
    response = submit(post, consent="")
    assert_refused(response, "Kryssa i rutan")


def test_rate_limit_per_ip_address(post, submit):
    for n in range(5):
        assert (
            submit(post, ip="198.51.100.7", email=f"reader{n}@example.invalid").status_code == 302
        )
    response = submit(post, ip="198.51.100.7", email="reader9@example.invalid")
    assert response.status_code == 429
    assert "många kommentarer på kort tid" in response.content.decode()
    assert TEXT in response.content.decode()
    assert Comment.objects.count() == 5
    assert submit(post, ip="198.51.100.8", email="other@example.invalid").status_code == 302


def test_rate_limit_per_email_address(post, submit):
    for _ in range(3):
        assert submit(post, email="Maria@Example.invalid").status_code == 302
    response = submit(post, email="maria@example.invalid")
    assert response.status_code == 429
    assert Comment.objects.count() == 3


def test_refused_submissions_do_not_use_up_the_rate_limit(post, submit):
    for _ in range(6):
        submit(post, ip="198.51.100.9", homepage="spam")
    assert submit(post, ip="198.51.100.9").status_code == 302


def test_blocked_words_are_refused(post, submit, comment_settings):
    comment_settings.blocked_words = "casino\nbilliga klockor"
    comment_settings.save()
    response = submit(post, text=TEXT + " Köp BILLIGA KLOCKOR här.")
    assert_refused(response, "ord som inte är tillåtna här")
    assert submit(post, text=TEXT).status_code == 302


@pytest.mark.parametrize(
    "blocked, overrides",
    [
        ("spammer@example.invalid", {"email": "Spammer@example.invalid"}),
        ("@spam.example", {"email": "anyone@spam.example"}),
        ("203.0.113.5", {"ip": "203.0.113.5"}),
        ("203.0.113.0/24", {"ip": "203.0.113.77"}),
    ],
)
def test_blocked_addresses_are_refused(post, submit, comment_settings, blocked, overrides):
    comment_settings.blocked_addresses = f"# nothing\n{blocked}\n"
    comment_settings.save()
    response = submit(post, **overrides)
    assert response.status_code == 400
    assert "Kommentarer från den här adressen tas inte emot" in response.content.decode()
    assert submit(post, email="ok@example.invalid", ip="192.0.2.250").status_code == 302


def test_a_refused_comment_on_an_event_comes_back_on_the_event_page(event, submit):
    response = submit(event, homepage="spam")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Regional konferens" in html and "Rådhuset" in html
    assert TEXT in html
