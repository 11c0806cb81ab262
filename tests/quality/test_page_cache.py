"""Anonymous readers get public pages from the cache; publishing, unpublishing, moving or
deleting a page, or calling invalidate_public_pages(), shows them the change at once.
Editors always get a fresh page."""

from django.test import Client

from wagtail.models import Page

import pytest

from core.cache import invalidate_public_pages

pytestmark = pytest.mark.django_db


def title_on(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode().split("<h1>")[1].split("</h1>")[0]


def change_title_behind_wagtails_back(page, title):
    """A database change without publishing: only a page rendered afresh can show it."""
    Page.objects.filter(pk=page.pk).update(title=title)


@pytest.fixture
def about(demo_site):
    return Page.objects.get(slug="om-projektet").specific


@pytest.fixture
def editor_client(project_leader):
    client = Client()
    client.force_login(project_leader)
    return client


def test_anonymous_readers_get_the_cached_page(client, page_cache, about):
    assert title_on(client, "/om-projektet/") == "Om projektet"
    change_title_behind_wagtails_back(about, "Ändrad i databasen")
    assert title_on(client, "/om-projektet/") == "Om projektet"
    assert client.get("/om-projektet/")["X-Page-Cache"] == "hit"


def test_logged_in_editors_always_see_the_fresh_page(
    client, editor_client, page_cache, commit, about
):
    client.get("/om-projektet/")
    assert client.get("/om-projektet/")["X-Page-Cache"] == "hit"
    shown_to_editor = editor_client.get("/om-projektet/")
    assert "X-Page-Cache" not in shown_to_editor  # rendered for them, neither read nor kept
    assert "wagtail-userbar" in shown_to_editor.content.decode()
    # …and what the editor was shown is not handed to readers afterwards.
    with commit():
        invalidate_public_pages()
    editor_client.get("/om-projektet/")
    shown_to_reader = client.get("/om-projektet/")
    assert shown_to_reader["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in shown_to_reader.content.decode()


def test_publishing_a_page_shows_readers_the_new_version(client, page_cache, commit, about):
    assert title_on(client, "/om-projektet/") == "Om projektet"
    about.title = "Om arbetsmarknadsprojektet"
    with commit():
        about.save_revision().publish()
    assert title_on(client, "/om-projektet/") == "Om arbetsmarknadsprojektet"


def test_publishing_one_page_refreshes_menus_on_every_other_page(client, page_cache, commit, about):
    assert ">Om projektet</a>" in client.get("/tillganglighet/").content.decode()
    about.title = "Projektet i korthet"
    with commit():
        about.save_revision().publish()
    assert ">Projektet i korthet</a>" in client.get("/tillganglighet/").content.decode()


def test_unpublishing_a_page_removes_it_for_readers(client, page_cache, commit, about):
    assert client.get("/om-projektet/").status_code == 200
    with commit():
        about.unpublish()
    assert client.get("/om-projektet/").status_code == 404


def test_moving_a_page_moves_it_for_readers(client, page_cache, commit, about):
    privacy = Page.objects.get(slug="personuppgifter")
    assert client.get("/personuppgifter/").status_code == 200
    with commit():
        privacy.move(about, pos="last-child")
    old_address = client.get("/personuppgifter/")
    assert old_address.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert old_address["Location"].endswith("/om-projektet/personuppgifter/")
    assert client.get("/om-projektet/personuppgifter/").status_code == 200


def test_deleting_a_page_removes_it_for_readers(client, page_cache, commit, demo_site):
    privacy = Page.objects.get(slug="personuppgifter")
    assert client.get("/personuppgifter/").status_code == 200
    with commit():
        privacy.delete()
    assert client.get("/personuppgifter/").status_code == 404


def test_invalidate_public_pages_is_what_other_parts_call(client, page_cache, commit, about):
    """E.g. when a site setting changes: no page is published, yet readers must see it."""
    title_on(client, "/om-projektet/")
    change_title_behind_wagtails_back(about, "Med en ny inställning")
    with commit():
        invalidate_public_pages()
    assert title_on(client, "/om-projektet/") == "Med en ny inställning"


def test_publishing_through_the_admin_refreshes_the_page(
    client, editor_client, page_cache, commit, about
):
    title_on(client, "/om-projektet/")
    form = {
        "title": "Om projektet, uppdaterad",
        "slug": "om-projektet",
        "intro": about.intro,
        "body-count": "0",
        "action-publish": "action-publish",
    }
    with commit():
        response = editor_client.post(f"/admin/pages/{about.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert title_on(client, "/om-projektet/") == "Om projektet, uppdaterad"


def test_search_results_and_pages_with_forms_are_not_cached(client, page_cache, about):
    client.get("/sok/", {"q": "projektet"})
    change_title_behind_wagtails_back(about, "Nytt namn")
    assert "Nytt namn" in client.get("/sok/", {"q": "projektet"}).content.decode()
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_cached_pages_still_carry_the_security_headers(client, page_cache, about):
    client.get("/om-projektet/")
    hit = client.get("/om-projektet/")
    assert hit["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_invalidation_works_on_the_real_redis(client, redis_page_cache, commit, about):
    assert title_on(client, "/om-projektet/") == "Om projektet"
    change_title_behind_wagtails_back(about, "Ändrad i databasen")
    assert title_on(client, "/om-projektet/") == "Om projektet"
    about.refresh_from_db()
    about.title = "Publicerad via Redis"
    with commit():
        about.save_revision().publish()
    assert title_on(client, "/om-projektet/") == "Publicerad via Redis"


def test_readers_of_every_browser_language_share_one_cached_copy(client, page_cache, about):
    """Public pages are Swedish whatever the browser asks, so one copy serves them all."""
    assert client.get("/om-projektet/", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "miss"
    swedish = client.get("/om-projektet/", HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert swedish["X-Page-Cache"] == "hit"
    assert '<html lang="sv"' in swedish.content.decode()


def test_each_language_address_has_its_own_copy(client, page_cache, about):
    """/om-projektet/ is Swedish and /en/about/ English for every reader, cached apart."""
    from core.locales import publish_translation

    publish_translation(about.get_parent(), "en", title="Labour market region")
    publish_translation(about, "en", title="About the project", slug="about")
    for browser in ("en", "sv-SE"):
        english = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE=browser)
        swedish = client.get("/om-projektet/", HTTP_ACCEPT_LANGUAGE=browser)
        assert '<html lang="en"' in english.content.decode()
        assert '<html lang="sv"' in swedish.content.decode()
    assert english["X-Page-Cache"] == swedish["X-Page-Cache"] == "hit"
