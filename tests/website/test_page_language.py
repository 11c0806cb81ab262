"""The public site is in the page's own language whatever the browser prefers: Swedish
pages without a prefix, their English translations under /en/, with a language switcher
and hreflang links between them; the admin follows each editor's own language."""

from django.utils.html import escape

from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from core import demo_data
from core.locales import publish_translation

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]

ENGLISH_BROWSER = "en-GB,en;q=0.9"
SWEDISH_BROWSER = "sv-SE,sv;q=0.9"


@pytest.fixture
def english_about(demo_site):
    """The about page in English, below the English home page, as an editor makes it with
    simple_translation."""
    publish_translation(demo_site, "en", title="Labour market region", slug="start-en")
    about = Page.objects.get(slug="om-projektet")
    return publish_translation(
        about,
        "en",
        title="About the project",
        slug="about",
        intro="The project is run jointly by Örnsköldsvik and the Umeå region.",
    )


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


@pytest.mark.parametrize("browser", [SWEDISH_BROWSER, ENGLISH_BROWSER])
def test_an_english_page_is_english_whatever_the_browser_asks(client, english_about, browser):
    response = client.get("/en/about/", HTTP_ACCEPT_LANGUAGE=browser)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and "Hoppa till huvudinnehållet" not in html
    assert "<h1>About the project</h1>" in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("browser", [SWEDISH_BROWSER, ENGLISH_BROWSER])
def test_a_translated_swedish_page_stays_swedish(client, english_about, browser):
    html = client.get("/om-projektet/", HTTP_ACCEPT_LANGUAGE=browser).content.decode()
    assert '<html lang="sv">' in html
    assert "Hoppa till huvudinnehållet" in html and "Skip to main content" not in html


def test_each_version_links_to_the_other_in_its_own_language(client, english_about):
    swedish = client.get("/om-projektet/").content.decode()
    english = client.get("/en/about/").content.decode()
    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in swedish
    assert '<a href="/om-projektet/" hreflang="sv" lang="sv">Svenska</a>' in english
    # Neither links to itself.
    assert 'hreflang="sv" lang="sv">Svenska</a>' not in swedish
    assert 'hreflang="en" lang="en">English</a>' not in english


def test_both_versions_name_every_translation_and_the_default_in_the_head(client, english_about):
    alternates = [
        '<link rel="alternate" hreflang="sv" href="http://testserver/om-projektet/">',
        '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">',
        '<link rel="alternate" hreflang="x-default" href="http://testserver/om-projektet/">',
    ]
    for path in ("/om-projektet/", "/en/about/"):
        html = client.get(path).content.decode()
        assert all(link in html for link in alternates), path


def test_a_page_without_translation_has_no_switcher_or_alternates(client, english_about):
    html = client.get("/personuppgifter/").content.decode()
    assert 'class="language-switcher"' not in html
    assert 'hreflang="' not in html


def test_the_english_chrome_leads_to_english_pages(client, english_about):
    html = client.get("/en/about/").content.decode()
    assert 'class="site-header__brand" href="/en/"' in html
    menu = html.split('class="main-menu"')[1].split("</nav>")[0]
    assert 'href="/en/about/"' in menu and "/om-projektet/" not in menu
    assert 'action="/en/sok/"' in html


def test_a_swedish_page_is_not_shown_under_the_english_prefix(client, demo_site):
    """No English home page yet: Wagtail would route /en/ through the Swedish tree."""
    assert client.get("/en/om-projektet/").status_code == 404
    assert client.get("/en/").status_code == 404


def test_the_english_search_finds_english_pages_in_english(client, english_about):
    html = client.get("/en/sok/?q=project").content.decode()
    assert '<html lang="en">' in html
    assert 'href="/en/about/"' in html
    assert "/om-projektet/" not in html.split("<main")[1]


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


ENGLISH_DEMO_PAGES = [
    ("/en/", "Örnsköldsvik and the Umeå region are becoming one labour market"),
    ("/en/about/", "About the project"),
    ("/en/progress/", "How the work is going"),
    ("/en/progress/arbetsomrade/a/", "Work area"),
    ("/en/blog/", "Blog"),
    ("/en/blog/two-years-on/", "Two years on: what have we achieved?"),
]


