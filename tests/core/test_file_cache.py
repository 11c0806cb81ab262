"""The embedded set-up's default cache (core/file_cache.py): Django's file cache, culled
when it passes MAX_ENTRIES, but without listing its folder at every write."""

from core import file_cache


def folder_files(folder):
    return list(folder.glob("*.djcache"))


def make_cache(folder):
    return file_cache.FileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})


def test_it_counts_its_files_at_most_once_a_minute(tmp_path):
    cache = make_cache(tmp_path)
    for n in range(30):
        cache.set(f"sida-{n}", "<html>…</html>")
    assert len(folder_files(tmp_path)) == 30  # counted at the first write only
    assert cache.get("sida-29") == "<html>…</html>"


def test_it_still_culls_when_it_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(file_cache, "CULL_INTERVAL_SECONDS", 0)
    cache = make_cache(tmp_path)
    for n in range(30):
        cache.set(f"sida-{n}", "<html>…</html>")
    assert len(folder_files(tmp_path)) <= 10
