"""Several projects in one installation, each on a site of its own (issue 23): a.example is
the main site (project A's, and the landing page), b.example project B's. Every public page
of a site shows its own project's data only (governance/register/public_project.py); the
main site's home lists both projects; the page cache keeps the sites apart; a comment on
B's post is mailed to B's project leaders."""

import datetime
import re

from django.core import mail
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

from blog.listings import category_slug
from comments import moderation
from comments.models import Comment
from core import cache as page_cache_module
from core.roles import PROJECT_LEADER
from governance.decisions.models import Meeting
from governance.register import public_project
from governance.register.models import Membership, Project
from tests.blog.factories import (
    BlogIndexPageFactory,
    BlogPostPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)
from tests.governance.decisions.factories import (
    DecisionFactory,
    DecisionRegisterPageFactory,
    MeetingFactory,
)
from tests.governance.register.factories import (
    ActivityFactory,
    MembershipFactory,
    PersonFactory,
    ProjectFactory,
    ProjectPageFactory,
)
from website.demo import ensure_home_page
from website.models import HomePage

pytestmark = pytest.mark.django_db

A, B = "a.example", "b.example"


def text_of(response):
    assert response.status_code == 200, response
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def build_site(home, project, tag):
    """Blog with a post under each work area, calendar with an event, progress page with a
    public activity, decision register with a public decision: each named with `tag`."""
    areas = list(project.work_areas.all())
    blog = BlogIndexPageFactory(parent=home)
    posts = [
        BlogPostPageFactory(
            parent=blog,
            title=f"Inlägg {tag} om {area.title}",
            slug=f"inlagg-{tag.lower()}-{area.code.lower()}",
            intro=f"Gemensamt sökord och {tag}-nyheter.",
            categories=[area],
            date=timezone.now() - datetime.timedelta(days=1 + n),
        )
        for n, area in enumerate(areas)
    ]
    calendar = EventIndexPageFactory(parent=home)
    EventPageFactory(parent=calendar, title=f"Träff {tag}", slug=f"traff-{tag.lower()}")
    progress = ProjectPageFactory(parent=home, project=project, title=f"Läget i {tag}")
    ActivityFactory(work_area=areas[0], title=f"Aktivitet {tag}", is_public=True)
    register = DecisionRegisterPageFactory(parent=home, project=project)
    meeting = MeetingFactory(project=project)
    DecisionFactory(meeting=meeting, title=f"Beslut {tag}")
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    return {"blog": blog, "posts": posts, "calendar": calendar, "progress": progress,
            "register": register}  # fmt: skip


@pytest.fixture
def sites(settings, commit):
    """Committed, as if made before (the page cache's purges run)."""
    settings.ALLOWED_HOSTS = [A, B, "testserver"]
    with commit():
        return make_sites()


def make_sites():
    home_a = ensure_home_page()
    site_a = Site.objects.get(is_default_site=True)
    site_a.hostname, site_a.port, site_a.site_name = A, 80, "Sajt A"
    site_a.save()
    home_b = HomePage(title="Besöksnäringen", slug="besoksnaringen", hero_heading="Projekt B")
    Page.get_first_root_node().add_child(instance=home_b)
    home_b.save_revision().publish()
    site_b = Site.objects.create(hostname=B, port=80, root_page=home_b, site_name="Sajt B")
    project_a = ProjectFactory(
        name="Arbetsmarknadsregionen",
        short_name="AMR",
        slug="amr",
        public_root=home_a,
        work_areas=[("A", "Pendling"), ("B", "Kompetens")],
    )
    project_b = ProjectFactory(
        name="Besöksnäringen i norr",
        short_name="BN",
        slug="bn",
        state=Project.State.PLANNED,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 12, 31),
        public_root=home_b,
        work_areas=[("A", "Turism"), ("C", "Kultur")],
    )
    return {
        "a": {"site": site_a, "home": home_a, "project": project_a,
              **build_site(home_a, project_a, "Alfa")},
        "b": {"site": site_b, "home": home_b, "project": project_b,
              **build_site(home_b, project_b, "Beta")},
    }  # fmt: skip


