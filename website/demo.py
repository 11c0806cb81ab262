"""Builds the site-wide demo content: home page, about, privacy and accessibility pages,
site settings, a demo image and one user per role. Every step finds what an earlier run
made instead of making it twice.

load_demo runs this loader before the apps' (INSTALLED_APPS order), so their demos find the
home page as the default site's root page, through Wagtail, without importing website."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.formats import date_format

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from core import demo_data
from core.demo_images import draw_demo_image
from core.locales import publish_translation
from core.roles import GUEST_WRITER, PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP

from .models import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage

ROLES = [PROJECT_LEADER, STEERING_GROUP, PROJECT_GROUP, GUEST_WRITER]


def _child(parent, model, slug, **fields):
    """The child page with this slug, created and published on the first run."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def public_address():
    """(hostname, port) of the site's public address, WAGTAILADMIN_BASE_URL: the one setting
    that canonical links, og:url, the sitemap, feeds, .ics files, mail and robots.txt
    all build on, through the Site record."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return address.hostname, address.port or (443 if address.scheme == "https" else 80)


def ensure_home_page():
    """Puts a HomePage at the root of the default site, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        home = HomePage.objects.filter(slug="start", depth=2).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Arbetsmarknadsregionen",
            slug="start",
            hero_heading="Örnsköldsvik och Umeåregionen blir en arbetsmarknad",
            hero_text=(
                "Här berättar projektledningen vad som händer i arbetet för en gemensam "
                "arbetsmarknadsregion, och här följer styrgruppen planen, budgeten och "
                "besluten."
            ),
            hero_image=draw_demo_image("Arbetsmarknadsregionen"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    hostname, port = public_address()
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    elif (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = demo_data.CONTACT["organisation_name"]
        site.save()
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def load_site():
    home = ensure_home_page()
    _child(
        home,
        StandardPage,
        "om-projektet",
        title="Om projektet",
        show_in_menus=True,
        intro=(
            f"Projektet pågår {demo_data.PROJECT['start']:%Y-%m-%d} – "
            f"{demo_data.PROJECT['end']:%Y-%m-%d} och drivs av Örnsköldsviks kommun och "
            "Umeåregionen gemensamt."
        ),
        body=[
            ("heading", {"text": "Varför en gemensam arbetsmarknad?", "level": "h2"}),
            ("paragraph", RichText(f"<p>{demo_data.PROJECT['effect_goal']}</p>")),
            ("heading", {"text": "Bakgrund", "level": "h2"}),
            ("paragraph", RichText(f"<p>{demo_data.PROJECT['background']}</p>")),
            ("heading", {"text": "Fyra arbetsområden", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ul>"
                    + "".join(
                        f"<li><b>{area['code']}.</b> {area['title']}</li>"
                        for area in demo_data.WORK_AREAS
                    )
                    + "</ul>"
                ),
            ),
        ],
    )
    _child(
        home,
        StandardPage,
        "personuppgifter",
        title="Personuppgifter och kakor",
        intro="Så behandlar vi uppgifter om dig som besöker eller skriver på webbplatsen.",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Webbplatsen sätter inga kakor för dig som bara läser, och den hämtar "
                    "inget från andra webbplatser. Den som loggar in för att redigera får en "
                    "sessionskaka som försvinner när man loggar ut.</p>"
                ),
            ),
            (
                "paragraph",
                RichText(
                    "<p>Kommenterar du ett inlägg sparar vi ditt namn, din e-postadress, din "
                    "webbplats om du anger den, din kommentar, när du skrev den och din "
                    "IP-adress. Namn, webbplats och kommentar visas när en moderator har "
                    "godkänt kommentaren. E-postadressen visas aldrig; projektledarna använder "
                    "den bara för att känna igen dig och för att kunna radera dina uppgifter. "
                    "Kommentarsformuläret sätter ingen kaka.</p>"
                ),
            ),
            (
                "paragraph",
                RichText(
                    "<p>IP-adressen behöver vi bara för att stoppa skräppost. Den raderas "
                    "automatiskt efter 30 dagar. Kommentarerna finns kvar så länge inlägget "
                    "finns, om du inte ber oss ta bort dem. Vi kan radera alla kommentarer "
                    "från din e-postadress, eller ta bort namn och adress och låta texten "
                    "stå kvar.</p>"
                ),
            ),
            (
                "paragraph",
                RichText(
                    "<p>Vill du veta vilka uppgifter vi har om dig, eller få dem rättade eller "
                    f"raderade, skriv till {demo_data.CONTACT['email']}.</p>"
                ),
            ),
        ],
    )
    _child(home, AccessibilityStatementPage, "tillganglighet", **ACCESSIBILITY_STATEMENT)
    load_site_settings(home)
    return home


