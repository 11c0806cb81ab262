"""What readers see on the blog index and on a post, and what editors must fill in."""

import re

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from blog.models import BlogPostPage

from .conftest import at


def html(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_index_lists_posts_newest_first_with_pagination(client, blog, make_post):
    for day in range(1, 13):
        make_post(f"Inlägg {day:02d}", date=at(2013, 1, day))
    first_page = html(client.get("/blogg/"))
    titles = re.findall(r'<h2><a href="/blogg/[^"]+/">([^<]+)</a></h2>', first_page)
    assert titles[:3] == ["Inlägg 12", "Inlägg 11", "Inlägg 10"]
    assert len(titles) == 10
    assert "sida=2" in first_page
    second_page = html(client.get("/blogg/?sida=2"))
    titles = re.findall(r'<h2><a href="/blogg/[^"]+/">([^<]+)</a></h2>', second_page)
    assert titles == ["Inlägg 02", "Inlägg 01"]


@pytest.mark.django_db
def test_index_hides_drafts_and_shows_an_empty_message(client, blog, make_post):
    post = make_post("Utkast som avpubliceras")
    post.unpublish()
    page = html(client.get("/blogg/"))
    assert "Utkast som avpubliceras" not in page
    assert "Inga inlägg ännu." in page


@pytest.mark.django_db
def test_post_shows_date_authors_work_areas_tags_and_body(
    client, blog, make_post, author, guest_author, areas
):
    make_post(
        "Kick-off i Rådhuset",
        date=at(2012, 10, 24),
        authors=[author, guest_author],
        areas=[areas["A"], areas["D"]],
        tags=["pendling"],
        body=[("paragraph", "<p>Kerstin Westin talade om arbetspendling.</p>")],
    )
    page = html(client.get("/blogg/kick-off-i-radhuset/"))
    assert page.count("<h1>") == 1
    assert "24 oktober 2012" in page
    assert "Carina Lindberg och Per Renström" in page
    assert "Gästinlägg" in page
    assert "Kerstin Westin talade om arbetspendling." in page
    assert 'href="/blogg/kategori/a-fran-tva-lokala-arbetsmarknader-till-en-region/"' in page
    assert 'href="/blogg/tagg/pendling/"' in page
    assert 'href="/blogg/forfattare/carina-lindberg/"' in page


@pytest.mark.django_db
def test_a_post_by_project_leaders_is_not_marked_as_guest_post(client, make_post):
    make_post("Vanligt inlägg")
    assert "Gästinlägg" not in html(client.get("/blogg/vanligt-inlagg/"))


@pytest.mark.django_db
def test_news_items_are_labelled(client, make_post):
    make_post("Inbjudan till konferens", kind=BlogPostPage.Kind.NEWS)
    assert '<span class="badge">Nyhet</span>' in html(client.get("/blogg/"))


@pytest.mark.django_db
def test_lead_image_has_renditions_srcset_size_and_alt_text(client, make_post, lead_image):
    for number in range(3):
        make_post(
            f"Med bild {number}",
            date=at(2013, 2, 1 + number),
            lead_image=lead_image,
            lead_image_alt=f"Deltagare i salen {number}",
        )
    post_page = html(client.get("/blogg/med-bild-0/"))
    lead = re.search(r'<img [^>]*alt="Deltagare i salen 0"[^>]*>', post_page).group(0)
    assert "srcset=" in lead and " 480w" in lead and " 1200w" in lead
    assert re.search(r'width="\d+"', lead) and re.search(r'height="\d+"', lead)
    assert 'loading="lazy"' not in lead  # the lead image is above the fold

    listing = html(client.get("/blogg/"))
    teasers = re.findall(r'<img [^>]*class="post-teaser__image"[^>]*>', listing)
    assert len(teasers) == 3
    assert 'loading="lazy"' not in teasers[0]
    assert all('loading="lazy"' in teaser for teaser in teasers[1:])


@pytest.mark.django_db
def test_lead_image_without_alt_text_is_refused_in_swedish(blog, author, lead_image):
    post = BlogPostPage(title="Utan alt-text", intro="Text", lead_image=lead_image)
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "alternativtext" in str(error.value.message_dict["lead_image_alt"]).lower()


@pytest.mark.django_db
def test_related_posts_are_the_chosen_ones_then_the_same_work_area(client, make_post, areas):
    older = make_post("Äldre om identitet", date=at(2012, 11, 1), areas=[areas["C"]])
    make_post("Om samverkan", date=at(2012, 11, 2), areas=[areas["D"]])
    post = make_post("Fritidsresor", date=at(2013, 3, 1), areas=[areas["C"]])
    page = html(client.get(post.url))
    related = page.split('id="related-heading"')[1]
    assert older.title in related and "Om samverkan" not in related


@pytest.mark.django_db
def test_home_page_shows_latest_posts_and_upcoming_events(client, make_post, make_event):
    import datetime

    from django.utils import timezone

    make_post("Senaste nytt", date=at(2014, 9, 25))
    make_event("Återträff", start=timezone.now() + datetime.timedelta(days=30))
    make_event("Gammal konferens", start=at(2012, 11, 16, 9))
    page = html(client.get("/"))
    assert "Senaste nytt" in page
    assert "Återträff" in page
    assert "Gammal konferens" not in page