def get(client, host, path, **params):
    return client.get(path, params, HTTP_HOST=host)


# Which project -------------------------------------------------------------------------------


def test_each_site_and_page_is_about_its_own_project(sites):
    a, b = sites["a"], sites["b"]
    assert public_project.project_for_site(a["site"]) == a["project"]
    assert public_project.project_for_site(b["site"]) == b["project"]
    assert public_project.project_for_page(b["posts"][0]) == b["project"]
    assert public_project.project_for_page(a["calendar"]) == a["project"]


def test_without_project_sites_every_page_is_about_the_ongoing_project(db):
    home = ensure_home_page()
    ProjectFactory(slug="planned", state=Project.State.PLANNED)
    ongoing = ProjectFactory(slug="ongoing")
    assert public_project.project_for_page(home) == ongoing
    assert public_project.project_for_site(Site.objects.get()) == ongoing
    assert public_project.project_for_page(home, fallback=False) is None


# Each site shows its own ------------------------------------------------------------------


def test_each_home_page_shows_its_own_posts_events_and_work_areas(client, sites):
    home_a, home_b = text_of(get(client, A, "/")), text_of(get(client, B, "/"))
    assert "Inlägg Alfa om Pendling" in home_a and "Inlägg Beta" not in home_a
    assert "Inlägg Beta om Turism" in home_b and "Inlägg Alfa" not in home_b
    assert "Träff Beta" in home_b and "Träff Alfa" not in home_b
    assert "Turism" in home_b and "Pendling" not in home_b


def test_a_blog_offers_its_own_projects_work_areas_under_the_same_code(client, sites):
    a, b = sites["a"], sites["b"]
    blog_b = text_of(get(client, B, "/blogg/"))
    assert "Turism" in blog_b and "Kultur" in blog_b and "Pendling" not in blog_b
    turism = b["project"].work_areas.get(code="A")
    # Both projects have a work area "A": the category address finds this site's.
    listing = text_of(get(client, B, f"/blogg/kategori/{category_slug(turism)}/"))
    assert "Inlägg Beta om Turism" in listing and "Alfa" not in listing
    pendling = a["project"].work_areas.get(code="A")
    assert get(client, B, f"/blogg/kategori/{category_slug(pendling)}/").status_code == 301


def test_search_on_a_project_site_finds_only_its_pages(client, sites):
    found = text_of(get(client, B, "/sok/", q="sökord"))
    assert "Inlägg Beta om Turism" in found and "Alfa" not in found
    assert 'name="projekt"' not in get(client, B, "/sok/", q="sökord").content.decode()
    areas = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', found) or found
    assert "Pendling" not in str(areas)


def test_search_on_the_main_site_covers_every_project_with_a_choice_of_one(client, sites):
    every = get(client, A, "/sok/", q="sökord")
    assert 'name="projekt"' in every.content.decode()
    text = text_of(every)
    assert "Inlägg Alfa om Pendling" in text and "Inlägg Beta om Turism" in text
    only_b = text_of(get(client, A, "/sok/", q="sökord", projekt="bn"))
    assert "Inlägg Beta om Turism" in only_b and "Inlägg Alfa" not in only_b


def test_sitemaps_and_feeds_are_per_site(client, sites):
    sitemap_b = get(client, B, "/sitemap.xml").content.decode()
    assert "http://b.example/blogg/inlagg-beta-a/" in sitemap_b
    assert "inlagg-alfa" not in sitemap_b and "a.example" not in sitemap_b
    sitemap_a = get(client, A, "/sitemap.xml").content.decode()
    assert "inlagg-alfa-a" in sitemap_a and "inlagg-beta" not in sitemap_a
    feed_b = get(client, B, "/blogg/rss/").content.decode()
    assert "Inlägg Beta om Turism" in feed_b and "Alfa" not in feed_b


