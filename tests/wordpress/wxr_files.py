# ruff: noqa: E501  (WordPress writes these lines long; the files look like real exports)
"""Writes WordPress export (WXR 1.2) files as WordPress does, for the tests and the bench."""

from xml.sax.saxutils import escape

BASE_URL = "https://arbetsmarknadsregionen.wordpress.com"
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Arbetsmarknadsregionen</title>
	<link>{base}</link>
	<description>Förverkligandet av en gemensam arbetsmarknadsregion</description>
	<language>sv-SE</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>{base}</wp:base_site_url>
	<wp:base_blog_url>{base}</wp:base_blog_url>
"""
TAIL = "</channel>\n</rss>\n"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def author(login, display_name, email=""):
    return f"""	<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login><wp:author_email>{cdata(email)}</wp:author_email><wp:author_display_name>{cdata(display_name)}</wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
"""


def category(nicename, name):
    return f"""	<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>{cdata(nicename)}</wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>
"""


def comment(
    wp_id,
    text,
    *,
    author="Anna Nilsson",
    email="anna@example.invalid",
    url="",
    approved="1",
    parent=0,
    date="2013-05-13 09:15:00",
    comment_type="",
):
    return f"""		<wp:comment>
			<wp:comment_id>{wp_id}</wp:comment_id>
			<wp:comment_author>{cdata(author)}</wp:comment_author>
			<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>
			<wp:comment_author_url>{escape(url)}</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>
			<wp:comment_date>{date}</wp:comment_date>
			<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
			<wp:comment_content>{cdata(text)}</wp:comment_content>
			<wp:comment_approved>{cdata(approved)}</wp:comment_approved>
			<wp:comment_type>{cdata(comment_type)}</wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""


def item(
    wp_id,
    title,
    content="",
    *,
    post_type="post",
    status="publish",
    slug=None,
    date="2013-05-12 10:30:00",
    creator="frida",
    excerpt="",
    categories=(),
    tags=(),
    comments=(),
    parent=0,
    meta=None,
    attachment_url="",
    password="",
    link=None,
    comment_status="open",
):
    slug = slug if slug is not None else f"inlagg-{wp_id}"
    link = link if link is not None else f"{BASE_URL}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
    terms = "".join(
        f'		<category domain="category" nicename="{escape(n)}">{cdata(name)}</category>\n'
        for n, name in categories
    ) + "".join(
        f'		<category domain="post_tag" nicename="{escape(n)}">{cdata(name)}</category>\n'
        for n, name in tags
    )
    metas = "".join(
        f"		<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>\n"
        for k, v in (meta or {}).items()
    )
    gmt = date if status == "publish" else "0000-00-00 00:00:00"
    return f"""	<item>
		<title>{escape(title)}</title>
		<link>{escape(link)}</link>
		<pubDate>Sun, 12 May 2013 10:30:00 +0000</pubDate>
		<dc:creator>{cdata(creator)}</dc:creator>
		<guid isPermaLink="false">{BASE_URL}/?p={wp_id}</guid>
		<description></description>
		<content:encoded>{cdata(content)}</content:encoded>
		<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
		<wp:post_id>{wp_id}</wp:post_id>
		<wp:post_date>{date}</wp:post_date>
		<wp:post_date_gmt>{gmt}</wp:post_date_gmt>
		<wp:comment_status>{comment_status}</wp:comment_status>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{status}</wp:status>
		<wp:post_parent>{parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>{post_type}</wp:post_type>
		<wp:post_password>{cdata(password)}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
{"		<wp:attachment_url>" + escape(attachment_url) + "</wp:attachment_url>" if attachment_url else ""}
{terms}{metas}{"".join(comments)}	</item>
"""


def attachment(wp_id, title, relative_path, *, alt="", caption="", parent=0):
    return item(
        wp_id,
        title,
        post_type="attachment",
        status="inherit",
        slug=title.lower().replace(" ", "-"),
        excerpt=caption,
        parent=parent,
        attachment_url=f"{BASE_URL}/wp-content/uploads/{relative_path}",
        meta={"_wp_attached_file": relative_path, "_wp_attachment_image_alt": alt},
    )


DEFAULT_AUTHORS = (author("frida", "Frida Jonsson", "frida@example.invalid"),)


def write_wxr(path, items, *, authors=DEFAULT_AUTHORS, categories=(), base=BASE_URL):
    """Writes the export to path, item by item (items may be a generator)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD.format(base=base))
        for part in authors:
            out.write(part)
        for part in categories:
            out.write(part)
        for part in items:
            out.write(part)
        out.write(TAIL)
    return path
