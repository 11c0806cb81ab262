"""The fragment caches of public pages (core/fragments.py): the header, menu, footer, site
name and colour and a page's translations are rendered once per site, language and fragment
version, and every change a reader would see shows on the very next request, with the page
cache off as in these tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from website.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def html(client, path="/", **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response.content.decode()


def menu(page_html):
    return page_html.split('class="main-menu"')[1].split("</nav>")[0]


def add_menu_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home(demo_site):
    return demo_site


def test_the_chrome_is_kept_between_requests(client, home):
    html(client)
    with CaptureQueriesContext(connection) as queries:
        page = html(client)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "website_sitesettings" not in sql  # header, footer, site name and colour kept
    assert "Om projektet" in menu(page)


def test_a_page_published_in_the_menu_shows_at_once(client, home):
    assert "Nyheter" not in menu(html(client))
    add_menu_page(home, "Nyheter", "nyheter")
    assert '<a href="/nyheter/">Nyheter</a>' in menu(html(client))
    assert '<a href="/nyheter/" aria-current="page">Nyheter</a>' in menu(html(client, "/nyheter/"))


def test_a_menu_page_renamed_unpublished_or_moved_leaves_the_menu_at_once(client, home):
    news = add_menu_page(home, "Nyheter", "nyheter")
    other = add_menu_page(home, "Övrigt", "ovrigt")
    assert "Nyheter" in menu(html(client))

    revision = news.save_revision()
    news.title = "Aktuellt"
    revision = news.save_revision()
    revision.publish()
    page = menu(html(client))
    assert "Aktuellt" in page and "Nyheter" not in page

    news.refresh_from_db()
    news.move(other, pos="last-child")
    assert "Aktuellt" not in menu(html(client))

    other.refresh_from_db()
    other.specific.unpublish()
    assert "Övrigt" not in menu(html(client, "/om-projektet/"))


def test_a_view_restriction_takes_a_page_out_of_the_menu_at_once(client, home):
    news = add_menu_page(home, "Nyheter", "nyheter")
    assert "Nyheter" in menu(html(client))
    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    assert "Nyheter" not in menu(html(client))
    restriction.delete()
    assert "Nyheter" in menu(html(client))


def test_the_home_page_and_the_page_under_it_show_a_publish_at_once_and_a_draft_never(client, home):
    news = add_menu_page(home, "Nyheter", "nyheter")
    html(client, "/nyheter/")
    with CaptureQueriesContext(connection) as queries:
        html(client, "/nyheter/")
    # Both pages are remembered under the fragment version, not read on every request.
    assert "wagtailcore_page" not in " ".join(q["sql"] for q in queries.captured_queries)

    home.hero_heading = "Utkast som ingen ska se"
    home.save_revision()
    news.title = "Utkastrubrik"
    news.save_revision()
    assert "Utkast som ingen ska se" not in html(client)
    assert "Utkastrubrik" not in html(client, "/nyheter/")

    home.hero_heading = "Arbetsmarknaden i regionen"
    home.save_revision().publish()
    news.title = "Aktuellt"
    news.save_revision().publish()
    assert "Arbetsmarknaden i regionen" in html(client)
    assert "<h1>Aktuellt</h1>" in html(client, "/nyheter/")


def test_a_view_restriction_holds_from_the_next_request(client, home):
    news = add_menu_page(home, "Nyheter", "nyheter")
    inner = StandardPage(title="Protokollsutdrag", slug="utdrag", body=[])
    news.add_child(instance=inner)
    inner.save_revision().publish()
    html(client, "/nyheter/utdrag/")
    with CaptureQueriesContext(connection) as queries:
        assert "Protokollsutdrag" in html(client, "/nyheter/utdrag/")
    # While no page is restricted, Wagtail's restriction queries are skipped.
    assert "pageviewrestriction" not in " ".join(q["sql"] for q in queries.captured_queries)

    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    for path in ("/nyheter/", "/nyheter/utdrag/"):
        page = client.get(path).content.decode()
        assert "Protokollsutdrag" not in page and 'name="password"' in page
    restriction.delete()
    assert "Protokollsutdrag" in html(client, "/nyheter/utdrag/")


def test_site_settings_show_at_once_in_the_header_footer_and_title(client, home):
    html(client)
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    settings.organisation_name = "Nytt namn på organisationen"
    settings.contact_email = "ny@example.se"
    settings.colour = SiteSettings.Colours.GREEN
    settings.save()
    page = html(client)
    assert "| Nytt namn på organisationen</title>" in page
    assert '<span class="site-header__name">Nytt namn på organisationen' in page
    assert "ny@example.se" in page.split('class="site-footer"')[1]
    assert 'class="colours-gron' in page


def test_two_sites_never_share_a_fragment(client, home, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example", "testserver"]
    site_a = Site.objects.get(root_page=home)
    site_a.hostname, site_a.port = "a.example", 80
    site_a.save()
    home_b = StandardPage(title="Sajt B", slug="sajt-b")
    Page.get_first_root_node().add_child(instance=home_b)
    home_b.save_revision().publish()
    site_b = Site.objects.create(hostname="b.example", port=80, root_page=home_b)
    add_menu_page(home_b, "Bara på B", "bara-pa-b")
    for site, name in ((site_a, "Organisation A"), (site_b, "Organisation B")):
        site_settings = SiteSettings.for_site(site)
        site_settings.organisation_name = name
        site_settings.contact_email = f"{name[-1].lower()}@example.se"
        site_settings.save()

    for _ in range(2):  # rendered, then kept
        page_a = html(client, HTTP_HOST="a.example")
        page_b = html(client, HTTP_HOST="b.example")
        assert "Organisation A" in page_a and "Organisation B" not in page_a
        assert "Organisation B" in page_b and "Organisation A" not in page_b
        assert "a@example.se" in page_a and "b@example.se" not in page_a
        assert "Om projektet" in menu(page_a) and "Bara på B" not in menu(page_a)
        assert "Bara på B" in menu(page_b) and "Om projektet" not in menu(page_b)


def test_a_translation_published_shows_in_the_language_switcher_at_once(client, home):
    from core.locales import publish_translation

    about = Page.objects.get(slug="om-projektet").specific
    assert 'hreflang="en"' not in html(client, "/om-projektet/")
    publish_translation(home, "en", title="Home")
    publish_translation(about, "en", title="About the project")
    assert 'hreflang="en"' in html(client, "/om-projektet/")


def test_the_home_page_and_a_sites_root_show_their_changes_at_once(client, home):
    """Each process remembers a host's site and home page under the fragment version."""
    html(client)
    home.hero_heading = "En ny rubrik på startsidan"
    home.save_revision().publish()
    assert "En ny rubrik på startsidan" in html(client)

    other_home = StandardPage(title="En annan startsida", slug="annan-start")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    site = Site.objects.get(root_page=home)
    site.root_page = other_home
    site.save()
    assert "<h1>En annan startsida</h1>" in html(client)


