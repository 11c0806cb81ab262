"""A WordPress.com export (fixtures/wordpress_com_export.xml, shaped like the theme unit
test data WordPress publishes) comes over without losing a word: issue 18's findings 1–4
and the import half of issue 17's finding 7."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from blog.models import Author, BlogPostPage
from comments.models import Comment
from website.models import StandardPage
from wordpress_import.report import losses, text_table

EXPORT = Path(__file__).parent / "fixtures" / "wordpress_com_export.xml"
UPLOADS = Path(__file__).parent / "fixtures" / "uploads"  # its wp-content/uploads


@pytest.fixture
def imported(run_import):
    return run_import(EXPORT, media_dir=UPLOADS)


def rendered(client, slug):
    response = client.get(BlogPostPage.objects.get(slug=slug).url)
    assert response.status_code == 200
    article = BeautifulSoup(response.content, "html.parser").find("article", class_="blog-post")
    # What the post says: its title and body, without the terms and comments that follow.
    footer = article.find("footer", class_="blog-post__footer")
    for later in [*footer.find_next_siblings(), footer]:
        later.decompose()
    return article


def test_a_wordpress_com_export_with_https_namespaces_is_read(blog, command):
    code, out, err = command(EXPORT, "--blog", blog.slug, "--no-progress")

    assert code == 0, err
    # Nine posts (one without wp:post_id), three pages; the audio and video are no
    # attachments in this export.
    assert BlogPostPage.objects.count() == 9
    assert (
        StandardPage.objects.filter(slug__in=["om-regionen", "kontakta-oss", "integritet"]).count()
        == 3
    )
    post = BlogPostPage.objects.get(slug="klassiskt")
    assert [a.name for a in post.authors] == ["Frida Jonsson"]
    assert "Markup" in post.tags.names()


def test_classic_editor_headings_lists_tables_and_quotes_after_a_line_of_text_keep_their_shape(
    imported, client
):
    main = rendered(client, "klassiskt")

    assert [h.get_text(strip=True) for h in main.find_all(["h2", "h3"])][-2:] == [
        "Bakgrund",
        "Nästa steg",
    ]
    growing = main.find("p", string=re.compile("^Regionen växer ihop"))
    assert [li.get_text(strip=True) for li in growing.find_next("ul").find_all("li")] == [
        "Örnsköldsvik",
        "Umeå",
        "Skellefteå",
    ]
    assert [li.get_text(strip=True) for li in main.select("ol li")] == [
        "Samla in pendlingsdata",
        "Skriv rapporten",
    ]
    table = main.find("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Kommun", "Pendlare"]
    assert [td.get_text(strip=True) for td in table.select("tbody td")] == [
        "Umeå",
        "1 200",
        "Örnsköldsvik",
        "800",
    ]
    assert main.find("blockquote").get_text(strip=True) == "Vi är en region nu, inte tre kommuner."
    # The line of text before each block is its own paragraph, not glued to the block.
    paragraphs = [p.get_text(strip=True) for p in main.find_all("p")]
    assert "Så här ser siffrorna ut:" in paragraphs
    assert "En av deltagarna sa:" in paragraphs
    assert main.find("pre").get_text() == "Tidtabell\n    06.10 Umeå\n    07.05 Örnsköldsvik"


def test_inline_formatting_that_changes_the_meaning_is_kept(imported, client):
    main = rendered(client, "klassiskt")

    assert main.find("del").get_text() == "800"
    assert main.find("ins").get_text() == "850"
    assert [e.get_text() for e in main.find_all(["sub", "sup"])] == ["2", "2"]
    assert main.find("abbr")["title"] == "Arbetsmarknadsregion"
    assert [main.find(tag).get_text() for tag in ("code", "kbd", "mark", "cite")] == [
        "grep",
        "Ctrl",
        "viktigt",
        "Umeå Tidning",
    ]


def test_bracketed_text_that_is_no_shortcode_stays(imported, client):
    text = rendered(client, "klassiskt").get_text(" ")

    assert "Coracles [simple boat] är båtar [sic]." in text
    assert "Regionen är störst i landet [källa behövs]." in text


def test_a_gallery_without_ids_shows_the_images_attached_to_the_post(imported):
    post = BlogPostPage.objects.get(slug="klassiskt")

    gallery = next(block.value for block in post.body if block.block_type == "gallery")
    assert [item["image"].title for item in gallery["images"]] == ["Bron", "Kartan"]
    assert [item["alt_text"] for item in gallery["images"]] == [
        "Bron i kvällsljus",
        "Karta över regionen",
    ]
    assert post.lead_image.title == "Bron"


def test_block_editor_table_pullquote_code_verse_and_nested_lists(imported, client):
    main = rendered(client, "block")

    table = main.find("table")
    assert table.find("caption").get_text(strip=True) == "Deltagare per kommun"
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Kommun", "Deltagare"]
    assert len(table.select("tbody td")) == 6
    quote = main.find("figure", class_="quote")
    assert quote.find("blockquote").get_text(strip=True) == "Pendlingen är regionens blodomlopp."
    assert quote.find("figcaption").get_text(strip=True) == "Anna Nilsson"
    code, verse = main.find_all("pre")
    assert code.find("code").get_text() == 'if pendlare > 1000:\n    print("<region>")'
    assert verse.get_text() == "Älven flyter\n    mot havet\nTåget går"
    numbered = main.find("ol", start="3")
    assert numbered.has_attr("reversed")
    first, second = numbered.find_all("li", recursive=False)
    assert [li.get_text() for li in first.find("ul").find_all("li")] == ["Delsteg a", "Delsteg b"]
    assert second.get_text() == "Andra steget"
    assert main.find("s").get_text() == "200 kr" and main.find("del").get_text() == "150 kr"


def test_block_editor_gallery_captions_audio_video_and_cover(imported, client):
    post = BlogPostPage.objects.get(slug="media")

    assert [block.block_type for block in post.body] == [
        "gallery",
        "media",
        "media",
        "embed",
        "image",
        "paragraph",
    ]
    gallery = post.body[0].value
    assert gallery["title"] == "Bilder från resan"
    assert [item["caption"] for item in gallery["images"]] == [
        "Bron över Umeälven",
        "Regionens fyra kommuner",
    ]
    assert post.body[4].value["image"].title == "Kartan", "the cover's background"
    main = rendered(client, "media")
    audio, video = main.find("audio"), main.find("video")
    assert audio["src"].endswith("/2023/11/intervju.mp3")
    assert video["src"].endswith("/2023/11/filmen.mp4")
    assert "Intervju med Anna Nilsson" in audio.find_parent("figure").get_text()
    assert "En region att leva i" in main.get_text()


def test_titles_are_decoded_once_and_shown_without_tags(imported, client):
    assert BlogPostPage.objects.filter(title="Media & Text").exists()
    post = BlogPostPage.objects.get(slug="markup-i-rubrik")
    assert post.title == "Rubrik med betoning och m2"

    assert rendered(client, "media-text").find("h1").get_text(strip=True) == "Media & Text"


def test_comments_show_the_text_the_commenter_wrote(imported, client):
    written = Comment.objects.get(name="Anna Nilsson", text__startswith="Man skriver")
    quoting = Comment.objects.get(name="Per Berg", text__startswith="Vi är")

    assert written.text == "Man skriver <blockquote> runt ett citat, & sedan texten."
    assert quoting.text == "Vi är en region nu.\n\nHåller med!"
    assert quoting.website == "https://per.example.invalid/"


def test_javascript_addresses_never_become_links(imported, client):
    """Issue 17, finding 7: a tab inside "javascript:", an image address and a commenter's
    website; none may reach a page or a feed as a link."""
    post = BlogPostPage.objects.get(slug="markup-i-rubrik")
    paragraphs = [block.value for block in post.body if block.block_type == "paragraph"]
    body = "".join(paragraph.source for paragraph in paragraphs)

    assert "javascript" not in body.lower().replace("\t", "")
    assert "länkar" in body and "Saknad bild" in body, "the text stays, without the link"
    assert '<a href="https://arbetsmarknadsregionen.se/">vanlig länk</a>' in body
    assert Comment.objects.get(name="Anna Nilsson", text__startswith="Man skriver").website == ""
    for feed in ("rss/", "atom/"):
        response = client.get(post.get_parent().url + feed)
        assert response.status_code == 200
        assert "Saknad bild" in response.content.decode()
        assert not re.search(r"java\s*script", response.content.decode(), re.I)


def test_the_summary_lists_each_post_that_lost_something_with_what_it_lost(imported):
    data = imported.as_dict()

    by_title = {entry["title"]: entry for entry in data["fidelity"]}
    table = {
        title: (entry["text_percent"], entry["lost"], entry["dropped"])
        for title, entry in by_title.items()
    }
    assert table == {
        "Klassisk redigerare: rubriker, listor och tabeller": (100.0, {}, []),
        # The latest-posts block is a list WordPress builds on each visit: no text to keep.
        "Blockredigeraren: tabell, citat, kod och listor": (100.0, {}, ["wp:latest-posts"]),
        "Blockredigeraren: bilder, ljud och film": (100.0, {}, []),
        "Media & Text": (100.0, {}, []),
        # The image with a javascript: address is left out; its alt text stays.
        "Rubrik med betoning och m2": (100.0, {"images": 1}, []),
        "Stängda kommentarer": (100.0, {}, []),
        "Skrivet av en gammal redaktör": (100.0, {}, []),
        "Okänd skribent": (100.0, {}, []),
        "Utan id": (100.0, {}, []),
        "Om regionen": (100.0, {}, []),
        "Kontakta oss": (100.0, {}, []),
        "Integritet": (100.0, {}, []),
    }
    assert [entry["title"] for entry in losses(data)] == [
        "Blockredigeraren: tabell, citat, kod och listor",
        "Rubrik med betoning och m2",
    ]
    summary = text_table(data)
    assert "wp:latest-posts" in summary
    assert "1 images" in summary or "1 bilder" in summary
    assert imported.count("posts", "created") == 9
    assert imported.count("pages", "created") == 3


def test_comments_closed_in_wordpress_are_shown_but_take_no_new_ones(imported, client):
    post = BlogPostPage.objects.get(slug="stangt")

    html = client.get(post.url).content.decode()
    assert "Synd att det är stängt, men bra möte." in html
    assert "Kommentarerna är stängda för den här sidan." in html
    assert 'id="kommentera"' not in html
    assert client.post(f"/kommentarer/{post.pk}/", {"text": "Ny"}).status_code == 403
    # A post open in WordPress takes comments here too.
    assert (
        'id="kommentera"' in client.get(BlogPostPage.objects.get(slug="block").url).content.decode()
    )


def page_comments(client, slug):
    html = client.get(StandardPage.objects.get(slug=slug).url).content.decode()
    section = BeautifulSoup(html, "html.parser").find("section", id="kommentarer")
    return html, section


def test_comments_on_a_page_are_shown_on_it_as_on_a_post(imported, client):
    html, section = page_comments(client, "om-regionen")

    first = section.select_one("ol.comment-list > li")
    assert "Bra sammanställning! Finns siffrorna för Lycksele?" in first.get_text()
    reply = first.select_one("ol.comment-list--replies li")
    assert "Lycksele kommer i nästa version." in reply.get_text()
    # The same moderation as on posts: waiting and spam comments are not shown.
    assert "Väntar på granskning." not in html and "Köp klockor" not in html
    assert section.find("form", id="kommentera") is not None
    assert Comment.objects.filter(text="Väntar på granskning.", status="pending").exists()

    # A page closed in WordPress keeps its comment and takes no new ones.
    html, section = page_comments(client, "kontakta-oss")
    assert "Tack, jag fick svar samma dag." in section.get_text()
    assert section.find("form") is None
    # A page closed without comments shows no comment section at all.
    html, section = page_comments(client, "integritet")
    assert section is None


def test_a_dc_creator_that_is_no_login_never_becomes_an_author(imported):
    def signed(slug):
        return [a.name for a in BlogPostPage.objects.get(slug=slug).authors]

    assert signed("stangt") == ["Per Berg"], "his e-mail address in dc:creator"
    assert signed("gammal-redaktor") == ["Frida Jonsson"], "a link to her author page"
    assert signed("okand") == ["Redaktionen"], "a login the export does not list"
    assert signed("utan-id") == ["Redaktionen"], "an empty dc:creator"
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Frida Jonsson",
        "Per Berg",
        "Redaktionen",
    ]
    summary = text_table(imported.as_dict())
    assert "dc:creator" in summary
    assert "“redaktionen2009”" in summary and "“per.berg@example.invalid”" in summary


def test_a_page_keeps_its_table_and_code_as_a_post_does(imported, client):
    page = StandardPage.objects.get(slug="om-regionen")

    assert [block.block_type for block in page.body] == [
        "paragraph",
        "table",
        "paragraph",
        "preformatted",
        "paragraph",
    ]
    main = BeautifulSoup(client.get(page.url).content, "html.parser").find("article")
    table = main.find("table")
    assert table.find("caption").get_text(strip=True) == "Kommunerna i regionen"
    assert [td.get_text(strip=True) for td in table.select("tbody td")] == [
        "Umeå",
        "130 000",
        "Skellefteå",
        "72 000",
    ]
    assert main.find("pre").get_text() == "restid = avstånd / hastighet\n    + byten * 10"
    # A link to a post of the old blog leads to the post here, once the old blog is gone.
    link = main.find("a", string="inlägget om bakgrunden")
    assert link["href"] == "/2013/05/10/klassiskt/"
    response = client.get(link["href"], follow=True)
    assert response.redirect_chain[-1][0] == BlogPostPage.objects.get(slug="klassiskt").url
    # So does WordPress' short link of a post or a page (/?p=102, /?page_id=199).
    conference = main.find("a", string="konferensen")["href"]
    assert conference == "/2023/11/16/block/"
    response = client.get(conference, follow=True)
    assert response.redirect_chain[-1][0] == BlogPostPage.objects.get(slug="block").url
    assert main.find("a", string="kontaktsidan")["href"].endswith("/kontakta-oss/#telefon")
    # A page without an excerpt has no introduction repeating its opening words.
    assert main.get_text().count("ett samarbete mellan fyra kommuner") == 1
