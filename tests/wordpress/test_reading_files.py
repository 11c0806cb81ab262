"""Files that are not WordPress exports, or are hostile, are refused with a clear message."""

import resource
import time

import pytest

from blog.models import BlogPostPage
from wordpress_import.wxr import WXRError, WXRReader

from . import wxr_files as w

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>&lol9;</title><wp:post_id>1</wp:post_id></item>
</channel></rss>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><item><title>&secret;</title></item></channel></rss>
"""


def test_billion_laughs_is_refused_quickly_without_using_memory(tmp_path, blog, command):
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS)
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()

    code, _out, err = command(path, "--blog", blog.slug, "--no-progress")

    assert code == 2
    assert "XML" in err
    assert time.perf_counter() - started < 5
    # Expanded, the title would be 3 GB; the peak resident size grows by no more than 50 MB.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before < 50_000
    assert not BlogPostPage.objects.exists()


def test_external_entities_are_refused(tmp_path):
    path = tmp_path / "external.xml"
    path.write_text(EXTERNAL_ENTITY)

    with pytest.raises(WXRError):
        WXRReader(path).channel()


def test_malformed_xml_gives_the_line_and_exit_code_2(tmp_path, blog, command):
    path = tmp_path / "broken.xml"
    path.write_text(w.HEAD.format(base=w.BASE_URL) + w.item(1, "Hej") + "<item><title>oj</item>")

    code, _out, err = command(path, "--blog", blog.slug, "--no-progress")

    assert code == 2
    assert "rad" in err or "line" in err
    assert not BlogPostPage.objects.exists(), "nothing is imported from a broken file"


def test_an_rss_feed_that_is_not_a_wordpress_export_is_refused(tmp_path, blog, command):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Nyheter</title>'
        "<item><title>Hej</title></item></channel></rss>"
    )

    code, _out, err = command(path, "--blog", blog.slug, "--no-progress")

    assert code == 2
    assert "WordPress" in err


def test_a_missing_file_and_an_unknown_blog_exit_with_2(tmp_path, blog, command):
    assert command(tmp_path / "saknas.xml", "--blog", blog.slug, "--no-progress")[0] == 2
    path = w.write_wxr(tmp_path / "ok.xml", [w.item(1, "Hej")])
    assert command(path, "--blog", "finns-inte", "--no-progress")[0] == 2


def test_items_are_read_one_at_a_time(tmp_path):
    path = w.write_wxr(tmp_path / "export.xml", (w.item(i, f"Inlägg {i}") for i in range(1, 4)))
    reader = WXRReader(path)

    channel = reader.channel()
    items = reader.items()

    assert channel.counts == {"post": 3}
    assert channel.source == w.BASE_URL
    assert next(items).title == "Inlägg 1"
    assert [item.wp_id for item in items] == [2, 3]


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_namespace_form_wordpress_writes_is_read(tmp_path, version, scheme):
    """WordPress.org writes http:// namespaces, WordPress.com https://; WXR 1.0 and 1.1
    files come from older sites."""
    path = w.write_wxr(
        tmp_path / "export.xml",
        [w.item(7, "Gammalt inlägg", "Text.", excerpt="Kort.", comments=[w.comment(3, "Bra!")])],
    )
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '"http://wordpress.org/export/1.2/', f'"{scheme}://wordpress.org/export/{version}/'
    )
    path.write_text(text.replace("<wp:wxr_version>1.2<", f"<wp:wxr_version>{version}<"))

    reader = WXRReader(path)
    channel = reader.channel()
    (item,) = reader.items()

    assert channel.wxr_version == version
    assert channel.authors["frida"].name == "Frida Jonsson"
    assert (item.wp_id, item.title, item.excerpt, item.status) == (
        7,
        "Gammalt inlägg",
        "Kort.",
        "publish",
    )
    assert [comment.content for comment in item.comments] == ["Bra!"]
