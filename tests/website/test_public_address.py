"""One public address, WAGTAILADMIN_BASE_URL: load_demo writes it into the Site record, and
canonical links, og:url, the sitemap and robots.txt all say it, whatever host a request
came in on."""

from django.test import override_settings

from wagtail.models import Site

import pytest

from website import demo

pytestmark = pytest.mark.django_db

PUBLIC = "https://arbetsmarknad.example.se"


@pytest.fixture
def public_site(db):
    with override_settings(WAGTAILADMIN_BASE_URL=PUBLIC + "/"):
        demo.load_site()
    return Site.objects.get(is_default_site=True)


def test_the_site_record_takes_the_public_address(public_site):
    assert (public_site.hostname, public_site.port) == ("arbetsmarknad.example.se", 443)
    assert public_site.root_url == PUBLIC


def test_canonical_sitemap_and_robots_agree_on_the_public_address(client, public_site):
    page = client.get("/om-projektet/", HTTP_HOST="127.0.0.1").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/om-projektet/">' in page
    assert f'<meta property="og:url" content="{PUBLIC}/om-projektet/">' in page
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert f"<loc>{PUBLIC}/om-projektet/</loc>" in sitemap
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots.splitlines()


def test_loading_the_demo_again_moves_the_site_to_a_new_address(public_site):
    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000"):
        demo.load_site()
    public_site.refresh_from_db()
    assert public_site.root_url == "http://127.0.0.1:8000"
