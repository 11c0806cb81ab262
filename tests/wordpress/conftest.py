import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from PIL import Image as PILImage

from tests.blog.factories import BlogIndexPageFactory
from tests.governance.register.factories import DemoProjectFactory
from wordpress_import.importer import WordPressImporter

from . import wxr_files


@pytest.fixture
def project(db):
    return DemoProjectFactory()


@pytest.fixture
def blog(demo_site, project):
    return BlogIndexPageFactory(parent=demo_site, project=project)


@pytest.fixture
def write(tmp_path):
    """write(items, **options) → the path of a WXR file with those items."""
    counter = iter(range(1, 1000))

    def make(items, **options):
        return wxr_files.write_wxr(tmp_path / f"export-{next(counter)}.xml", items, **options)

    return make


class UploadsFolder(type(Path())):
    """The uploads folder as WordPress keeps it; add() puts a real JPEG in it."""

    def add(self, relative, size=(640, 480), colour=(30, 90, 160)):
        path = self / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        PILImage.new("RGB", size, colour).save(path, "JPEG")
        return path


@pytest.fixture
def media_dir(tmp_path):
    root = UploadsFolder(tmp_path / "uploads")
    root.mkdir()
    return root


@pytest.fixture
def run_import(blog):
    def run(path, **options):
        return WordPressImporter(path, blog, **options).run()

    return run


@pytest.fixture
def command():
    """Runs manage.py import_wordpress; returns (exit code, stdout, stderr)."""

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_wordpress", *[str(a) for a in args], stdout=out, stderr=err)
            code = 0
        except CommandError as error:
            err.write(str(error))
            code = error.returncode
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def areas_by_title(project):
    return {area.title: area for area in project.work_areas.all()}