def test_the_demo_has_english_pages_in_english_with_their_swedish_versions(
    load_demo_output, client
):
    load_demo_output()
    for path, heading in ENGLISH_DEMO_PAGES:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=SWEDISH_BROWSER)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert '<html lang="en">' in html and "Skip to main content" in html, path
        assert heading in html, path
    post = client.get("/en/blog/two-years-on/").content.decode()
    assert '<a href="/blogg/tva-ar-senare/" hreflang="sv" lang="sv">Svenska</a>' in post
    # The Swedish motto quoted in the English post is marked as Swedish.
    assert '<blockquote lang="sv"><p>Två lokala arbetsmarknader blir en</p>' in post
    swedish_post = client.get("/blogg/tva-ar-senare/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/blog/two-years-on/"' in swedish_post
    # The English home lists the English post, not the Swedish ones.
    home = client.get("/en/").content.decode()
    assert "/en/blog/two-years-on/" in home and "/blogg/" not in home
    # The project's data is Swedish on the English progress page, and marked so; not on the
    # Swedish one.
    goal = escape(demo_data.PROJECT["effect_goal"])
    assert f'<p lang="sv">{goal}</p>' in client.get("/en/progress/").content.decode()
    assert f"<p>{goal}</p>" in client.get("/lagesbild/").content.decode()


def test_the_sitemap_lists_every_language_with_its_alternates(client, english_about):
    sitemap = client.get("/sitemap.xml").content.decode()
    entry = sitemap.split("<loc>http://testserver/en/about/</loc>")[1].split("</url>")[0]
    assert (
        '<xhtml:link rel="alternate" hreflang="sv" href="http://testserver/om-projektet/"/>'
        in entry
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/om-projektet/"/>'
        in entry
    )
    assert "<loc>http://testserver/om-projektet/</loc>" in sitemap
    assert "<loc>http://testserver/personuppgifter/</loc><lastmod>" in sitemap


def _language_of(element):
    """The language a screen reader speaks an element's text in: its nearest lang."""
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang") if element is not None else None


def test_swedish_project_data_on_english_pages_is_marked_swedish(load_demo_output, client):
    load_demo_output()

    def page(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return BeautifulSoup(response.content, "html.parser")

    progress = page("/en/progress/")
    member = progress.find(string=lambda s: s and "Anna Olofsson" in s)
    assert _language_of(member.parent) == "sv"
    area = page("/en/progress/arbetsomrade/a/")
    activity = area.find("th", string="Kick-off för projektgruppen")
    assert _language_of(activity) == "sv"
    assert _language_of(activity.find_next_sibling("td")) == "sv"  # the organisation
    assert _language_of(activity.find_previous_sibling("td")) == "en"  # the code
    work_area = demo_data.WORK_AREAS[0]["title"]
    blog_sidebar = page("/en/blog/").find(
        "nav", attrs={"aria-labelledby": "blog-categories-heading"}
    )
    assert _language_of(blog_sidebar.find("a", string=lambda s: s and work_area in s)) == "sv"
    search_filter = page("/en/sok/?q=region").find("select", id="search-area")
    assert _language_of(search_filter.find("option", string=lambda s: s and work_area in s)) == "sv"
    # On Swedish pages the page's own language covers them: no lang of their own.
    swedish = page("/lagesbild/arbetsomrade/a/").find("th", string="Kick-off för projektgruppen")
    assert swedish.get("lang") is None and _language_of(swedish) == "sv"


def test_a_public_address_does_not_vary_with_the_browser_language_the_admin_does(demo_site, client):
    for path in ("/", "/sok/?q=region", "/en/sok/?q=region"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
        assert response.status_code == 200, path
        assert "accept-language" not in response.get("Vary", "").lower(), path
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
    assert "accept-language" in login["Vary"].lower()
    assert "Sign in" in login.content.decode()
