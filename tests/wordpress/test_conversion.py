"""WordPress post HTML in its three dialects becomes the blocks an editor would have made."""

from wordpress_import.conversion import html_to_blocks


def kinds(blocks):
    return [block["type"] for block in blocks]


def test_classic_editor_text_gets_paragraphs_and_line_breaks_like_wordpress_shows_it():
    blocks = html_to_blocks("Vi ses på förlovningsfesten!\nKl. 19.00\n\nHälsningar Frida")

    assert kinds(blocks) == ["paragraph"]
    assert blocks[0]["value"] == (
        "<p>Vi ses på förlovningsfesten!<br/>Kl. 19.00</p><p>Hälsningar Frida</p>"
    )


def test_classic_headings_lists_quotes_and_inline_formatting():
    blocks = html_to_blocks(
        "<h2>Bakgrund</h2>\nText med <strong>fet</strong> och <em>kursiv</em> "
        '<a href="https://example.invalid/">länk</a>.\n\n'
        "<ul><li>Örnsköldsvik</li><li>Umeå</li></ul>\n\n"
        "<blockquote>Regionen växer ihop.<cite>Dan Hjalmarsson</cite></blockquote>"
        '<span style="color:red">onclick<script>alert(1)</script></span>'
    )

    assert kinds(blocks) == ["heading", "paragraph", "quote", "paragraph"]
    assert blocks[0]["value"] == {"text": "Bakgrund", "level": "h2"}
    assert blocks[1]["value"] == (
        '<p>Text med <b>fet</b> och <i>kursiv</i> <a href="https://example.invalid/">länk</a>.'
        "</p><ul><li>Örnsköldsvik</li><li>Umeå</li></ul>"
    )
    assert blocks[2]["value"] == {"quote": "Regionen växer ihop.", "attribution": "Dan Hjalmarsson"}
    assert "<span" not in blocks[3]["value"] and "style" not in blocks[3]["value"]


def test_caption_shortcode_becomes_an_image_with_alt_text_and_caption():
    seen = []

    def resolve(found):
        seen.append(found)
        return 42, "Bron"

    blocks = html_to_blocks(
        '[caption id="attachment_12" align="alignnone" width="300"]'
        '<a href="https://x.invalid/bro.jpg"><img class="size-medium wp-image-12" '
        'src="https://x.invalid/wp-content/uploads/2013/05/bro-300x200.jpg" alt="Bron i Umeå" '
        "/></a> Bron över Umeälven[/caption]",
        resolve_image=resolve,
    )

    assert blocks == [
        {
            "type": "image",
            "value": {
                "image": 42,
                "alt_text": "Bron i Umeå",
                "caption": "Bron över Umeälven",
                "credit": "",
            },
            "id": blocks[0]["id"],
        }
    ]
    assert seen[0].wp_id == 12


def test_an_image_whose_file_is_missing_stays_a_link_to_the_old_address():
    blocks = html_to_blocks(
        '<img src="https://x.invalid/wp-content/uploads/karta.png" alt="Karta">'
    )

    assert blocks[0]["type"] == "paragraph"
    assert (
        '<a href="https://x.invalid/wp-content/uploads/karta.png">Karta</a>' in blocks[0]["value"]
    )


def test_embed_shortcode_and_a_known_provider_url_on_its_own_line_become_embeds():
    blocks = html_to_blocks(
        "[embed]https://www.youtube.com/watch?v=abc123[/embed]\n\n"
        "https://vimeo.com/12345\n\n"
        "http://www.svt.se/nyheter/regionalt/mittnytt/",
        is_embeddable=lambda url: "vimeo" in url or "youtube" in url,
    )

    assert kinds(blocks) == ["embed", "embed", "paragraph"]
    assert blocks[0]["value"]["embed"] == "https://www.youtube.com/watch?v=abc123"
    assert blocks[1]["value"]["embed"] == "https://vimeo.com/12345"
    assert "svt.se" in blocks[2]["value"]


def test_block_editor_content_keeps_its_structure():
    content = """<!-- wp:paragraph -->
<p>Gutenberg med <em>kursiv</em> text.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3>Pendling</h3>
<!-- /wp:heading -->

<!-- wp:image {"id":7} -->
<figure class="wp-block-image"><img src="https://x.invalid/b.jpg" alt="Tåget" class="wp-image-7"/>
<figcaption>Botniabanan</figcaption></figure>
<!-- /wp:image -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=xyz"} -->
<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=xyz
</div><figcaption>Reportaget</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Första.</p><p>Andra.</p><cite>Anna</cite></blockquote>
<!-- /wp:quote -->"""
    blocks = html_to_blocks(
        content, resolve_image=lambda f: (7, "") if f.wp_id == 7 else (None, "")
    )

    assert kinds(blocks) == ["paragraph", "heading", "image", "embed", "quote"]
    assert blocks[0]["value"] == "<p>Gutenberg med <i>kursiv</i> text.</p>"
    assert blocks[1]["value"] == {"text": "Pendling", "level": "h3"}
    assert blocks[2]["value"]["caption"] == "Botniabanan"
    assert blocks[2]["value"]["alt_text"] == "Tåget"
    assert blocks[3]["value"] == {
        "embed": "https://www.youtube.com/watch?v=xyz",
        "caption": "Reportaget",
    }
    assert blocks[4]["value"] == {"quote": "Första.\n\nAndra.", "attribution": "Anna"}


def test_unknown_shortcodes_are_dropped_but_their_text_kept():
    blocks = html_to_blocks("[contact-form]Skriv till oss[/contact-form]")

    assert blocks[0]["value"] == "<p>Skriv till oss</p>"
