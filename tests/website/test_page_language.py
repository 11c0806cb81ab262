"""The public site is in its content's language (Swedish) whatever the browser prefers;
the admin follows each editor's own language."""

from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

import pytest

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = "en-GB,en;q=0.9"


@pytest.mark.parametrize(
    "path, status",
    [("/", 200), ("/om-projektet/", 200), ("/sok/?q=projekt", 200), ("/finns-inte/", 404)],
)
def test_an_english_browser_gets_swedish_pages_with_swedish_chrome(client, demo_site, path, status):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="sv">' in html
    assert "Hoppa till huvudinnehållet" in html
    assert "Skip to main content" not in html
    assert response["Content-Language"] == "sv"


def test_the_admin_follows_the_editors_preferred_language(client, project_leader):
    profile = UserProfile.get_for_user(project_leader)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(project_leader)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    assert 'lang="en"' in html and "Dashboard" in html


def test_an_english_browser_gets_the_admin_login_in_english(client, demo_site):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER).content.decode()
    assert "Sign in" in html


def test_editors_can_mark_an_english_passage_and_readers_get_its_language():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=["bold", "lang-en"])
    stored = '<p>Projektet kallas <span lang="en">labour market region</span> på engelska.</p>'
    contentstate = converter.from_database_format(stored)
    assert "LANG_EN" in contentstate
    assert '<span lang="en">labour market region</span>' in converter.to_database_format(
        contentstate
    )
    assert '<span lang="en">labour market region</span>' in str(RichText(stored))


def test_the_english_passage_is_a_default_rich_text_feature():
    from wagtail.rich_text import features

    assert "lang-en" in features.get_default_features()
