"""Issue 9: a WordPress export of 2 000 posts, 10 000 comments and 50 authors imports in
under 60 s with peak memory under 500 MB (the file is streamed, never loaded whole)."""

import resource
import tempfile
import time
from pathlib import Path

POSTS = int(__import__("os").environ.get("WP_BENCH_POSTS", 2_000))
COMMENTS_PER_POST = 5
AUTHORS = 50
LIMIT_SECONDS = 60
LIMIT_MB = 500

PARAGRAPHS = (
    "Idag har våra regionala nyhetssändningar rapporterat om att Örnsköldsvik och "
    "Umeåregionen arbetar för en gemensam arbetsmarknadsregion.\n"
    "Mittnytt och Västerbottensnytt har båda sänt reportage.\n\n"
    "<h2>Pendling</h2>\n"
    "Botniabanan gör det möjligt att pendla på en timme. <strong>Fler avgångar</strong> "
    "behövs.\n\n"
    "<blockquote>Regionen växer ihop.<cite>Frida</cite></blockquote>"
)


def generated_export(path, posts=POSTS, comments_per_post=COMMENTS_PER_POST, authors=AUTHORS):
    from tests.wordpress import wxr_files as w

    def items():
        comment_id = 1
        for number in range(1, posts + 1):
            comments = []
            first = comment_id
            for c in range(comments_per_post):
                parent = first if c % 2 else 0
                comments.append(
                    w.comment(
                        comment_id,
                        f"Kommentar {comment_id} om pendling.",
                        author=f"Läsare {comment_id % 300}",
                        parent=parent,
                    )
                )
                comment_id += 1
            day = 1 + number % 28
            yield w.item(
                number,
                f"Inlägg {number} om arbetsmarknadsregionen",
                PARAGRAPHS,
                date=f"2013-{1 + number % 12:02d}-{day:02d} 10:30:00",
                creator=f"skribent{number % authors}",
                tags=[(f"tagg-{number % 40}", f"Tagg {number % 40}")],
                categories=[("identitet", "En gemensam regional identitet")],
                comments=comments,
            )

    return w.write_wxr(
        path,
        items(),
        authors=[w.author(f"skribent{i}", f"Skribent Nummer {i}") for i in range(authors)],
    )


def run():
    from blog.models import BlogIndexPage
    from comments.models import Comment
    from governance.demo import load_project
    from website import demo
    from wordpress_import.importer import WordPressImporter

    home = demo.load_site()
    project = load_project()
    blog = BlogIndexPage.objects.filter(slug="wp-bench").first()
    if blog is None:
        blog = BlogIndexPage(title="WordPress-bänk", slug="wp-bench", project=project)
        home.add_child(instance=blog)
    with tempfile.TemporaryDirectory() as folder:
        path = generated_export(Path(folder) / "export.xml")
        size_mb = path.stat().st_size / 1e6
        started = time.perf_counter()
        report = WordPressImporter(path, blog).run()
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = report.counts()
    verdict = "OK" if seconds < LIMIT_SECONDS and peak_mb < LIMIT_MB else "TOO SLOW/BIG"
    note = (
        f"{counts['posts']['created']} posts, {counts['comments']['created']} comments, "
        f"{counts['authors']['created']} authors from {size_mb:.1f} MB; peak RSS "
        f"{peak_mb:.0f} MB (< {LIMIT_MB}), < {LIMIT_SECONDS} s: {verdict}; "
        f"{Comment.objects.count()} comments in db"
    )
    ms = seconds * 1000
    return [("wordpress import 2000 posts/10000 comments", ms, ms, "-", note)]