# What is true of the demo site, as its own tests and checks found it (keep it so: a
# statement that promises more than the site does is worse than none).
ACCESSIBILITY_STATEMENT = {
    "title": "Tillgänglighetsredogörelse",
    "operator": "Örnsköldsviks kommun",
    "site_published_on": datetime.date(2012, 10, 1),
    "known_issues": (
        "<p>Vi känner till några brister:</p><ul>"
        "<li>Med nedsatt syn eller läsförmåga: i vissa webbläsare (bland annat Chromium på "
        "Linux) delas långa sammansatta ord i rubriker, till exempel "
        "”arbetsmarknadsregionens”, utan bindestreck på smala skärmar, eftersom webbläsaren "
        "saknar svensk avstavningsordlista.</li>"
        "<li>Utan synförmåga: PDF-filer som redaktörer laddar upp (till exempel inbjudningar "
        "och presentationer) kontrolleras inte och kan sakna rubriker, taggar och "
        "textalternativ.</li>"
        "<li>Utan hörsel: filmer från tv-inslag som vi länkar till saknar ibland textning.</li>"
        "</ul>"
    ),
    "feedback_email": demo_data.CONTACT["email"],
    "response_days": 5,
    "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
    "lack_of_compliance": [
        (
            "problem",
            {
                "description": (
                    "PDF-filer som redaktörer laddar upp och länkar till i inlägg kontrolleras "
                    "inte. De kan sakna struktur (rubriker, listor, tabeller), dokumentets "
                    "språk och textalternativ till bilder. De PDF-filer som webbplatsen själv "
                    "skapar (dagordningar, protokoll och lägesrapporter) är taggade med "
                    "struktur, titel och språk."
                ),
                "wcag_criteria": ["1.1.1", "1.3.1", "2.4.2", "3.1.1"],
                "remedy": (
                    "Vi lägger innehållet som text i inlägget när vi länkar till en PDF. Behöver "
                    "du innehållet i en fil på annat sätt, skriv till oss."
                ),
                "fixed_by": None,
            },
        ),
    ],
    "outside_scope": [
        (
            "exemption",
            {
                "content": "Filmer från tv-inslag som vi länkar till, till exempel från SVT.",
                "reason": (
                    "Innehåll från tredje part som vi varken har tagit fram, finansierat "
                    "eller styr över omfattas inte av lagen (9 §). Vi beskriver innehållet i "
                    "inlägget som länkar till filmen."
                ),
            },
        ),
    ],
    "testing_method": AccessibilityStatementPage.TestingMethod.SELF_ASSESSMENT,
    "testing_description": (
        "<p>Vid varje ändring av webbplatsens kod kontrollerar automatiska tester en sida av "
        "varje sidtyp, sökresultat och felsidan i webbläsaren Chromium:</p><ul>"
        "<li>axe-core mot WCAG 2.1 nivå A och AA,</li>"
        "<li>att det finns en rubrik på nivå 1 och ett huvudinnehåll, och att länken "
        "”Hoppa till huvudinnehållet” fungerar med tangentbordet,</li>"
        "<li>att ingen sida behöver rullas i sidled vid 320 pixlars bredd,</li>"
        "<li>att kommentarsformuläret visar och fokuserar en felsammanfattning.</li></ul>"
        "<p>Vi har också granskat varje sidtyp för hand i 1280, 768 och 320 pixlars bredd. "
        "Vi har inte testat med skärmläsare eller med användare, och ingen extern part har "
        "granskat webbplatsen.</p>"
    ),
    "assessed_on": datetime.date(2026, 12, 7),
}


def load_english(home):
    """The home and about pages in English, translated as an editor does it with
    simple_translation; the apps' demos translate their pages below the English home."""
    publish_translation(
        home,
        "en",
        title="Labour market region",
        hero_heading="Örnsköldsvik and the Umeå region are becoming one labour market",
        hero_text=(
            "The project managers write here about the work towards a shared labour market "
            "region, and the steering group follows the plan, the budget and its decisions."
        ),
    )
    about = home.get_children().filter(slug="om-projektet").first()
    if about is None:
        return
    with translation.override("en"):
        start, end = (date_format(demo_data.PROJECT[key], "j F Y") for key in ("start", "end"))
    publish_translation(
        about,
        "en",
        title="About the project",
        slug="about",
        intro=(
            f"The project runs from {start} to {end} and is run jointly "
            "by Örnsköldsvik Municipality and the Umeå region."
        ),
        body=[
            ("heading", {"text": "Why one labour market?", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<p>The aim is that Örnsköldsvik and the Umeå region work as a single "
                    "labour market: more people commute between the municipalities, employers "
                    "recruit across the whole region, and the people who live here see the "
                    "region as theirs. Formally, two municipalities form one labour market "
                    "region when at least 7.5 % of the working population commute between "
                    "them.</p>"
                ),
            ),
            ("heading", {"text": "Background", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<p>In spring 2012 the municipalities applied for regional development "
                    "funding from the Swedish Agency for Economic and Regional Growth "
                    "(Tillväxtverket) and were turned down. In October "
                    "2012 Örnsköldsvik and the Umeå region decided to carry out the "
                    "activities all the same, paying for them themselves.</p>"
                ),
            ),
            ("heading", {"text": "Four work areas", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ul>"
                    "<li><b>A.</b> From two local labour markets to one region</li>"
                    "<li><b>B.</b> Visible strengths for competitiveness and recruitment</li>"
                    "<li><b>C.</b> A shared regional identity</li>"
                    "<li><b>D.</b> Cooperation across municipal and county borders</li>"
                    "</ul>"
                ),
            ),
        ],
    )


