"""`make loadtest`: the site under load as readers meet it after a regional TV story.

Prepares a throw-away database (var/loadtest/): the blog bench's 5 000 posts (filled by
bench/bench_blog.py once and kept under var/bench/blog/) and the demo content. Starts
gunicorn with the production settings on 127.0.0.1 and runs wrk (Debian package `wrk`)
for LOADTEST_SECONDS (30 by default) against the home page, a post, the blog index and the
feed with the page cache on, then again with it off (PAGE_CACHE_SECONDS=0: what a reader
waits for when the page is not cached, and what search and editors always get), plus a
search. Then it stops gunicorn and prints requests per second, p50/p99 latency and errors
beside the targets. Only 127.0.0.1 is ever a target.

The cache is Redis (REDIS_URL, default redis://127.0.0.1:6379/2) when it answers, as in
production; otherwise each worker's local memory.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "loadtest"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "30"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
POSTS = int(os.environ.get("LOADTEST_POSTS", "5000"))
# (page, cache) -> requests per second to reach: issue 22's targets.
TARGETS = {("post", "cached"): 500, ("post", "uncached"): 200, ("blog index", "uncached"): 150}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except Exception:
        return ""


def environment(port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "loadtest-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("LOADTEST_DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}"),
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        "PYTHONWARNINGS": "ignore",
    }
    env.pop("CACHE_URL", None)
    url = redis_url()
    if url:
        env["REDIS_URL"] = url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def blog_database(env):
    """The bench's filled blog of POSTS posts, copied as the loadtest's database."""
    subprocess.run([PYTHON, "bench/bench_blog.py", "--fill-only", str(POSTS)], cwd=ROOT, check=True)
    import sqlite3

    source = sqlite3.connect(ROOT / "var" / "bench" / "blog" / f"blog-{POSTS}.sqlite3")
    target = sqlite3.connect(WORK / "db.sqlite3")
    source.backup(target)
    source.close()
    target.close()


def target_paths(env):
    """Home, a post, the blog index and the feed, found in the demo content; the bench
    blog's when it is there. Paths on their own site (the demo has several sites, so
    get_url() would give whole addresses)."""
    script = r"""
from wagtail.models import Page
pages = Page.objects.live().public().specific().order_by("path")
def path_of(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None
def first(test):
    return next((path_of(p) for p in pages if test(p)), None)
blog = lambda p: p._meta.app_label == "blog"
print("home", first(lambda p: p.depth == 2))
print("post", first(lambda p: blog(p) and "post" in p._meta.model_name)
      or first(lambda p: p._meta.model_name == "standardpage"))
print("blog index", first(lambda p: blog(p) and "index" in p._meta.model_name))
bench = Page.objects.filter(slug="bench-blogg").first()
if bench:
    print("post", path_of(bench) + "inlagg-%d/" % (bench.get_children().count() // 2))
    print("blog index", path_of(bench))
"""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    paths = {}
    for line in output.splitlines():
        name, _, path = line.rpartition(" ")
        if path != "None":
            paths[name] = path
    return paths


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url):
    """Status and content type of one request, without following redirects."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    opener = urllib.request.build_opener(NoRedirects)
    try:
        # The first request of a page makes its image renditions: give it time.
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return None, ""


def find_feed(base, paths):
    candidates = []
    if "blog index" in paths:
        candidates += [paths["blog index"] + "feed/", paths["blog index"] + "rss/"]
    candidates += ["/feed/", "/rss/", "/blogg/feed/"]
    for path in candidates:
        status, content_type = fetch(base + path)
        if status == 200 and "xml" in content_type:
            return path
    return None


def wait_until_up(base, process):
    for _ in range(100):
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered; see the output above.")
        if fetch(base + "/")[0] is not None:
            return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 20 s.")


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url):
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            "1",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{SECONDS}s",
            "--timeout",
            "5s",
            "--latency",
            "--header",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {
        pct: to_ms(value, unit)
        for pct, value, unit in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s|m)\b", out)
    }
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    if errors:
        # Which kind (connect, read, write, timeout, status), for whoever reads the run.
        for line in out.splitlines():
            if "Socket errors" in line or "Non-2xx" in line:
                print(f"   {line.strip()}", flush=True)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "requests": requests,
        "errors": errors,
    }


