import re

import pytest

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.parametrize(
    "path", ["/", "/om-projektet/", "/personuppgifter/", "/tillganglighet/", "/sok/"]
)
def test_public_pages_render_in_swedish_with_one_h1_and_a_skip_link(client, demo_site, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert h1_count(html) == 1
    assert 'href="#main"' in html and 'id="main"' in html
    assert "Hoppa till huvudinnehållet" in html


def test_unknown_url_gives_a_swedish_404_page(client, demo_site):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan hittades inte" in html
    assert h1_count(html) == 1


def test_admin_login_page_is_in_swedish(client, demo_site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_main_menu_lists_pages_marked_for_menus_and_marks_the_current(client, demo_site):
    html = client.get("/om-projektet/").content.decode()
    assert '<a href="/om-projektet/" aria-current="page">Om projektet</a>' in html
    assert 'href="/personuppgifter/"' not in html.split("</nav>")[0]


def test_footer_shows_contact_details_from_site_settings(client, demo_site):
    html = client.get("/").content.decode()
    assert "tillvaxt@ornskoldsvik.se" in html
    assert 'href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in html


def test_search_finds_a_page_by_a_word_in_its_body(client, demo_site):
    html = client.get("/sok/", {"q": "Tillväxtverket"}).content.decode()
    assert "1 träff för" in html
    assert 'href="/om-projektet/"' in html.split('class="search-results"')[1]


def test_search_without_hits_says_so(client, demo_site):
    html = client.get("/sok/", {"q": "zzzqqq"}).content.decode()
    assert "0 träffar för" in html


def test_accessibility_statement_names_the_supervisory_authority(client, demo_site):
    html = client.get("/tillganglighet/").content.decode()
    assert "Myndigheten för digital förvaltning" in html
    assert "delvis förenlig" in html


@pytest.mark.parametrize("path", ["/", "/om-projektet/", "/tillganglighet/"])
def test_pages_load_no_assets_from_other_hosts(client, demo_site, path):
    html = client.get(path).content.decode()
    assets = re.findall(
        r'<(?:img|script|iframe|link|source)\b[^>]*(?:src|href)="(?:https?:)?//[^>]*>', html
    )
    # Canonical and hreflang addresses name pages; they load nothing.
    named = ('rel="canonical"', 'rel="alternate" hreflang=')
    assert [asset for asset in assets if not any(word in asset for word in named)] == []


def test_dates_are_written_the_swedish_way(client, demo_site):
    html = client.get("/tillganglighet/").content.decode()
    assert "7 december 2026" in html
