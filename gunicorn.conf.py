"""gunicorn's settings for Lägesbild (read by itself from the folder gunicorn is started
in; the README's command). Values can be changed through the environment.

- No request needs more than a few seconds: exports over EXPORT_BACKGROUND_ROWS rows and
  the WordPress import run in `db_worker`, and reading a spreadsheet stops after
  SPREADSHEET_MAX_SECONDS (20 s). A worker stuck for `timeout` seconds is killed and
  replaced, so one bad request cannot hold a worker for ever.
- Workers are not replaced after a number of requests (`max_requests` 0): replacing one
  every 2 000 requests cost the cached pages two thirds of their throughput under load
  (1 445 → 4 065 req/s for a post in `make loadtest` without it, p99 696 → 19 ms) and
  broke the keep-alive connections the old worker held (a few read errors a restart). Set
  GUNICORN_MAX_REQUESTS (e.g. 100000) if a worker's memory is ever seen to grow. On
  `kill -HUP` (a deploy) each worker finishes its requests for up to `graceful_timeout`
  seconds.
- Threads: a request mostly waits for the database, so each process serves a few at a
  time (`gthread`). Two processes per core, plus one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10))
# No keep-alive: a connection kept open stays with the worker that accepted it, and a
# handful of them (a proxy's pooled connections, or wrk's 32) were often all accepted by one
# worker while the other idled: uncached pages served half as many requests in about half
# of `make loadtest`'s runs (blog index 76-80 req/s against 141-191 with both busy). A new
# connection per request goes to whichever worker is free: 144-182 in every run. Cached
# pages pay for the handshakes (a post 2 630 -> 1 730 req/s) and stay far above target.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
# The proxy on this machine sets X-Forwarded-Proto (settings: SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Workers' heartbeat files in memory: a slow disk never makes a worker look dead.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# Errors to stderr (the service's log); the proxy keeps the access log.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
