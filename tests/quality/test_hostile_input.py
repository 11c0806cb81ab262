"""No user input gives a server error: every public address that takes input (query
parameters, path segments, the comment form) gets the hostile strings and answers with a
page, a refusal or a 404, never a 5xx, and never echoes markup as markup. The search has its
own, stricter test (tests/blog/test_search.py); the suite runs on SQLite and PostgreSQL."""

import time
from urllib.parse import quote

import pytest

from comments.spam import issue_form_token
from tests.blog.factories import (
    BlogIndexPageFactory,
    BlogPostPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.register.factories import (
    ProjectFactory,
    ProjectPageFactory,
    WorkAreaFactory,
)
from tests.hostile import HOSTILE_STRINGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_site):
    project = ProjectFactory(slug="test")
    WorkAreaFactory(project=project, code="A", title="Arbetsgivare möts")
    blog = BlogIndexPageFactory(parent=demo_site)
    post = BlogPostPageFactory(parent=blog, title="Pendling", slug="pendling")
    calendar = EventIndexPageFactory(parent=demo_site)
    EventPageFactory(parent=calendar, title="Konferens", slug="konferens")
    register = DecisionRegisterPageFactory(parent=demo_site, project=project)
    progress = ProjectPageFactory(parent=demo_site, project=project)
    return {"blog": blog, "post": post, "calendar": calendar, "register": register,
            "progress": progress}  # fmt: skip


def query_routes(site):
    """(address, the names of the parameters it reads)."""
    return [
        ("/sok/", ["q", "typ", "omrade", "sida"]),
        (site["blog"].url, ["sida", "page"]),
        (site["post"].url, ["svara", "kommentar"]),
        (site["calendar"].url, ["sida"]),
        (site["calendar"].url + "tidigare/", ["sida"]),
        (site["register"].url, ["ar", "typ", "sida"]),
        (site["progress"].url, ["omrade"]),
    ]


def path_routes(site):
    """Addresses with a part the reader types, {} standing for it (quoted)."""
    return [
        site["blog"].url + "kategori/{}/",
        site["blog"].url + "tagg/{}/",
        site["blog"].url + "forfattare/{}/",
        site["blog"].url + "arkiv/{}/",
        site["progress"].url + "arbetsomrade/{}/",
        site["register"].url + "protokoll/{}/",
        "/kommentarer/bekrafta/{}/",
        "/dokument/{}/x.pdf",
    ]


def assert_answered(response, what):
    assert response.status_code < 500, what
    if response.get("Content-Type", "").startswith("text/html"):
        assert "<script>alert(1)</script>" not in response.content.decode(), what


def test_query_parameters(client, site):
    for address, names in query_routes(site):
        for hostile in HOSTILE_STRINGS:
            response = client.get(address, dict.fromkeys(names, hostile))
            assert_answered(response, (address, hostile[:40]))


def test_path_segments(client, site):
    for pattern in path_routes(site):
        for hostile in HOSTILE_STRINGS:
            address = pattern.format(quote(hostile[:2000], safe=""))
            assert_answered(client.get(address), (pattern, hostile[:40]))


def test_the_comment_form(client, site):
    post = site["post"]
    for n, hostile in enumerate(HOSTILE_STRINGS):
        data = {
            "name": hostile,
            "email": hostile,
            "website": hostile,
            "text": hostile,
            "consent": hostile,
            "parent": hostile,
            "homepage": "",
            "token": issue_form_token(post, now=time.time() - 60),
        }
        response = client.post(f"/kommentarer/{post.pk}/", data, REMOTE_ADDR=f"192.0.2.{n}")
        assert_answered(response, hostile[:40])
        assert response.status_code in (302, 400, 429), hostile[:40]