def test_an_invalidation_of_unknown_reach_renders_every_fragment_anew(client, home):
    from core.cache import invalidate_public_pages

    html(client)
    Page.objects.filter(slug="om-projektet").update(title="Ändrad i databasen")
    assert "Ändrad i databasen" not in menu(html(client))  # kept
    invalidate_public_pages()
    assert "Ändrad i databasen" in menu(html(client))


def test_a_page_under_the_home_page_unpublished_moved_or_renamed_is_routed_at_once(client, home):
    """The page an address names right under the home page is remembered per version."""
    news = add_menu_page(home, "Nyheter", "nyheter")
    assert client.get("/nyheter/").status_code == 200
    news.slug = "aktuellt"
    news.save_revision().publish()
    assert client.get("/nyheter/").status_code == 404
    assert client.get("/aktuellt/").status_code == 200
    news.refresh_from_db()
    news.specific.unpublish()
    assert client.get("/aktuellt/").status_code == 404
    news.refresh_from_db()
    news.specific.save_revision().publish()
    assert client.get("/aktuellt/").status_code == 200
    other = add_menu_page(home, "Övrigt", "ovrigt")
    news.refresh_from_db()
    news.move(other, pos="last-child")
    old_address = client.get("/aktuellt/")  # Wagtail redirects a moved page's old address
    assert old_address.status_code == 301 and old_address["Location"] == "/ovrigt/aktuellt/"
    assert client.get("/ovrigt/aktuellt/").status_code == 200
