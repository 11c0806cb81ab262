"""The post editor as a guest writer and as a project leader sees it: who may sign a post,
where a slug clash is reported, and a Swedish admin without English left in it."""

import json
import re
from pathlib import Path

from django.urls import reverse

import wagtail.admin
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

import lxml.html
import polib
import pytest

from blog.models import Author, BlogPostPage
from tests.blog.factories import AuthorFactory, BlogPostPageFactory
from tests.blog.test_workflow import add_url, post_form
from tests.governance.common.test_admin_text import ENGLISH, visible_text

pytestmark = pytest.mark.django_db


def in_swedish(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


def author_choices(html):
    """(value, label, selected) of the first author row's list."""
    root = lxml.html.fromstring(html)
    select = root.get_element_by_id("id_post_authors-0-author")
    return [
        (option.get("value"), option.text_content().strip(), option.get("selected") is not None)
        for option in select.iter("option")
    ]


def test_a_guest_writer_signs_as_themselves_preselected(
    client, blog, author, own_guest_author, guest_writer
):
    AuthorFactory.create_batch(9)
    client.force_login(in_swedish(guest_writer))
    html = client.get(add_url(blog)).content.decode()
    assert author_choices(html) == [
        (str(own_guest_author.pk), "Per Renström, Arbetsförmedlingen Örnsköldsvik", True)
    ]
    assert "Du skriver som dig själv" in html


def test_a_guest_writer_without_an_author_gets_one_named_like_their_account(
    client, blog, make_user
):
    from core.roles import GUEST_WRITER

    writer = in_swedish(make_user(GUEST_WRITER, "malin", first_name="Malin", last_name="Gäst"))
    client.force_login(writer)
    html = client.get(add_url(blog)).content.decode()
    made = Author.objects.get(user=writer)
    assert (made.name, made.is_guest) == ("Malin Gäst", True)
    assert author_choices(html) == [(str(made.pk), "Malin Gäst", True)]
    client.get(add_url(blog))
    assert Author.objects.filter(user=writer).count() == 1


def test_a_guest_writer_cannot_sign_as_someone_else(
    client, blog, author, own_guest_author, guest_writer
):
    client.force_login(in_swedish(guest_writer))
    response = client.post(add_url(blog), post_form(author, **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "Du kan bara signera dina inlägg som dig själv (Per Renström" in (
        response.content.decode()
    )
    assert not BlogPostPage.objects.exists()


def test_a_guest_writer_keeps_a_co_author_a_project_leader_added(
    client, blog, author, own_guest_author, guest_writer
):
    post = BlogPostPageFactory(
        parent=blog, title="Gemensamt inlägg", authors=[own_guest_author, author]
    )
    post.owner = guest_writer
    post.save_revision(user=guest_writer)
    post.save()
    client.force_login(in_swedish(guest_writer))
    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    html = client.get(edit_url).content.decode()
    labels = [label for _value, label, _selected in author_choices(html)]
    assert labels == [
        "Carina Lindberg, Umeå kommun",
        "Per Renström, Arbetsförmedlingen Örnsköldsvik",
    ]


def test_a_project_leader_chooses_any_author_and_is_preselected(
    client, blog, author, guest_author, project_leader
):
    author.user = project_leader
    author.save()
    client.force_login(in_swedish(project_leader))
    html = client.get(add_url(blog)).content.decode()
    root = lxml.html.fromstring(html)
    chosen = root.get_element_by_id("id_post_authors-0-author")
    assert chosen.get("type") == "hidden" and chosen.get("value") == str(author.pk)
    assert "Carina Lindberg" in html  # the chooser shows who is chosen
    response = client.post(add_url(blog), post_form(guest_author, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert BlogPostPage.objects.get().authors == [guest_author]


def test_a_slug_clash_is_shown_at_the_top_of_the_form(client, blog, author, project_leader):
    BlogPostPageFactory(parent=blog, title="Första", slug="gastinlagg-handelskammaren")
    client.force_login(in_swedish(project_leader))
    response = client.post(add_url(blog), post_form(author, **{"action-publish": "1"}))
    assert response.status_code == 200
    root = lxml.html.fromstring(response.content.decode())
    message = root.find_class("messages")[0]
    assert (
        "En annan sida under ”Blogg” har redan adressen ”gastinlagg-handelskammaren”. Ändra "
        "sluggen på fliken Marknadsför, till exempel till ”gastinlagg-handelskammaren-2”."
    ) in " ".join(message.text_content().split())
    # Above the tabs, so the writer sees it on the Content tab too.
    assert not [parent for parent in message.iterancestors() if parent.get("role") == "tabpanel"]
    assert root.get_element_by_id("tab-innehall").get("role") == "tabpanel"


# What Wagtail shows in English when its Swedish catalogue lacks a string: the phrases seen
# in the post editor before they were added to the project's catalogue, and the general
# ones of the governance walker.
EDITOR_ENGLISH = [
    *ENGLISH,
    "Autosave is",
    "paused",
    "There are validation errors",
    "click save to highlight them",
    "Minimap",
    "Side panel",
    "Anyone with editing permissions",
    "publishing permissions",
    "Select an option",
    "Show issue",
    "network error",
    "View latest version",
    "Troubleshoot",
    "concise description",
    "screen reader",
    "is empty",
    "heading",
    "headers",
    "Request changes",
    "Approve",
    "Submit",
    "moderation",
    "In progress",
    "Changes requested",
    "Edit your notification preferences",
    "comma-separated",
]


def everything_shown(html):
    """visible_text of the page with its hidden parts shown: the tabs, side panels, dialogs
    and menus a writer opens."""
    root = lxml.html.fromstring(html)
    for element in root.xpath("//*[@hidden]"):
        del element.attrib["hidden"]
    return visible_text(lxml.html.tostring(root, encoding="unicode"))


def english_in(html):
    found = []
    for line in everything_shown(html):
        text = line.split("> ", 1)[1]
        found += [
            f"{phrase!r} in {line!r}"
            for phrase in EDITOR_ENGLISH
            if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(phrase)}(?![\wåäöÅÄÖ])", text)
        ]
    return found


def test_the_post_editor_is_swedish_for_a_guest_writer_and_a_reviewer(
    client, blog, author, own_guest_author, guest_writer, project_leader
):
    in_swedish(guest_writer), in_swedish(project_leader)
    pages = {}
    client.force_login(guest_writer)
    pages["guest writer: new post"] = client.get(add_url(blog))
    client.post(add_url(blog), post_form(own_guest_author, **{"action-submit": "1"}))
    post = BlogPostPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    pages["guest writer: submitted post"] = client.get(edit_url)

    client.force_login(project_leader)
    pages["reviewer: post waiting for review"] = client.get(edit_url)
    pages["reviewer: new post"] = client.get(add_url(blog))
    action_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[post.pk, "reject", post.current_workflow_task_state.pk],
    )
    client.post(action_url, {"comment": "Korta inledningen."})
    client.force_login(guest_writer)
    pages["guest writer: changes requested"] = client.get(edit_url)
    client.post(add_url(blog), post_form(own_guest_author, **{"action-submit": "1"}))
    pages["guest writer: slug clash"] = client.post(
        add_url(blog), post_form(own_guest_author, **{"action-submit": "1"})
    )

    found = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        found += [f"{name}: {problem}" for problem in english_in(html)]
    assert found == []
    changes_requested = pages["guest writer: changes requested"].content.decode()
    assert "Korta inledningen." in changes_requested


def test_the_editor_scripts_have_every_string_in_swedish(client, guest_writer):
    """Each string of Wagtail's scripts (its English djangojs catalogue) has a Swedish
    translation in the catalogue the admin loads, Wagtail's or the project's."""
    english = polib.pofile(
        str(Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po")
    )
    client.force_login(in_swedish(guest_writer))
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    same_in_swedish = {"%(num)s min", "%(time_zone_option)s: %(localized_time_zone_label)s"}
    missing = [
        entry.msgid
        for entry in english
        if entry.msgid not in same_in_swedish
        and catalogue.get(entry.msgid, entry.msgid) in (entry.msgid, [entry.msgid])
    ]
    assert missing == []
    assert catalogue["Autosave in progress…"] == "Sparar automatiskt…"


def test_the_site_pages_use_the_same_form(client, demo_site, blog, make_user):
    from website.models import StandardPage

    admin = in_swedish(make_user(username="admin", is_superuser=True))
    client.force_login(admin)
    for page in [demo_site, *StandardPage.objects.all()[:1]]:
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    add_standard = reverse("wagtailadmin_pages:add", args=["website", "standardpage", demo_site.pk])
    response = client.post(
        add_standard,
        nested_form_data({"title": "Blogg", "slug": "blogg", "intro": "", "body": streamfield([])}),
    )
    assert response.status_code == 200
    assert "En annan sida under" in response.content.decode()