def test_progress_pages_registers_and_calendars_show_their_own_project(client, sites):
    progress = text_of(get(client, B, "/lagesbild/"))
    assert "Turism" in progress and "Pendling" not in progress
    work_area = text_of(get(client, B, "/lagesbild/arbetsomrade/a/"))
    assert "Aktivitet Beta" in work_area and "Aktivitet Alfa" not in work_area
    register = text_of(get(client, B, "/beslut/"))
    assert "Beslut Beta" in register and "Beslut Alfa" not in register
    calendar = text_of(get(client, B, "/kalender/"))
    assert "Träff Beta" in calendar and "Träff Alfa" not in calendar


def test_open_data_on_a_project_site_is_its_own_and_the_main_site_has_all(client, sites):
    on_b = get(client, B, "/api/v1/projects/").json()
    assert [row["slug"] for row in on_b["results"]] == ["bn"]
    on_a = get(client, A, "/api/v1/projects/").json()
    assert [row["slug"] for row in on_a["results"]] == ["amr", "bn"]
    activities = get(client, B, "/api/v1/csv/activities.csv").content.decode()
    assert "Aktivitet Beta" in activities and "Aktivitet Alfa" not in activities
    one = get(client, A, "/api/v1/csv/activities.csv", project="bn").content.decode()
    assert "Aktivitet Beta" in one and "Aktivitet Alfa" not in one
    index_b = get(client, B, "/oppna-data/").content.decode()
    assert "/api/v1/csv/activities.csv?project=bn" in index_b
    index_a = get(client, A, "/oppna-data/").content.decode()
    assert "?projekt=bn" in index_a and '/api/v1/csv/activities.csv"' in index_a
    chosen = get(client, A, "/oppna-data/", projekt="bn").content.decode()
    assert "/api/v1/csv/activities.csv?project=bn" in chosen


def test_the_iati_file_of_a_project_site_holds_its_project(client, sites, settings):
    settings.IATI_REPORTING_ORG_REF = "SE-0-1234567890"
    on_b = get(client, B, "/api/v1/iati.xml").content.decode()
    assert on_b.count("<iati-activity") == 1 and "SE-0-1234567890-bn" in on_b
    assert get(client, A, "/api/v1/iati.xml").content.decode().count("<iati-activity") == 2


# The landing page ------------------------------------------------------------------------------


def test_the_main_home_page_lists_both_projects_with_state_and_period(client, sites):
    page = get(client, A, "/")
    html = page.content.decode()
    text = text_of(page)
    assert "Projekten" in text
    assert "Arbetsmarknadsregionen" in text and "Besöksnäringen i norr" in text
    assert "Pågående" in text and "Planerat" in text
    assert "1 januari 2015" in text and "31 december 2016" in text
    assert 'href="http://b.example/"' in html  # B has a site of its own
    assert 'href="/lagesbild/"' in html  # A's site is this one: its progress page
    assert "home-projects-heading" not in get(client, B, "/").content.decode()


