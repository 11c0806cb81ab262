"""The accessibility statement has every section of Digg's template, filled from its
fields, and keeps a statement written before the sections existed."""

import datetime
import re

import pytest

from website.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db

DIGG_SECTIONS = [
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Bristande förenlighet med lagkraven",
    "Oskäligt betungande anpassning",
    "Innehåll som inte omfattas av lagkraven",
    "Hur vi testat webbplatsen",
]


def headings(html):
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]


def test_the_demo_statement_has_every_section_of_diggs_template_in_order(client, demo_site):
    html = client.get("/tillganglighet/").content.decode()
    found = [h for h in headings(html) if h in DIGG_SECTIONS]
    assert found == DIGG_SECTIONS
    assert "Örnsköldsviks kommun står bakom den här webbplatsen" in html
    assert 'href="mailto:tillvaxt@ornskoldsvik.se"' in html
    assert "Vi svarar normalt inom 5 arbetsdagar." in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "är delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert "WCAG 2.1" in html and "EN 301 549" in html
    # Each lack of compliance names the success criteria it fails.
    assert "1.3.1 Information och relationer" in html
    assert "3.1.1 Sidans språk" in html
    assert "Vi åberopar inga undantag för oskäligt betungande anpassning." in html
    assert "tredje part" in html
    assert "självskattning" in html
    assert "Webbplatsen publicerades den 1 oktober 2012." in html
    today = datetime.date.today()
    assert f"Redogörelsen uppdaterades senast den {today.day} " in html


def test_an_old_statement_with_only_the_first_fields_still_reads_whole(client, demo_site):
    page = AccessibilityStatementPage.objects.get()
    page.operator = ""
    page.known_issues = ""
    page.lack_of_compliance = []
    page.outside_scope = []
    page.site_published_on = None
    page.save_revision().publish()

    html = client.get("/tillganglighet/").content.decode()
    assert [h for h in headings(html) if h in DIGG_SECTIONS] == DIGG_SECTIONS
    # The operator falls back to the site settings' owner.
    assert "Örnsköldsviks kommun står bakom den här webbplatsen" in html
    assert "Vi känner inte till några brister i förenligheten med lagkraven." in html
    assert "Webbplatsen har inget innehåll som inte omfattas av lagkraven." in html
    assert "Webbplatsen publicerades" not in html