def load_site_settings(home):
    settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    settings.organisation_name = demo_data.CONTACT["organisation_name"]
    settings.tagline = demo_data.CONTACT["tagline"]
    settings.owner_name = "Örnsköldsviks kommun"
    settings.funder_statement = demo_data.CONTACT["funder_statement"]
    settings.contact_email = demo_data.CONTACT["email"]
    settings.postal_address = demo_data.CONTACT["postal_address"]
    settings.footer_links = [
        ("link", {"title": page.title, "page": page, "url": ""})
        for page in home.get_children().filter(slug__in=["tillganglighet", "personuppgifter"])
    ]
    settings.save()


def load_second_site():
    """The second project's own public site: a home page under the root and a Site for
    SECOND_PROJECT's host name, on the default site's port (so that `make run` serves it
    at http://kompetens.localhost:8000/). The project's demo puts its pages below it."""
    facts, contact = demo_data.SECOND_PROJECT, demo_data.SECOND_CONTACT
    default_site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.filter(slug=facts["home_slug"], depth=2).first()
    if home is None:
        home = HomePage(
            title=facts["short_name"],
            slug=facts["home_slug"],
            hero_heading="Yrkesutbildning och validering där du bor (exempelprojekt)",
            hero_text=(
                "Det här är en exempelwebbplats för ett påhittat projekt. Den visar att "
                "flera projekt kan ha var sin webbplats, egna personer och egna beslut i "
                "samma installation."
            ),
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(hostname=facts["hostname"]).first()
    if site is None:
        site = Site.objects.create(
            hostname=facts["hostname"],
            port=default_site.port,
            root_page=home,
            site_name=contact["organisation_name"],
        )
    elif site.port != default_site.port or site.root_page_id != home.pk:
        site.port, site.root_page = default_site.port, home
        site.save()
    _child(
        home,
        StandardPage,
        "personuppgifter",
        title="Personuppgifter och kakor",
        intro="Exempeldata: så behandlar exempelprojektet uppgifter om dig.",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Webbplatsen sätter inga kakor för dig som bara läser. Kommenterar du "
                    "ett inlägg sparar vi ditt namn, din e-postadress och din kommentar; "
                    "IP-adressen raderas efter 30 dagar. Frågor om dina uppgifter: "
                    f"{contact['email']}.</p>"
                ),
            )
        ],
    )
    settings = SiteSettings.for_site(site)
    if not settings.organisation_name:
        settings.organisation_name = contact["organisation_name"]
        settings.tagline = contact["tagline"]
        settings.owner_name = "Norrby kommun (exempel)"
        settings.funder_statement = contact["funder_statement"]
        settings.contact_email = contact["email"]
        settings.postal_address = contact["postal_address"]
        settings.footer_links = [
            ("link", {"title": page.title, "page": page, "url": ""})
            for page in home.get_children().filter(slug="personuppgifter")
        ]
        settings.save()
    return home


def load(stdout):
    load_english(load_site())
    load_second_site()
    load_users(stdout)


def demo_accounts():
    """(login, password, project's short name or None, role or None) of every demo user."""
    first, second = demo_data.PROJECT["short_name"], demo_data.SECOND_PROJECT["short_name"]
    for username, password, role, first_name, last_name in demo_data.DEMO_USERS:
        yield username, password, role and first, role, first_name, last_name
    for username, password, role, first_name, last_name in demo_data.SECOND_DEMO_USERS:
        yield username, password, second, role, first_name, last_name


# The demo's passwords are public (README.md), so a slow hash protects nothing: they are
# hashed with few PBKDF2 rounds, which Django verifies as usual and replaces with a hash of
# the full number of rounds at the first login. Hashing with the full number took a third
# of the demo's loading time.
PUBLIC_PASSWORD_ROUNDS = 1000


def public_password_hash(password):
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=PUBLIC_PASSWORD_ROUNDS)
    return make_password(password)


def load_users(stdout):
    """One account per person of the demo; credentials are printed only when an account is
    created. Apart from the superuser, a demo user holds no role of their own: their rights
    come from their person's membership in one project (governance's demo), so each
    project's people see only their project. Accounts of an older demo that held a role
    everywhere are taken out of the role groups."""
    stdout.write("Demo users (local only, see README.md): login, password, project, role")
    user_model = get_user_model()
    role_groups = Group.objects.filter(name__in=ROLES)
    hashed = {}
    for username, password, project, role, first_name, last_name in demo_accounts():
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            if role:
                user.groups.remove(*role_groups)
            continue
        if password not in hashed:
            hashed[password] = public_password_hash(password)
        user_model.objects.create(
            username=username,
            password=hashed[password],
            email=f"{username}@example.invalid",
            first_name=first_name,
            last_name=last_name,
            is_superuser=role is None,
            is_staff=role is None,
        )
        where = f"{project}: {role}" if role else "superuser, alla projekt"
        stdout.write(f"  {username:<24} {password:<34} {where}")