def test_the_landing_page_is_english_under_en(client, sites):
    from core.locales import publish_translation

    publish_translation(sites["a"]["home"], "en", title="Home")
    text = text_of(client.get("/en/", HTTP_HOST=A, HTTP_ACCEPT_LANGUAGE="en"))
    assert "The projects" in text and "Ongoing" in text and "Planned" in text
    swedish = text_of(client.get("/", HTTP_HOST=A, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Projekten" in swedish  # a page is in its own language, whatever is asked


def test_the_landing_pages_queries_do_not_grow_with_the_projects(
    client, sites, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(client, A, "/")
    with CaptureQueriesContext(connection) as two:
        get(client, A, "/")
    for n in range(3):
        home = HomePage(title=f"Extra {n}", slug=f"extra-{n}")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        Site.objects.create(hostname=f"x{n}.example", port=80, root_page=home)
        extra = ProjectFactory(slug=f"extra-{n}", public_root=home)
        ProjectPageFactory(parent=home, project=extra)
    get(client, A, "/")  # Wagtail reads the sites anew after a change to them
    with CaptureQueriesContext(connection) as five:
        text = get(client, A, "/").content.decode()
    assert len(re.findall(r'href="http://x\d\.example/"', text)) == 3
    assert len(five) == len(two), [q["sql"] for q in five.captured_queries]
    with django_assert_max_num_queries(len(two)):
        get(client, A, "/")


# The page cache ------------------------------------------------------------------------------


def all_cached(client, commit, *addresses):
    """The pages asked for as readers' requests that commit (a site's settings are made at
    its first request, which empties the cache), then all served from the cache."""
    with commit():
        for host, path in addresses:
            get(client, host, path)
    first = {address: get(client, *address) for address in addresses}
    for address in addresses:
        assert get(client, *address)["X-Page-Cache"] == "hit", address
    return first


def test_the_page_cache_keeps_the_sites_apart(client, sites, page_cache, commit):
    """The same address on two sites: two entries, and a purge of one site's leaves the
    other's."""
    pages = all_cached(
        client,
        commit,
        *((host, path) for host in (A, B) for path in ("/", "/blogg/", "/lagesbild/")),
    )
    assert "Projekt B" in pages[B, "/"].content.decode()
    assert "Projekt B" not in pages[A, "/"].content.decode()
    assert "Projekt B" in get(client, B, "/").content.decode()
    with commit():
        post = sites["b"]["posts"][0]
        post.title = "Nytt om turismen"
        post.save_revision().publish()
    again = get(client, B, "/blogg/")
    assert again["X-Page-Cache"] == "miss" and "Nytt om turismen" in again.content.decode()
    assert get(client, A, "/blogg/")["X-Page-Cache"] == "hit"
    # B's progress pages list B's newest posts: purged with it; A's are not.
    assert get(client, B, "/lagesbild/")["X-Page-Cache"] == "miss"
    assert get(client, A, "/lagesbild/")["X-Page-Cache"] == "hit"


PATHS = ("/", "/lagesbild/", "/beslut/")


def test_a_change_to_bs_data_purges_bs_pages_and_not_as(client, sites, page_cache, commit):
    all_cached(client, commit, *((host, path) for host in (A, B) for path in PATHS))
    with commit():
        ActivityFactory(
            work_area=sites["b"]["project"].work_areas.first(), title="Ny aktivitet", is_public=True
        )
    for path in PATHS:
        assert get(client, B, path)["X-Page-Cache"] == "miss", path
        assert get(client, A, path)["X-Page-Cache"] == "hit", path


def test_path_tokens_are_per_site():
    assert page_cache_module.path_key(1, "/") != page_cache_module.path_key(2, "/")


# Comments ------------------------------------------------------------------------------------


def leader(project, username, email, make_user):
    user = make_user(username=username, email=email)
    MembershipFactory(
        project=project,
        person=PersonFactory(user=user, email=email),
        body=Membership.Body.PROJECT_MANAGEMENT,
        role=Membership.Role.PROJECT_LEADER,
    )
    return user


def test_a_comment_on_bs_post_goes_to_bs_project_leaders_and_the_global_ones(
    sites, make_user, commit
):
    leader(sites["a"]["project"], "anna", "anna@a.example", make_user)
    leader(sites["b"]["project"], "bertil", "bertil@b.example", make_user)
    make_user(PROJECT_LEADER, username="region", email="region@example.invalid")
    comment = Comment.objects.create(
        page=sites["b"]["posts"][0], name="Läsare", email="l@example.invalid", text="Bra!"
    )
    with commit():
        moderation.notify_project_leaders(comment)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bertil@b.example",
        "region@example.invalid",
    ]


def test_a_project_b_page_is_in_its_own_language_whatever_the_browser_asks(client, sites):
    for asked in ("sv-SE", "en"):
        response = client.get("/lagesbild/", HTTP_HOST=B, HTTP_ACCEPT_LANGUAGE=asked)
        assert '<html lang="sv">' in response.content.decode()
        assert "Läget i Beta" in text_of(response)
