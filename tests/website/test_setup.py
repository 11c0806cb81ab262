"""The promises README.md makes about set-up: settings from the environment, a production
configuration that refuses to run insecurely, complete migrations and translations, and
an idempotent demo."""

import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model

from wagtail.models import Page

import polib
import pytest

from governance.register.access import ROLE_OF_BODY
from governance.register.models import Membership

pytestmark = pytest.mark.any_database

ROOT = Path(__file__).resolve().parent.parent.parent


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="website.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "x9Qz" * 10,
        ALLOWED_HOSTS="lagesbild.example.se",
        DATABASE_URL="sqlite:////tmp/lagesbild-deploy-check.sqlite3",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def test_every_model_change_has_a_migration():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout


def messages(mo_file):
    """What gettext reads from a compiled catalogue: each message and its translations."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            sorted(entry.msgstr_plural.items()),
        )
        for entry in mo_file
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_swedish_translation_is_complete_and_compiled(tmp_path, domain):
    """django: the Python code and templates; djangojs: Wagtail's script strings that its
    Swedish catalogue lacks (core/wagtail_strings.js)."""
    po_path = ROOT / "locale" / "sv" / "LC_MESSAGES" / f"{domain}.po"
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    # The committed .mo is what the .po compiles to (a stale one would miss or keep
    # translations); file times say nothing on a fresh clone.
    fresh_path = tmp_path / f"{domain}.mo"
    catalogue.save_as_mofile(str(fresh_path))
    fresh = polib.mofile(str(fresh_path))
    committed = polib.mofile(str(po_path.with_suffix(".mo")))
    assert len(messages(fresh)) == len(catalogue.translated_entries()) > 0
    assert messages(committed) == messages(fresh)
    for header in ("Language", "Content-Type", "Plural-Forms"):
        assert committed.metadata.get(header) == fresh.metadata.get(header), header


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(load_demo_output):
    first = load_demo_output()
    counts = {model: model.objects.count() for model in apps.get_models()}
    second = load_demo_output()
    assert counts == {model: model.objects.count() for model in apps.get_models()}
    assert "projektledare" in first and "projektledare" not in second


@pytest.mark.django_db
def test_load_demo_replaces_the_wagtail_welcome_page_and_creates_a_user_per_role(
    load_demo_output, client
):
    load_demo_output()
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    users = get_user_model().objects.filter(
        username__in=["projektledare", "gastskribent", "styrgrupp", "projektgrupp"]
    )
    # Each holds their role in the project through their membership, not a global group.
    assert not users.filter(groups__name__in=ROLE_OF_BODY.values()).exists()
    memberships = Membership.objects.filter(person__user__in=users)
    assert sorted(ROLE_OF_BODY[m.body] for m in memberships) == [
        "Gästskribent",
        "Projektgrupp",
        "Projektledare",
        "Styrgrupp",
    ]
    assert {m.project.slug for m in memberships} == {"arbetsmarknadsregionen"}
    assert client.login(username="projektledare", password="demo-projektledare-2012")


def default_cache_folder(**env):
    code = "from website.settings import base; print(base.CACHES['default']['LOCATION'])"
    environment = {
        k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL", "CACHE_DIR")
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_each_database_has_a_cache_folder_of_its_own_that_its_processes_share():
    # Another database's entries (Wagtail's site root paths, the fragment version) would
    # give this one's pages wrong addresses and another site's fragments.
    blog = default_cache_folder(DATABASE_URL="sqlite:////srv/lagesbild/var/blogg.sqlite3")
    other = default_cache_folder(DATABASE_URL="sqlite:////srv/lagesbild/var/prov.sqlite3")
    assert blog != other
    assert Path(blog).parent == ROOT / "var" / "cache"
    assert default_cache_folder(DATABASE_URL="sqlite:////srv/lagesbild/var/blogg.sqlite3") == blog
    chosen = default_cache_folder(DATABASE_URL="sqlite:///x.sqlite3", CACHE_DIR="/srv/cache")
    assert chosen == "/srv/cache"
