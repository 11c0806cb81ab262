"""manage.py import_wordpress FILE.xml --blog <id or slug>: moves a WordPress blog in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from tqdm import tqdm

from blog.models import BlogIndexPage
from wordpress_import.importer import AuthorsMapError, WordPressImporter, read_authors_map
from wordpress_import.report import fidelity_table, text_table
from wordpress_import.wxr import WXRError

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Imports a WordPress export (WXR file) into a blog."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the WordPress export (Tools → Export), an .xml file")
        parser.add_argument("--blog", required=True, help="the blog index page: id or slug")
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        parser.add_argument(
            "--media-dir", help="folder with the blog's uploads (wp-content/uploads) as files"
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="fetch images not in --media-dir from the old site (http/https only, with a "
            "timeout and a size cap: WORDPRESS_FETCH_TIMEOUT_SECONDS, WORDPRESS_FETCH_MAX_BYTES)",
        )
        parser.add_argument(
            "--authors-map", help='text file of "WordPress login = author slug, id or name"'
        )
        parser.add_argument(
            "--unmatched-categories",
            choices=["tag", "skip"],
            default="tag",
            help="categories without a work area of the same name: keep as tags, or skip",
        )
        parser.add_argument(
            "--fidelity",
            action="store_true",
            help="also print every post and page with the share of its text kept and the "
            "elements lost (with --dry-run: what the import would keep)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        blog = self._blog(options["blog"])
        try:
            authors_map = read_authors_map(options["authors_map"]) if options["authors_map"] else {}
        except (OSError, AuthorsMapError) as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from error
        if options["media_dir"] and not Path(options["media_dir"]).is_dir():
            raise CommandError(
                _("The media folder “%(folder)s” does not exist.")
                % {"folder": options["media_dir"]},
                returncode=BAD_INPUT,
            )
        bar = tqdm(total=0, unit=" items", file=self.stderr._out, disable=options["no_progress"])

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        importer = WordPressImporter(
            options["file"],
            blog,
            dry_run=options["dry_run"],
            media_dir=options["media_dir"],
            fetch_media=options["fetch_media"],
            authors_map=authors_map,
            unmatched_categories=options["unmatched_categories"],
            progress=progress,
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from error
        finally:
            bar.close()
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written. The import would do this:"))
        data = report.as_dict()
        self.stdout.write(text_table(data))
        if options["fidelity"]:
            self.stdout.write("")
            self.stdout.write(fidelity_table(data))
        if report.failed:
            self.stdout.write(
                self.style.WARNING(
                    _("%(count)s objects failed; see the reasons above.") % {"count": report.failed}
                )
            )

    def _blog(self, value):
        query = Q(slug=value) | Q(pk=int(value)) if value.isdigit() else Q(slug=value)
        blogs = list(BlogIndexPage.objects.filter(query)[:2])
        if len(blogs) != 1:
            raise CommandError(
                _("No single blog has the id or slug “%(blog)s”.") % {"blog": value},
                returncode=BAD_INPUT,
            )
        return blogs[0]
