"""What a reader sees and does: write a comment, see it after approval, reply, read."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from comments import moderation
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_a_valid_comment_is_held_and_shown_after_approval(client, post, submit):
    response = submit(post, text="Tåget måste hinna fram före åtta.")

    assert response.status_code == 302
    assert response["Location"] == f"{post.url}?kommentar=mottagen"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    held = client.get(response["Location"]).content.decode()
    assert "när en moderator har godkänt den" in held
    assert "Tåget måste hinna fram före åtta." not in held

    moderation.approve([comment])

    shown = client.get(post.url).content.decode()
    assert "Tåget måste hinna fram före åtta." in shown
    assert "Maria Lindgren" in shown
    assert "1 kommentar" in shown


def test_the_form_is_under_posts_and_events(client, post, event):
    for page in (post, event):
        html = client.get(page.url).content.decode()
        assert "Lämna en kommentar" in html
        assert f'action="/kommentarer/{page.pk}/"' in html


def test_event_comments_are_taken_and_moderated_the_same_way(client, event, submit):
    assert submit(event).status_code == 302
    moderation.approve(Comment.objects.all())
    assert "Jag pendlar från Husum" in client.get(event.url).content.decode()


def test_html_and_script_are_shown_as_text_and_links_get_nofollow_ugc(client, post, make_comment):
    make_comment(
        post,
        text='<script>alert("x")</script> <b>fet</b> Läs mer på https://example.org/tidtabell',
        name="<i>Eva</i>",
    )
    html = client.get(post.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html
    assert "&lt;i&gt;Eva&lt;/i&gt;" in html
    assert (
        '<a href="https://example.org/tidtabell" rel="nofollow ugc">'
        "https://example.org/tidtabell</a>" in html
    )


def test_a_commenters_website_is_linked_with_nofollow_ugc(client, post, make_comment):
    make_comment(post, website="https://anders.example.org/")
    html = client.get(post.url).content.decode()
    assert '<a href="https://anders.example.org/" rel="nofollow ugc">Anders Berg</a>' in html


def test_emails_are_never_shown(client, post, blog_index, make_comment):
    make_comment(post, email="hemlig.adress@example.invalid")
    make_comment(post, status=Comment.Status.PENDING, email="annan.hemlig@example.invalid")
    assert "Fler pendlarparkeringar, tack." in client.get(post.url).content.decode()
    for url in (post.url, blog_index.url):
        html = client.get(url).content.decode()
        assert "hemlig" not in html


def test_reading_sets_no_cookie(client, post, blog_index, make_comment):
    make_comment(post)
    for url in (post.url, blog_index.url, f"{post.url}?svara=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers


def test_commenting_needs_no_session_or_csrf_cookie(post, submit, client):
    client.cookies.clear()
    response = submit(post)
    assert response.status_code == 302
    assert not response.cookies


def test_replies_are_one_level_deep(client, post, make_comment, submit):
    top = make_comment(post)
    reply = make_comment(post, parent=top, name="Carina Lindberg", text="Tack för tipset!")

    form = client.get(f"{post.url}?svara={reply.pk}").content.decode()
    assert "Du svarar på Anders Berg." in form
    assert f'name="parent" value="{top.pk}"' in form

    submit(post, parent=str(reply.pk), text="Jag håller med.")
    answer = Comment.objects.get(text="Jag håller med.")
    assert answer.parent == top  # filed under the top-level comment, not under the reply


def test_a_reply_to_a_comment_that_is_not_shown_is_refused(post, make_comment, submit):
    hidden = make_comment(post, status=Comment.Status.PENDING)
    response = submit(post, parent=str(hidden.pk))
    assert response.status_code == 400
    assert "Kommentaren du svarade på finns inte" in response.content.decode()


def test_the_blog_listing_shows_each_posts_comment_count(
    client, blog_index, make_post, make_comment
):
    busy, quiet = make_post("busy", title="Många kommentarer"), make_post("quiet", title="Tyst")
    for _ in range(3):
        make_comment(busy)
    make_comment(busy, status=Comment.Status.PENDING)
    html = client.get(blog_index.url).content.decode()
    assert f'href="{busy.url}#kommentarer">3 kommentarer</a>' in html
    assert f'href="{quiet.url}#kommentarer"' not in html


def test_a_listing_counts_only_the_comments_of_the_posts_it_shows(
    client, blog_index, make_post, make_comment
):
    # Eleven posts: the index shows ten a page, so the oldest is on page 2.
    posts = [make_post(f"post-{n}", title=f"Inlägg {n}", days_ago=n + 1) for n in range(11)]
    for post in (posts[0], posts[10]):
        make_comment(post)
        make_comment(post)
    with CaptureQueriesContext(connection) as queries:
        first_page = client.get(blog_index.url).content.decode()
    counting = [q["sql"] for q in queries if 'FROM "comments_comment"' in q["sql"]]
    # One query, held to the ten posts shown: counting the whole site's comments would
    # grow with every post ever commented on.
    assert len(counting) == 1
    counted = {int(pk) for pk in re.search(r"IN \(([\d, ]+)\)", counting[0]).group(1).split(",")}
    assert counted == {post.pk for post in posts[:10]}
    assert f'href="{posts[0].url}#kommentarer">2 kommentarer</a>' in first_page
    second_page = client.get(f"{blog_index.url}?sida=2").content.decode()
    assert f'href="{posts[10].url}#kommentarer">2 kommentarer</a>' in second_page


def test_comments_are_remembered_until_one_is_shown_or_hidden(
    client, blog_index, post, make_comment
):
    make_comment(post)
    waiting = make_comment(post, name="Carina Lindberg", status=Comment.Status.PENDING)
    assert "1 kommentar" in client.get(blog_index.url).content.decode()
    assert "1 kommentar" in client.get(post.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(post.url)
        client.get(blog_index.url)
    assert not [q for q in queries if "comments_" in q["sql"]]

    # A comment sent for moderation changes nothing readers see; approving it does.
    make_comment(post, name="Doris Ek", status=Comment.Status.PENDING)
    assert "Carina Lindberg" not in client.get(post.url).content.decode()
    moderation.approve([waiting])
    assert "2 kommentarer" in client.get(blog_index.url).content.decode()
    assert "Carina Lindberg" in client.get(post.url).content.decode()
    moderation.reject([waiting])
    assert "Carina Lindberg" not in client.get(post.url).content.decode()
    assert "1 kommentar<" in client.get(blog_index.url).content.decode()


def _queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_comments(
    client, make_post, make_comment, blog_index
):
    few, many = make_post("few", title="Få"), make_post("many", title="Många")
    for page, count in ((few, 2), (many, 200)):
        tops = [make_comment(page, text=f"Kommentar {n}") for n in range(count // 2)]
        for n, top in enumerate(tops):
            make_comment(page, parent=top, text=f"Svar {n}")
    assert Comment.objects.filter(page=many).count() == 200

    client.get(few.url)  # warm Wagtail's per-process caches (site root paths)
    client.get(many.url)  # and keep both posts' fragments (core/fragments.py)
    assert _queries_to_render(client, many.url) == _queries_to_render(client, few.url)
    assert "200 kommentarer" in client.get(many.url).content.decode()


def test_listing_query_count_does_not_grow_with_commented_posts(
    client, blog_index, make_post, make_comment
):
    make_comment(make_post("first", title="Första"))
    client.get(blog_index.url)
    one = _queries_to_render(client, blog_index.url)
    for n in range(8):
        make_comment(make_post(f"post-{n}", title=f"Inlägg {n}"))
    client.get(blog_index.url)  # publishing emptied the cached sidebars; fill them again
    assert _queries_to_render(client, blog_index.url) == one


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(document.domain)",
        "java\tscript:alert(document.domain)",  # what "java&#x09;script:" decodes to
        " JavaScript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_a_commenters_website_that_is_no_web_address_never_becomes_a_link(
    client, post, make_comment, website
):
    comment = make_comment(post, website=website)
    comment.refresh_from_db()
    assert comment.website == ""  # not kept, whoever saved it
    # A row that bypassed save() (an old one, a bulk update) is checked again when shown.
    Comment.objects.filter(pk=comment.pk).update(website=website)
    html = client.get(post.url).content.decode()
    assert "Anders Berg" in html
    assert "script:" not in html.lower() and "data:text" not in html
    assert '<strong class="comment__name">Anders Berg</strong>' in html


@pytest.mark.parametrize(
    "website", ["javascript:alert(document.domain)", "java&#x09;script:alert(1)", "ftp://x.se/"]
)
def test_the_form_refuses_a_website_that_is_no_web_address(post, submit, website):
    response = submit(post, website=website)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    page = response.content.decode()
    assert "Jag pendlar från Husum tre dagar i veckan." in page  # the reader's text kept
    assert ("börjar med http:// eller https://" in page) or ("giltig" in page)


def test_a_mailto_or_web_address_is_linked(client, post, submit):
    response = submit(post, website="https://maria.example.org/blogg")
    assert response.status_code == 302
    assert Comment.objects.get().website == "https://maria.example.org/blogg"


def test_the_address_of_a_refused_comment_can_be_reloaded(client, post, submit):
    refused = submit(post, text="")
    assert refused.status_code == 400  # the post again, with the message, at /kommentarer/…
    # Reloading that address in the browser (or opening it from the history) is a GET:
    # the reader lands on the post's comments, not on a blank 405.
    reloaded = client.get(f"/kommentarer/{post.pk}/")
    assert reloaded.status_code == 302
    assert reloaded["Location"] == f"{post.url}#kommentarer"
    assert client.get(reloaded["Location"]).status_code == 200
    assert client.get("/kommentarer/999999/").status_code == 404


def test_the_fields_say_what_browsers_may_fill_in(client, post):
    html = client.get(post.url).content.decode()
    assert 'name="name" autocomplete="name"' in html
    assert 'name="email" autocomplete="email"' in html
    assert 'name="website" autocomplete="url"' in html


def test_a_refused_comment_comes_back_with_a_focused_summary_linking_each_field(post, submit):
    refused = submit(post, name="", email="inte-en-adress", website="ftp://x.se/", text="")
    html = refused.content.decode()

    assert refused.status_code == 400
    assert "<title>Fel: " in html
    summary = html[
        html.index('class="error-summary"') : html.index("</div>", html.index("error-summary"))
    ]
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert "det finns 4 fel" in summary
    # Each message names its field, and leads to it.
    assert '<a href="#id_name">Skriv ditt namn.</a>' in summary
    assert '<a href="#id_email">Skriv din e-postadress som namn@exempel.se.</a>' in summary
    assert '<a href="#id_website">Skriv din webbplats adress' in summary
    assert '<a href="#id_text">Skriv din kommentar.</a>' in summary
    assert "Det här fältet är obligatoriskt" not in html
    # The field itself says it is wrong, and which message describes it.
    assert 'aria-invalid="true" aria-describedby="id_name_error"' in html


def test_a_refusal_without_a_field_is_in_the_summary_without_a_link(post, submit):
    refused = submit(post, homepage="https://spam.example/")
    html = refused.content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    assert "<li><a" not in summary and "<li>" in summary


def test_the_thanks_are_focused_so_that_they_are_read_out(client, post, submit):
    thanks = client.get(submit(post)["Location"]).content.decode()
    assert '<p class="comments__notice" role="status" tabindex="-1" autofocus>' in thanks
    assert "<title>Fel:" not in thanks
    assert "<title>Fel:" not in client.get(post.url).content.decode()
