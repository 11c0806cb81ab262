"""Who runs the site, in its header: the owner's name, logo and colour from site settings."""

import re

from wagtail.models import Site

import pytest

from core.demo_images import draw_demo_image
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(demo_site):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def test_the_header_names_the_site_and_its_owner_in_the_default_colours(client, site_settings):
    html = client.get("/").content.decode()
    assert '<span class="site-header__owner">Örnsköldsviks kommun</span>' in html
    assert '<body class="colours-bla page-home">' in html
    assert "site-header__logo" not in html  # no logo set: the name alone


def test_a_logo_and_another_colour_from_the_settings(client, site_settings):
    site_settings.logo = draw_demo_image("Kommunens logotyp", size=(400, 200))
    site_settings.colour = SiteSettings.Colours.GREEN
    site_settings.save()
    html = client.get("/om-projektet/").content.decode()
    assert 'class="colours-gron' in html
    logo = re.search(r'<img [^>]*class="site-header__logo"[^>]*>', html).group(0)
    # Drawn at twice the 48 px it is shown at, for sharp screens; alt is empty because the
    # organisation's name follows it inside the same link.
    assert 'alt=""' in logo and 'height="96"' in logo and 'width="192"' in logo
