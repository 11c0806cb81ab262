"""The check (a dry run) predicts what the import does: every count of the richest test
export (fixtures/wordpress_com_export.xml), and what each post keeps, are the same in the
dry run and in the real run that follows it."""

from pathlib import Path

from wordpress_import.report import KINDS, OUTCOMES

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "wordpress_com_export.xml"
UPLOADS = FIXTURES / "uploads"


def test_the_dry_run_predicts_every_count_of_the_real_run(run_import):
    predicted = run_import(EXPORT, media_dir=UPLOADS, dry_run=True).as_dict()
    done = run_import(EXPORT, media_dir=UPLOADS).as_dict()

    def counts(data):
        return {
            (kind, outcome): data["counts"][kind][outcome] for kind in KINDS for outcome in OUTCOMES
        }

    assert counts(predicted) == counts(done)
    # Not a run of zeros: the export's posts, pages, comments, images, tags, authors and
    # redirects (a page under its parent page keeps its address: no redirect).
    assert {
        kind: done["counts"][kind]["created"]
        for kind in ("posts", "pages", "comments", "images", "tags", "authors", "redirects")
    } == {
        "posts": 9,
        "pages": 3,
        "comments": 7,
        "images": 2,
        "tags": 2,
        "authors": 3,
        "redirects": 9,
    }
    assert done["counts"]["authors"]["matched"] == 4  # the four malformed dc:creators
    assert done["counts"]["comments"]["skipped"] == 1  # the spam

    def kept(data):
        return sorted(
            (e["kind"], e["title"], e["text_percent"], e["lost"], e["dropped"])
            for e in data["fidelity"]
        )

    assert kept(predicted) == kept(done)
    assert predicted["reasons"] == done["reasons"]