class Gunicorn:
    """gunicorn with the production settings and gunicorn.conf.py on a free port, stopped on
    leaving."""

    def __init__(self, env):
        self.env = env
        self.base = f"http://127.0.0.1:{free_port()}"

    def __enter__(self):
        self.process = subprocess.Popen(
            # The shipped gunicorn.conf.py (worker class, threads, keep-alive), with WORKERS.
            [
                str(BIN / "gunicorn"),
                "website.wsgi",
                "-c",
                "gunicorn.conf.py",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={
                **self.env,
                "GUNICORN_BIND": self.base.removeprefix("http://"),
                "GUNICORN_WORKERS": str(WORKERS),
                "GUNICORN_ACCESS_LOG": "",
            },
            start_new_session=True,
        )
        wait_until_up(self.base, self.process)
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def load(server, name, path, mode):
    url = server.base + path
    status, _ = fetch(url)  # the first request fills the cache, as a first reader's
    if status != 200:
        raise SystemExit(f"{url} answered {status}, not 200: nothing to measure.")
    print(f"== {SECONDS} s of wrk on {name} {path} ({mode})", flush=True)
    return (name, path, mode, run_wrk(url))


def main():
    if not shutil.which("wrk"):
        raise SystemExit("make loadtest needs wrk: apt-get install wrk")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = environment(0)
    if POSTS and not env["DATABASE_URL"].startswith("postgres"):
        print(f"== the bench blog of {POSTS} posts (bench/bench_blog.py)", flush=True)
        blog_database(env)
        env["MEDIA_ROOT"] = str(ROOT / "var" / "bench" / "blog" / "media")
    print("== preparing the site (production settings, var/loadtest/)", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    paths = target_paths(env)
    cache = "Redis " + env["REDIS_URL"] if env.get("REDIS_URL") else "local memory per worker"
    rows = []
    load_before = os.getloadavg()[0]
    for mode, seconds in (("cached", None), ("uncached", "0")):
        run_env = {**env, "PAGE_CACHE_SECONDS": seconds} if seconds else env
        with Gunicorn(run_env) as server:
            print(f"== gunicorn on {server.base}, {WORKERS} workers, {mode}, cache: {cache}")
            if "feed" not in paths and (feed := find_feed(server.base, paths)):
                paths["feed"] = feed
            names = ["home", "post", "blog index", "feed"]
            if mode == "uncached":
                paths["search"] = "/sok/?q=arbetsgivare"
                names.append("search")
            for name in names:
                if name not in paths:
                    print(f"   ({name}: not in the demo content yet, skipped)")
                    continue
                rows.append(load(server, name, paths[name], mode))
    load_after = os.getloadavg()[0]
    print()
    # On a shared machine the figures fall with what else runs: say how busy it was.
    print(
        f"load average (1 min) {load_before:.1f} before, {load_after:.1f} after, on "
        f"{os.cpu_count()} cores; {WORKERS} gunicorn workers as gunicorn.conf.py sets them up, "
        f"{CONNECTIONS} connections"
    )
    header = f"{'page':<11} {'cache':<9} {'path':<28} {'req/s':>8} {'target':>8} {'p50 ms':>8} "
    header += f"{'p99 ms':>8} {'requests':>9} {'errors':>7}"
    print(header)
    failed = False
    for name, path, mode, r in rows:
        target = TARGETS.get((name, mode))
        verdict = ""
        if target:
            met = r["rps"] >= target
            verdict = f">= {target} " + ("met" if met else "MISSED")
            failed = failed or not met
        failed = failed or bool(r["errors"])
        print(
            f"{name:<11} {mode:<9} {path:<28} {r['rps']:>8.0f} {verdict:>8} {r['p50']:>8.1f} "
            f"{r['p99']:>8.1f} {r['requests']:>9} {r['errors']:>7}"
        )
    print(
        "\ntargets (req/s, 0 errors): "
        + ", ".join(f"{page} {mode} >= {rps}" for (page, mode), rps in TARGETS.items())
        + ": "
        + ("MISSED" if failed else "met")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
