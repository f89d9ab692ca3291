#!/usr/bin/python3
"""The benchmark of cocreate (issue 6): `make bench`.

Usage: /usr/bin/python3 tests/bench/bench.py [--bin ./cocreate]
           [--hello build/bench-hello]

1. Makes (once, cached in tests/bench/out/data/ until gen.py or schema.sql
   change) a database of 10,000 submitted proposals and 50,000 comments, and
   one of 100,000 proposals for the exports (tests/bench/gen.py).
2. Copies the first into a fresh STATE (tests/bench/out/state) and starts
   nginx and the app exactly as `make run` does: deploy/run.sh with PORT (a
   free one), STATE, BIN and WORKERS.
3. Starts a second nginx from a copy of the very config run.sh generated,
   on another free port, whose upstream is the bare libfcgi responder
   (tests/bench/hello.c, WORKERS prefork processes, the same socket backlog)
   answering the bytes the app answered for /proposals (F), and with one
   extra exact location serving those bytes as a static file (S).
4. Measures with wrk on 127.0.0.1 (BENCH_CONNECTIONS connections, --latency
   percentiles, BENCH_WARMUP seconds of warm-up, then BENCH_SECONDS):
   F, S, the pages each just after F once more (a page's "vs F" is
   against the F before and after it), F again, then F answering each
   other page's own bytes
   and headers ("F=", the cost of FastCGI for as many bytes) (waiting for
   the app to be idle between measurements); the workers' memory before and after BENCH_REQUESTS
   requests to /proposals/{id}; the disk's write+fsync rate in
   STATE; POST /proposals submissions (the form with a csrf cookie and
   token, action=submit), checked against the rows written.
5. Stops everything (also on Ctrl-C, SIGTERM or a failure), then times the
   CSV, JSON and ODT exports of 10,000 and 100,000 proposals with
   /usr/bin/time -v (seconds, peak resident memory).
6. Prints one table and writes the same as JSON to
   tests/bench/out/bench-DATE.json (and latest.json).  Beside each
   throughput measurement, the CPU time a request took of the app (or
   F's responder), of nginx and of wrk (user + system time of their
   processes over the measurement, divided by its requests), and of every
   core ("all", /proc/stat): where a page's time goes next to F's.

The targets of issue 6 are measured and reported, never asserted: the exit
status is 1 only when the harness itself failed (a page answered an error,
a server did not start).  Environment:

  BENCH_SECONDS (10)       each measurement
  BENCH_WARMUP (3)         warm-up before each measurement
  BENCH_REQUESTS (1000000) requests of the worker-memory run, to
                           /proposals/{id} (or BENCH_MEMORY_PATH), for at
                           most BENCH_MEMORY_SECONDS (1800)
  BENCH_CONNECTIONS (64)   wrk connections; BENCH_THREADS (2) wrk threads
  WORKERS (8)              app workers, and hello's
  BENCH_LARGE (100000)     proposals of the large export database
  BENCH_SKIP               comma list of parts to skip: pages, search,
                           memory, post, exports, large
  BENCH_SQL                a file of SQL run on the benchmark's databases
                           after `cocreate init` (to measure, say, an index
                           before proposing it in schema.sql)
  BENCH_NGINX_CONF         an nginx.conf.in to use instead of deploy/'s, for
                           the app's nginx (to measure a setting before
                           proposing it; run.sh is run from a copy of deploy/)
  BENCH_KEEPALIVE (0)      N: measure deploy/nginx.conf.in with upstream
                           `keepalive N;` and `fastcgi_keep_conn on;` added
                           (for both nginx; give WORKERS >= N)
  BENCH_KEEP (0)           1: keep STATE and the export files
"""

import argparse
import datetime
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "out")
DATA = os.path.join(OUT, "data")


def env_int(name, default):
    v = os.environ.get(name, "")
    return int(v) if v.strip() else default


SECONDS = env_int("BENCH_SECONDS", 10)
WARMUP = env_int("BENCH_WARMUP", 3)
REQUESTS = env_int("BENCH_REQUESTS", 1000000)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 64)
THREADS = env_int("BENCH_THREADS", 2)
WORKERS = env_int("WORKERS", 8)
LARGE = env_int("BENCH_LARGE", 100000)
SKIP = set(x.strip() for x in os.environ.get("BENCH_SKIP", "").split(",") if x.strip())
EXTRA_SQL = os.environ.get("BENCH_SQL", "")
NGINX_CONF = os.environ.get("BENCH_NGINX_CONF", "")
KEEPALIVE = env_int("BENCH_KEEPALIVE", 0)
KEEP = os.environ.get("BENCH_KEEP", "0") not in ("", "0")
MEMORY_PATH = os.environ.get("BENCH_MEMORY_PATH", "")
MEMORY_SECONDS = env_int("BENCH_MEMORY_SECONDS", 1800)

# Headers nginx sets itself or that describe one response only.
HOP = {"server", "date", "connection", "content-length", "transfer-encoding",
       "keep-alive", "set-cookie"}
# What nginx adds to a static file.
STATIC = {"last-modified", "etag", "accept-ranges"}


def say(msg):
    print("bench: " + msg, flush=True)


class Failure(Exception):
    pass


# ---------------------------------------------------------------- processes

class Proc:
    """A process started in its own session, stopped with its whole
    process group (SIGTERM, then SIGKILL after 10 s)."""

    running = []

    def __init__(self, name, argv, log, env=None, cwd=ROOT):
        self.name = name
        self.log = open(log, "ab")
        self.p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                  stdout=self.log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        Proc.running.append(self)

    @property
    def pid(self):
        return self.p.pid

    def alive(self):
        return self.p.poll() is None

    def stop(self):
        if self not in Proc.running:
            return
        Proc.running.remove(self)
        pg = self.p.pid
        try:
            os.killpg(pg, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if self.p.poll() is not None and not group_alive(pg):
                break
            time.sleep(0.05)
        else:
            say("%s: still running 10 s after SIGTERM; SIGKILL" % self.name)
            try:
                os.killpg(pg, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self.log.close()

    @classmethod
    def stop_all(cls):
        for p in reversed(list(cls.running)):
            p.stop()


def group_alive(pg):
    try:
        os.killpg(pg, 0)
        return True
    except ProcessLookupError:
        return False


def on_signal(sig, frame):
    raise KeyboardInterrupt("signal %d" % sig)


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def http_get(port, path, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        c.close()


def wait_http(port, path, proc, timeout=20):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not proc.alive():
            raise Failure("%s exited before it answered" % proc.name)
        try:
            status, _, _ = http_get(port, path)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise Failure("%s: no answer on port %d in %d s" % (proc.name, port, timeout))


def processes():
    """(pid, comm, the fields after comm) of every process: state, ppid,
    pgrp, session, ..., utime and stime at 11 and 12 (proc(5) fields 3
    on).  comm may hold spaces and parentheses."""
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        yield (int(d), st[st.index("(") + 1:st.rindex(")")],
               st[st.rindex(")") + 2:].split())


def children(pid):
    """The pids whose parent is pid."""
    return sorted(p for p, _, f in processes() if int(f[1]) == pid)


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def cpu_ticks():
    """CPU time (utime + stime, clock ticks) of the processes the harness
    started (their sessions: each Proc has its own), by program: "server"
    (the app or the bare responder), "nginx"; and "all", every core's busy
    time since boot (/proc/stat)."""
    sessions = {p.pid for p in Proc.running}
    out = {"server": 0, "nginx": 0, "all": 0}
    for _, comm, f in processes():
        if int(f[3]) not in sessions:
            continue
        who = "nginx" if comm == "nginx" else \
            "server" if comm in ("cocreate", "bench-hello") else None
        if who:
            out[who] += int(f[11]) + int(f[12])
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    out["all"] = sum(v) - v[3] - v[4]   # all but idle and iowait
    return out


def memory(pid):
    """{VmRSS, RssAnon, RssFile, RssShmem} of a process, in KiB."""
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out


# ---------------------------------------------------------------- wrk

def wrk(url, seconds, script=None, connections=CONNECTIONS, env=None,
        latency=True):
    argv = ["wrk", "-t%d" % min(THREADS, connections), "-c%d" % connections,
            "-d%ds" % seconds, "--timeout", "10s"]
    if latency:
        argv.append("--latency")
    argv += ["-s", script or os.path.join(HERE, "report.lua"), url]
    t0 = os.times()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=env, timeout=seconds + 60)
    t1 = os.times()
    text = p.stdout.decode("utf-8", "replace")
    m = re.search(r"^BENCHJSON (\{.*\})$", text, re.M)
    if p.returncode != 0 or m is None:
        raise Failure("wrk %s failed (%d):\n%s" % (url, p.returncode, text))
    r = json.loads(m.group(1))
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0
    r["errors"] = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    r["transferred"] = r.pop("bytes")
    r["wrk_cpu_s"] = (t1.children_user - t0.children_user +
                      t1.children_system - t0.children_system)
    return r


def drain(url, timeout=300):
    """Waits until the server behind url is idle again: when wrk stops, the
    requests of its open connections are abandoned, but those already
    queued on the app's socket are still answered (to no one), and would
    slow down the next measurement.  A request answered in under 20 ms
    means the queue ahead of it is empty."""
    if not url:
        return
    u = urllib.parse.urlsplit(url)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        t = time.monotonic()
        try:
            http_get(u.port, u.path)
        except OSError:
            pass
        if time.monotonic() - t < 0.02:
            return
    raise Failure("%s: still busy %d s after wrk stopped" % (url, timeout))


def measure(name, url, script=None, env=None, seconds=None, warmup=None,
            idle=None):
    """Warm-up, then the measurement; idle: a URL of the same server to
    wait on (drain) before and after each."""
    seconds = SECONDS if seconds is None else seconds
    warmup = WARMUP if warmup is None else warmup
    drain(idle)
    if warmup > 0:
        wrk(url, warmup, script, env=env, latency=False)
        drain(idle)
    c0 = cpu_ticks()
    r = wrk(url, seconds, script, env=env)
    c1 = cpu_ticks()
    # CPU per request of each program (wrk's own from its rusage): where
    # a page's time goes, beside F's.
    if r["requests"]:
        us = 1e6 / os.sysconf("SC_CLK_TCK") / r["requests"]
        r["cpu_us"] = {k: (c1[k] - c0[k]) * us for k in c0}
        r["cpu_us"]["wrk"] = r["wrk_cpu_s"] * 1e6 / r["requests"]
    drain(idle)
    say("%-34s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s" % (
        name, r["rps"], r["p50_us"] / 1000, r["p99_us"] / 1000,
        "  ERRORS %d" % r["errors"] if r["errors"] else ""))
    return r


# ---------------------------------------------------------------- data

def stamp():
    h = hashlib.sha256()
    for p in ("tests/bench/gen.py", "schema.sql"):
        with open(os.path.join(ROOT, p), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def dataset(bin_path, name, proposals, comments):
    """The cached database of `proposals` proposals: (path, facts)."""
    os.makedirs(DATA, exist_ok=True)
    db = os.path.join(DATA, "%s.db" % name)
    meta = os.path.join(DATA, "%s.json" % name)
    key = stamp()
    try:
        with open(meta) as f:
            facts = json.load(f)
        if facts.get("stamp") == key and facts.get("submitted") == proposals \
                and os.path.exists(db):
            return db, facts
    except (OSError, ValueError):
        pass
    say("generating %s: %d proposals, %d comments" % (db, proposals, comments))
    t = time.monotonic()
    p = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen.py"),
                        "--bin", bin_path, "--db", db,
                        "--proposals", str(proposals), "--comments", str(comments)],
                       stdout=subprocess.PIPE, check=True)
    facts = json.loads(p.stdout)
    facts["stamp"] = key
    facts["seconds"] = round(time.monotonic() - t, 1)
    with open(meta, "w") as f:
        json.dump(facts, f)
    return db, facts


def copy_db(src, dst, bin_path=None):
    """A copy of the database src and of its search index's file (which
    `cocreate init` would otherwise build anew)."""
    for suffix in ("", "-wal", "-shm", "-search", "-search-wal", "-search-shm"):
        if os.path.exists(dst + suffix):
            os.unlink(dst + suffix)
    for suffix in ("", "-search"):
        if not os.path.exists(src + suffix):
            continue
        c = sqlite3.connect(src + suffix)
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
        shutil.copyfile(src + suffix, dst + suffix)
    c = sqlite3.connect(dst)
    # A deadline ahead, whenever the cached data was made.
    ahead = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    c.execute("UPDATE settings SET value = ? WHERE key = 'deadline'",
              (ahead.strftime("%Y-%m-%dT%H:%M:%SZ"),))
    c.commit()
    c.close()
    if bin_path:
        # The schema of the binary measured (run.sh does this for the app).
        subprocess.run([bin_path, "init", "--db", dst], check=True,
                       stdout=subprocess.DEVNULL)
        extra_sql(dst)


def extra_sql(db):
    """Runs BENCH_SQL on db: after `cocreate init`, which would make again
    an index the SQL drops."""
    if not EXTRA_SQL:
        return
    c = sqlite3.connect(db, timeout=30)
    with open(EXTRA_SQL) as f:
        c.executescript(f.read())
    c.commit()
    c.close()


# ---------------------------------------------------------------- nginx copies

def derive_conf(conf, state, port, sub, socket_path, extra_locations="",
                strip_limits=False):
    """A copy of run.sh's nginx config for a second nginx: its own port,
    files under STATE/sub/, upstream socket_path, extra locations before
    `location / {`; the rest (workers, buffers, fastcgi params, headers)
    untouched."""
    base = os.path.join(state, sub)
    os.makedirs(os.path.join(base, "tmp"), exist_ok=True)
    app_sock = "unix:%s/cocreate.sock" % state
    if conf.count(app_sock) < 1:
        raise Failure("nginx config: no upstream %s" % app_sock)
    conf = conf.replace(app_sock, "@SOCKET@")
    conf = conf.replace(state + "/", base + "/")
    conf = conf.replace("@SOCKET@", "unix:" + socket_path)
    listen = re.findall(r"listen\s+127\.0\.0\.1:\d+", conf)
    if len(listen) != 1:
        raise Failure("nginx config: expected one listen 127.0.0.1:PORT")
    conf = conf.replace(listen[0], "listen 127.0.0.1:%d" % port)
    if strip_limits:
        conf = re.sub(r"(?m)^\s*limit_req\w*\s[^;]*;\s*$\n?", "", conf)
    if extra_locations:
        at = [m.start() for m in re.finditer(r"(?m)^[ \t]*location / \{", conf)]
        if len(at) != 1:
            raise Failure("nginx config: expected one `location / {`")
        conf = conf[:at[0]] + extra_locations + conf[at[0]:]
    return conf


def start_nginx(name, conf_text, state, sub):
    base = os.path.join(state, sub)
    path = os.path.join(base, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf_text)
    p = subprocess.run(["nginx", "-t", "-c", path, "-p", base, "-e",
                        os.path.join(base, "nginx-error.log")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        raise Failure("%s: nginx -t: %s" % (name, p.stdout.decode()))
    return Proc(name, ["nginx", "-c", path, "-p", base, "-e",
                       os.path.join(base, "nginx-error.log"), "-g", "daemon off;"],
                os.path.join(base, "stdout.log"))


def nginx_quote(v):
    return '"%s"' % v.replace("\\", "\\\\").replace('"', '\\"')


# ---------------------------------------------------------------- parts

def hello_response(path, headers, body):
    """The whole CGI response bench-hello answers: status, the app's
    headers (hop-by-hop ones left out), Content-Length, blank line, body."""
    head = "Status: 200 OK\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + \
        "Content-Length: %d\r\n\r\n" % len(body)
    with open(path, "wb") as f:
        f.write(head.encode("latin-1") + body)


def fsync_rate(directory, seconds):
    """write(4 KiB) + fsync() on a file in directory, as fast as it goes,
    for `seconds`: (fsyncs per second, fdatasyncs per second)."""
    out = []
    block = b"\xa5" * 4096
    for sync in (os.fsync, os.fdatasync):
        path = os.path.join(directory, "fsync-test")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        n = 0
        try:
            t0 = time.monotonic()
            end = t0 + seconds / 2
            while True:
                os.write(fd, block)
                sync(fd)
                n += 1
                if n % 1000 == 0:
                    os.lseek(fd, 0, os.SEEK_SET)
                if time.monotonic() >= end:
                    break
            out.append(n / (time.monotonic() - t0))
        finally:
            os.close(fd)
            os.unlink(path)
    return out


def post_form(port, facts, db):
    """GETs /proposals/new as a browser does; returns (body, cookie) of a
    complete submission, its text taken from a real proposal."""
    status, headers, body = http_get(port, "/proposals/new")
    if status != 200:
        raise Failure("GET /proposals/new: %d" % status)
    cookie = None
    for k, v in headers:
        if k.lower() == "set-cookie" and v.startswith("cc_csrf="):
            cookie = v.split(";", 1)[0]
    m = re.search(rb'<input type="hidden" name="csrf" value="([^"]*)">', body)
    if cookie is None or m is None:
        raise Failure("GET /proposals/new: no cc_csrf cookie or csrf field")
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    row = c.execute("SELECT title, problem, commitment, contribution, relevance, "
                    "submitter FROM proposals WHERE id = ?",
                    (facts["proposal"],)).fetchone()
    c.close()
    fields = [("csrf", m.group(1).decode()), ("action", "submit"), ("kind", "add"),
              ("target_item", ""), ("title", row[0]), ("lead_agency", "ndc"),
              ("lead_agency_other", ""), ("problem", row[1]),
              ("commitment", row[2]), ("contribution", row[3]),
              ("value", "transparency"), ("value", "participation"),
              ("relevance", row[4]), ("submitter", row[5]),
              ("phone", "02-2316-5300"), ("email", "bench@example.org")]
    return urllib.parse.urlencode(fields, encoding="utf-8"), cookie


def count_proposals(db):
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    try:
        return c.execute("SELECT count(*) FROM proposals").fetchone()[0]
    finally:
        c.close()


def index_waiting(db):
    """Marks the search index (db-search) has yet to take in."""
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    try:
        c.execute("ATTACH ? AS ix", ("file:%s-search?mode=ro" % db,))
        return c.execute("SELECT count(*) FROM search_marks WHERE id > "
                         "(SELECT mark FROM ix.index_state)").fetchone()[0]
    finally:
        c.close()


def index_settle(db, url, timeout=300):
    """Asks url until the workers, who index after answering, have taken
    in every mark: (marks waiting at first, seconds)."""
    u = urllib.parse.urlsplit(url)
    first = index_waiting(db)
    t0 = time.monotonic()
    while index_waiting(db):
        if time.monotonic() - t0 > timeout:
            raise Failure("the search index did not catch up in %d s" % timeout)
        http_get(u.port, u.path)
        time.sleep(0.01)
    return first, time.monotonic() - t0


def timed(argv):
    """Runs argv under /usr/bin/time -v: (seconds, peak RSS KiB)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        raise Failure("%s failed (%d): %s" % (" ".join(argv), p.returncode, err[-2000:]))
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", err)
    parts = [float(x) for x in m.group(1).split(":")]
    secs = 0.0
    for x in parts:
        secs = secs * 60 + x
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    return secs, rss


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    def out(argv):
        try:
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            return p.stdout.decode("utf-8", "replace").strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    commit = out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", ROOT, "diff", "--quiet", "HEAD", "--",
                            "src", "templates", "schema.sql", "deploy"]).returncode
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem,
        "kernel": platform.release(), "loadavg": os.getloadavg(),
        "nginx": out(["nginx", "-v"]), "wrk": out(["wrk", "-v"]),
        "sqlite": sqlite3.sqlite_version,
        "commit": commit + ("+changes" if dirty else ""),
    }


# ---------------------------------------------------------------- the run

# Searches of the generated text (gen.py): a two-character word in about
# half the docs (FTS5 merges every token it begins), a phrase in a sixth,
# a phrase in a handful, and a list filtered by the common word.
SEARCHES = [
    ("/search?q=公開 (a common word)", "/search?q=公開"),
    ("/search?q=洗錢防制 (a common phrase)", "/search?q=洗錢防制"),
    ("/search?q=開放資料 (a rare phrase)", "/search?q=開放資料"),
    ("/proposals?q=公開 (list filter)", "/proposals?q=公開"),
]


def run(a, res):
    bin_path = os.path.abspath(a.bin)
    hello = os.path.abspath(a.hello)
    for p in (bin_path, hello):
        if not os.access(p, os.X_OK):
            raise Failure("%s: not built (make all %s)" % (p, a.hello))
    os.makedirs(OUT, exist_ok=True)
    res["machine"] = machine()
    res["settings"] = {"seconds": SECONDS, "warmup": WARMUP, "requests": REQUESTS,
                       "connections": CONNECTIONS, "threads": THREADS,
                       "workers": WORKERS, "large": LARGE, "skip": sorted(SKIP),
                       "sql": EXTRA_SQL, "nginx_conf": NGINX_CONF,
                       "keepalive": KEEPALIVE}

    db10, facts = dataset(bin_path, "bench-10k", 10000, 50000)
    res["data"] = facts
    state = os.path.join(OUT, "state")
    shutil.rmtree(state, ignore_errors=True)
    os.makedirs(state)
    res["_state"] = state
    db = os.path.join(state, "cocreate.db")
    copy_db(db10, db)

    # nginx and the app as `make run` starts them.
    port = free_port()
    env = dict(os.environ, PORT=str(port), STATE=state, BIN=bin_path,
               WORKERS=str(WORKERS))
    env.pop("DEADLINE", None)
    run_sh = os.path.join(ROOT, "deploy", "run.sh")
    if NGINX_CONF or KEEPALIVE:
        # The same run.sh and nginx-conf.sh from a copy of deploy/ whose
        # nginx.conf.in is the one to measure (they find it by their path).
        alt = os.path.join(state, "alt")
        os.makedirs(os.path.join(alt, "deploy"))
        for f in ("run.sh", "nginx-conf.sh"):
            shutil.copy(os.path.join(ROOT, "deploy", f), os.path.join(alt, "deploy", f))
        with open(NGINX_CONF or os.path.join(ROOT, "deploy", "nginx.conf.in")) as f:
            text = f.read()
        if KEEPALIVE:
            text, n1 = re.subn(r"(?m)^([ \t]*)(upstream cocreate \{\n)",
                               r"\1\2\1\tkeepalive %d;\n" % KEEPALIVE, text)
            text, n2 = re.subn(r"(?m)^([ \t]*)(location / \{\n)",
                               r"\1\2\1\tfastcgi_keep_conn on;\n", text)
            if n1 != 1 or n2 != 1:
                raise Failure("BENCH_KEEPALIVE: no `upstream cocreate {` or "
                              "`location / {` in nginx.conf.in")
        with open(os.path.join(alt, "deploy", "nginx.conf.in"), "w") as f:
            f.write(text)
        os.symlink(os.path.join(ROOT, "static"), os.path.join(alt, "static"))
        os.symlink(bin_path, os.path.join(alt, "cocreate"))
        run_sh = os.path.join(alt, "deploy", "run.sh")
    say("starting deploy/run.sh on 127.0.0.1:%d, STATE=%s, WORKERS=%d"
        % (port, state, WORKERS))
    app = Proc("deploy/run.sh", ["bash", run_sh], os.path.join(state, "run.out"), env=env)
    wait_http(port, "/healthz", app)
    # The workers prepare their statements again when the schema changes.
    extra_sql(db)
    base = "http://127.0.0.1:%d" % port
    with open(os.path.join(state, "nginx.conf")) as f:
        conf = f.read()

    pages = [
        ("/", "/"),
        ("/proposals", "/proposals"),
        ("/proposals/{id} (10 comments)", "/proposals/%d" % facts["proposal"]),
        ("/commitments/{id}", "/commitments/%d" % facts["item"]),
        ("/agencies/{slug}", "/agencies/%s" % facts["agency"]),
        ("/meetings.ics", "/meetings.ics"),
    ]
    sizes, answers = {}, {}
    for label, path in pages:
        status, h, body = http_get(port, path)
        if status != 200:
            raise Failure("GET %s: %d" % (path, status))
        sizes[path] = len(body)
        answers[path] = (h, body)
    status, headers, page = http_get(port, "/proposals")
    if page.count(b'href="/proposals/') < 20:
        raise Failure("/proposals does not list 20 proposals")

    # S and F: the same bytes, through a copy of the same nginx config.
    kept = [(k, v) for k, v in headers if k.lower() not in HOP]
    bdir = os.path.join(state, "bench")
    os.makedirs(bdir)
    static = os.path.join(bdir, "proposals.html")
    with open(static, "wb") as f:
        f.write(page)
    ctype = dict((k.lower(), v) for k, v in kept).get("content-type", "text/html")
    hello_response(os.path.join(bdir, "hello.response"), kept, page)
    loc = ("\t\tlocation = /_bench/proposals.html {\n"
           "\t\t\talias %s;\n\t\t\ttypes { }\n\t\t\tdefault_type %s;\n"
           "\t\t\tcharset off;\n" % (static, ctype.split(";")[0]) +
           "".join("\t\t\tadd_header %s %s always;\n" % (k, nginx_quote(v))
                   for k, v in kept if k.lower() != "content-type") +
           "\t\t}\n\n")
    if "charset=" in ctype:
        loc = loc.replace("\t\t\tcharset off;\n", "\t\t\tcharset %s;\n"
                          % ctype.split("charset=")[1].strip())
    hsock = os.path.join(state, "hello.sock")
    hproc = Proc("bench-hello", [hello, hsock, str(WORKERS),
                                 os.path.join(bdir, "hello.response")],
                 os.path.join(state, "hello.log"))
    fport = free_port()
    fng = start_nginx("nginx (F, S)", derive_conf(conf, state, fport, "nginx-fs",
                                                  hsock, loc), state, "nginx-fs")
    wait_http(fport, "/_bench/proposals.html", fng)
    fbase = "http://127.0.0.1:%d" % fport
    for what, path in (("F", "/proposals"), ("S", "/_bench/proposals.html")):
        status, h, body = http_get(fport, path)
        if status != 200 or body != page:
            raise Failure("%s: status %d, %d bytes, not the bytes of /proposals"
                          % (what, status, len(body)))
        if sorted((k.lower(), v) for k, v in h if k.lower() not in HOP | STATIC) != \
                sorted((k.lower(), v) for k, v in kept):
            say("note: %s headers differ from the app's: %r" % (what, h))
    if not hproc.alive():
        raise Failure("bench-hello exited")

    rows = res["rows"]
    # The copies of the databases just made are still being written out:
    # the kernel's writeback, some 30 s after the copy, took CPU from the
    # first measurements (F ran 5-20% below F again in four runs).
    os.sync()
    if "pages" not in SKIP:
        rows.append(dict(name="F  bare libfcgi, same bytes", key="F", path="/proposals",
                         body_bytes=len(page), **measure("F", fbase + "/proposals",
                                                         idle=fbase + "/proposals")))
        rows.append(dict(name="S  static nginx, same bytes", key="S",
                         path="/_bench/proposals.html", body_bytes=len(page),
                         **measure("S", fbase + "/_bench/proposals.html",
                                   idle=fbase + "/proposals")))
        # F again just before each page: each page is set against the F
        # measured beside it (the mean of the one before and the one
        # after), not against F at the start, which ran 9-24% below F
        # again in four runs of 2026-11-29 and pulled the mean of the two
        # down (drift within a run is the machine's, and moves a page and
        # the F beside it alike).
        for label, path in pages:
            rows.append(dict(name="F  before %s" % label, key="F@" + path,
                             path="/proposals", body_bytes=len(page), beside=True,
                             **measure("F before " + path, fbase + "/proposals",
                                       idle=fbase + "/proposals")))
            rows.append(dict(name=label, key=path, path=path, body_bytes=sizes[path],
                             page=True, **measure(label, base + path,
                                                  idle=base + "/healthz")))
        rows.append(dict(name="F  again, after the pages", key="F2", path="/proposals",
                         body_bytes=len(page), **measure("F again", fbase + "/proposals",
                                                         idle=fbase + "/proposals")))
    hproc.stop()
    # F once more for each page of other bytes than /proposals: the bare
    # responder answering that page's own bytes and headers, so a page's
    # cost can also be set beside FastCGI's cost for as many bytes.
    if "pages" not in SKIP:
        for label, path in pages:
            h, body = answers[path]
            if body == page:
                continue
            fresp = os.path.join(bdir, "hello%s.response" % re.sub(r"\W", "_", path))
            hello_response(fresp, [(k, v) for k, v in h if k.lower() not in HOP], body)
            hproc = Proc("bench-hello", [hello, hsock, str(WORKERS), fresp],
                         os.path.join(state, "hello.log"))
            wait_http(fport, path, fng)
            status, _, got = http_get(fport, path)
            if status != 200 or got != body:
                raise Failure("F with the bytes of %s: status %d, %d bytes"
                              % (path, status, len(got)))
            rows.append(dict(name="F= %s" % label, key="F=" + path, path=path,
                             body_bytes=len(body), same_bytes_as=path,
                             **measure("F with the bytes of " + path, fbase + path,
                                       idle=fbase + path)))
            hproc.stop()
    fng.stop()

    # Search, one request at a time: its latency, not a page's throughput
    # (a search does far more than a page, and is far rarer).
    res["search"] = []
    if "search" not in SKIP:
        for label, path in SEARCHES:
            q = path.split("q=", 1)[1]
            url = base + path.split("q=", 1)[0] + "q=" + urllib.parse.quote(q)
            status, _, body = http_get(port, url[len(base):])
            m = re.search(r"共 (\d+) (?:筆|件)".encode(), body)
            if status != 200 or m is None:
                raise Failure("GET %s: %d" % (path, status))
            r = wrk(url, max(SECONDS // 2, 1), connections=1)
            r.update(name=label, path=path, matches=int(m.group(1)))
            say("%-34s %6d matches  p50 %7.2f ms  p99 %7.2f ms" % (
                label, r["matches"], r["p50_us"] / 1000, r["p99_us"] / 1000))
            res["search"].append(r)

    # Worker memory over BENCH_REQUESTS requests to /proposals.
    master = [p for p in children(app.pid) if b"serve" in cmdline(p)]
    if len(master) != 1:
        raise Failure("cannot find the `cocreate serve` process under run.sh")
    workers = children(master[0])
    # Submissions, and the disk's own fsync rate beside them.
    if "post" not in SKIP and KEEPALIVE and re.search(r"\blimit_req", conf):
        # POSTs go through a second nginx without the limit, but the app's
        # nginx keeps idle connections, and so every worker: it would wait.
        say("POST skipped: BENCH_KEEPALIVE and a limit_req in the config")
    elif "post" not in SKIP:
        # Both on a disk with no writes of the pages' runs pending.
        drain(base + "/healthz")
        os.sync()
        fs, fds = fsync_rate(state, max(2, SECONDS))
        rows.append(dict(name="disk: write 4 KiB + fsync", key="fsync", rps=fs,
                         fdatasync=fds, requests=0, errors=0))
        say("disk: %.0f write+fsync/s, %.0f write+fdatasync/s in %s" % (fs, fds, state))
        pport, pbase = port, base
        if re.search(r"\blimit_req", conf):
            # A POST rate limit would measure nginx's limit, not the app:
            # a copy of the config without it, in front of the same app.
            pport = free_port()
            png = start_nginx("nginx (POST, no limit_req)",
                              derive_conf(conf, state, pport, "nginx-post",
                                          os.path.join(state, "cocreate.sock"),
                                          strip_limits=True), state, "nginx-post")
            wait_http(pport, "/healthz", png)
            pbase = "http://127.0.0.1:%d" % pport
            say("POST through a copy of the nginx config without limit_req")
        body, cookie = post_form(pport, facts, db)
        with open(os.path.join(bdir, "post.body"), "w") as f:
            f.write(body)
        script = os.path.join(bdir, "post.lua")
        with open(script, "w") as f:
            for part in ("post.lua", "report.lua"):
                with open(os.path.join(HERE, part)) as g:
                    f.write(g.read())
        penv = dict(os.environ, BENCH_POST_BODY=os.path.join(bdir, "post.body"),
                    BENCH_POST_COOKIE=cookie)
        wrk(pbase + "/proposals", 1, script, env=penv, latency=False)
        n0 = count_proposals(db)
        drain(pbase + "/healthz")
        os.sync()
        r = measure("POST /proposals (submit)", pbase + "/proposals", script,
                    env=penv, warmup=0, idle=pbase + "/healthz")
        n1 = count_proposals(db)
        r["rows_written"] = n1 - n0
        # Submissions do not wait for the search index (a file of its
        # own): how far it fell behind, and how soon it caught up.
        r["index_waiting"], r["index_settle_s"] = index_settle(db, pbase + "/healthz")
        # A run can leave indexing behind for after it: the rate with the
        # time the index took to catch up counted in.
        r["sustained_rps"] = r["requests"] / (r["duration_us"] / 1e6 +
                                              r["index_settle_s"])
        say("search index: %d marks waiting after the run, taken in in %.1f s"
            % (r["index_waiting"], r["index_settle_s"]))
        rows.append(dict(name="POST /proposals (submit, durable)", key="POST",
                         path="/proposals", body_bytes=len(body), **r))
        if r["errors"] or r["rows_written"] < r["requests"]:
            raise Failure("POST: %d errors, %d rows written for %d answers"
                          % (r["errors"], r["rows_written"], r["requests"]))

    if "memory" not in SKIP:
        path = MEMORY_PATH or "/proposals/%d" % facts["proposal"]
        before = {w: memory(w) for w in workers}
        say("worker memory: %d requests to %s (workers %s), at most %d s"
            % (REQUESTS, path, ", ".join(map(str, workers)), MEMORY_SECONDS))
        drain(base + "/healthz")
        done, samples, t0 = 0, [], time.monotonic()
        rate = next((r["rps"] for r in rows if r["key"] == path), 0) or 1000.0
        while done < REQUESTS:
            left = MEMORY_SECONDS - (time.monotonic() - t0)
            if left < 1:
                say("worker memory: stopped after %d s, %d requests" % (
                    MEMORY_SECONDS, done))
                break
            chunk = int(min(60, left, max(2, (REQUESTS - done) / rate + 1)))
            r = wrk(base + path, chunk, latency=False)
            if r["errors"]:
                raise Failure("memory run: %d errors" % r["errors"])
            done += r["requests"]
            rate = max(r["rps"], 1.0)
            samples.append({"requests": done, "rss_kib": {str(w): memory(w)
                                                           for w in workers}})
        drain(base + "/healthz")
        after = {w: memory(w) for w in workers}
        now_workers = children(master[0])
        res["memory"] = {
            "path": path, "requests": done, "seconds": round(time.monotonic() - t0, 1),
            # A worker's own memory is its anonymous memory (heap, stack,
            # SQLite's page cache of up to 16 MiB): VmRSS also counts
            # pages of files it maps (RssFile: the binary, its libraries)
            # and the WAL index in cocreate.db-shm (RssShmem), shared by
            # every worker, which grow with what is touched, not with a
            # leak.
            "workers": [{"pid": w, "before": before[w], "after": after[w],
                         "delta_kib": after[w].get("RssAnon", 0) - before[w].get("RssAnon", 0)}
                        for w in workers],
            "replaced": sorted(set(now_workers) - set(workers)),
            "samples": samples,
        }
        for w in res["memory"]["workers"]:
            say("worker %d: RssAnon %d -> %d KiB (VmRSS %d -> %d)" % (
                w["pid"], w["before"].get("RssAnon", 0), w["after"].get("RssAnon", 0),
                w["before"].get("VmRSS", 0), w["after"].get("VmRSS", 0)))

    with open(os.path.join(state, "cocreate.log"), errors="replace") as f:
        log = f.read()
    res["app_log_lines"] = log.count("\n")
    app.stop()
    say("stopped nginx and the app")

    # Exports: all 10,000, then 100,000, with the server stopped.
    if "exports" not in SKIP:
        sets = [("10k", db10, facts["submitted"])]
        if "large" not in SKIP:
            dbl, lfacts = dataset(bin_path, "bench-%dk" % (LARGE // 1000), LARGE, 50000)
            sets.append(("%dk" % (LARGE // 1000), dbl, lfacts["submitted"]))
        xdir = os.path.join(state, "exports")
        os.makedirs(xdir, exist_ok=True)
        for tag, path, n in sets:
            work = os.path.join(xdir, "%s.db" % tag)
            copy_db(path, work, bin_path)
            for fmt in ("csv", "json", "odt"):
                out = os.path.join(xdir, "%s.%s" % (tag, fmt))
                secs, rss = timed([bin_path, "export", "--db", work, "--format", fmt,
                                   "--out", out])
                size = os.path.getsize(out)
                res["exports"].append({"format": fmt, "proposals": n, "seconds": secs,
                                       "peak_rss_kib": rss, "bytes": size})
                say("export %s of %d proposals: %.2f s, peak RSS %.1f MiB, %.1f MB"
                    % (fmt, n, secs, rss / 1024, size / 1e6))
                if not KEEP:
                    os.unlink(out)
            if not KEEP:
                for suffix in ("", "-wal", "-shm", "-search", "-search-wal",
                               "-search-shm"):
                    if os.path.exists(work + suffix):
                        os.unlink(work + suffix)


# ---------------------------------------------------------------- report

def fmt_ratio(x):
    return "%.2f" % x if x >= 0.1 else "%.3f" % x


def f_beside(res, r):
    """F's requests/s beside row r: the mean of the F runs just before and
    just after it (F, "F before" a page, F again); 0 when none."""
    rows = res["rows"]
    fkeys = lambda x: x["key"] in ("F", "F2") or x["key"].startswith("F@")
    i = rows.index(r)
    near = [next((x for x in reversed(rows[:i]) if fkeys(x)), None),
            next((x for x in rows[i + 1:] if fkeys(x)), None)]
    f = [x["rps"] for x in near if x is not None]
    return sum(f) / len(f) if f else 0


def f_ratio(res, r):
    """A row's requests/s over F's beside it (0 when F was not measured)."""
    f = f_beside(res, r)
    return r["rps"] / f if f else 0


def targets(res):
    """Issue 6 point 2, each with its measured figure: (text, met or None)."""
    out = []
    rows = {r["key"]: r for r in res["rows"]}
    pages = [r for r in res["rows"] if r.get("page")]
    if pages and f_beside(res, pages[0]):
        worst = min(pages, key=lambda r: f_ratio(res, r))
        out.append(("every public page at least 0.6 of F (aim 0.8): lowest %s %s"
                    % (worst["name"], fmt_ratio(f_ratio(res, worst))),
                    f_ratio(res, worst) >= 0.6))
        for r in pages:
            fs = same_bytes_f(res, r)
            beside = (" (%s of F with its own %d bytes)"
                      % (fmt_ratio(r["rps"] / fs), r["body_bytes"])) if fs else ""
            out.append(("  %s %s of F%s" % (r["name"], fmt_ratio(f_ratio(res, r)),
                                            beside), f_ratio(res, r) >= 0.6))
    if pages:
        worst = max(pages, key=lambda r: r["p99_us"])
        out.append(("p99 under 10 ms at %d connections: highest %s %.1f ms"
                    % (CONNECTIONS, worst["name"], worst["p99_us"] / 1000),
                    worst["p99_us"] < 10000))
    if "POST" in rows:
        out.append(("  POST /proposals p99 %.1f ms" % (rows["POST"]["p99_us"] / 1000),
                    rows["POST"]["p99_us"] < 10000))
    if "POST" in rows:
        p, fs = rows["POST"]["rps"], rows["fsync"]["rps"]
        out.append(("submissions at least 1,000/s: %.0f/s" % p, p >= 1000))
        out.append(("submissions at least half the disk's fsync rate: %.0f of %.0f (%.2f)"
                    % (p, fs, p / fs if fs else 0), fs > 0 and p >= fs / 2))
    big = [x for x in res["exports"] if x["format"] == "csv" and x["proposals"] >= 100000]
    for x in big:
        out.append(("%d proposals to CSV under 3 s: %.2f s" % (x["proposals"], x["seconds"]),
                    x["seconds"] < 3))
        out.append(("  and peak memory under 64 MiB: %.1f MiB" % (x["peak_rss_kib"] / 1024),
                    x["peak_rss_kib"] < 64 * 1024))
    m = res.get("memory")
    if m:
        # Flat means no worker grew: a leak grows.  A worker whose memory
        # went down gave back what an earlier part of the run left it
        # (the submissions and their index turns come just before):
        # glibc returning freed memory to the system is no leak, and is
        # shown beside, not counted as a miss.
        grew = max(w["delta_kib"] for w in m["workers"])
        fell = min(w["delta_kib"] for w in m["workers"])
        out.append(("worker memory (RssAnon) flat within 1 MiB over %d requests: largest growth %+d KiB%s"
                    % (m["requests"], grew, "; largest fall %+d KiB (memory given back)"
                       % fell if fell < 0 else ""),
                    grew <= 1024 and not m["replaced"]))
    return out


def same_bytes_f(res, r):
    """F's requests/s answering the same bytes as page row r: its own F=
    row, or F itself for /proposals; 0 when not measured."""
    byk = {x["key"]: x for x in res["rows"]}
    if "F=" + r["key"] in byk:
        return byk["F=" + r["key"]]["rps"]
    if "F" in byk and r.get("body_bytes") == byk["F"].get("body_bytes") and \
            r["key"] == byk["F"]["path"]:
        return f_beside(res, r)
    return 0


def table(res):
    rows = res["rows"]
    byk = {r["key"]: r for r in rows}
    f = [byk[k]["rps"] for k in ("F", "F2") if k in byk]
    fmean = sum(f) / len(f) if f else 0
    s = res["settings"]
    lines = []
    mach = res["machine"]
    lines.append("cocreate benchmark, %s; %s, %d cores, %d MiB; load before %.2f"
                 % (res["started"], mach["cpu"], mach["cores"], mach["memory_mib"],
                    mach["loadavg"][0]))
    lines.append("nginx + %d app workers; wrk -t%d -c%d, %d s warm-up then %d s each; "
                 "commit %s" % (s["workers"], min(s["threads"], s["connections"]),
                                s["connections"], s["warmup"], s["seconds"], mach["commit"]))
    lines.append("")
    lines.append("%-36s %10s %9s %9s %8s %8s %9s %7s" % (
        "what", "req/s", "p50 ms", "p99 ms", "vs F", "vs F=", "bytes", "errors"))
    for r in rows:
        if r["key"] == "fsync":
            lines.append("%-36s %10.0f" % (r["name"], r["rps"]))
            lines.append("%-36s %10.0f" % ("disk: write 4 KiB + fdatasync", r["fdatasync"]))
            continue
        if r.get("beside"):
            continue
        ratio = same = ""
        if r.get("page") and f_beside(res, r):
            ratio = fmt_ratio(f_ratio(res, r))
        elif fmean and r["key"] != "POST":
            ratio = fmt_ratio(r["rps"] / fmean)
        fs = same_bytes_f(res, r)
        if r.get("page") and fs:
            same = fmt_ratio(r["rps"] / fs)
        lines.append("%-36s %10.0f %9.2f %9.2f %8s %8s %9d %7d" % (
            r["name"], r["rps"], r["p50_us"] / 1000, r["p99_us"] / 1000, ratio, same,
            r.get("body_bytes", 0), r["errors"]))
        if r["key"] == "POST":
            lines.append("%-36s %10s (%d rows written for %d answers)" % (
                "", "", r["rows_written"], r["requests"]))
            if "index_waiting" in r:
                lines.append("%-36s %10s (the search index %d marks behind at "
                             "the end, caught up in %.1f s: %.0f/s with that time)" % (
                                 "", "", r["index_waiting"], r["index_settle_s"],
                                 r["sustained_rps"]))
    fb = [r["rps"] for r in rows if r.get("beside")]
    if fb:
        lines.append("(a page's \"vs F\" is against F measured just before and just "
                     "after it: %.0f-%.0f req/s)" % (min(fb), max(fb)))
    cpu = [r for r in rows if r.get("cpu_us") and not r.get("beside")]
    if cpu:
        lines.append("")
        lines.append("CPU per request, us: the app (or F's responder), nginx and wrk, each")
        lines.append("its processes' user + system time; all: every core's busy time")
        lines.append("%-36s %10s %9s %9s %8s" % ("what", "server", "nginx", "wrk", "all"))
        for r in cpu:
            c = r["cpu_us"]
            lines.append("%-36s %10.1f %9.1f %9.1f %8.1f" % (
                r["name"], c["server"], c["nginx"], c["wrk"], c["all"]))
    if res.get("search"):
        lines.append("")
        lines.append("%-36s %10s %9s %9s %8s" % (
            "search, one connection", "matches", "p50 ms", "p99 ms", "req/s"))
        for r in res["search"]:
            lines.append("%-36s %10d %9.2f %9.2f %8.0f" % (
                r["name"], r["matches"], r["p50_us"] / 1000, r["p99_us"] / 1000,
                r["rps"]))
    if res["exports"]:
        lines.append("")
        lines.append("%-36s %10s %9s %9s" % ("export", "seconds", "peak MiB", "MB out"))
        for x in res["exports"]:
            lines.append("%-36s %10.2f %9.1f %9.1f" % (
                "%s, %d proposals" % (x["format"].upper(), x["proposals"]),
                x["seconds"], x["peak_rss_kib"] / 1024, x["bytes"] / 1e6))
    m = res.get("memory")
    if m:
        lines.append("")
        lines.append("worker memory over %d requests to %s (%.0f s): own (RssAnon) KiB "
                     "before -> after; VmRSS with shared mappings"
                     % (m["requests"], m["path"], m["seconds"]))
        for w in m["workers"]:
            lines.append("  worker %-8d %8d -> %8d  (%+d KiB; VmRSS %d -> %d)" % (
                w["pid"], w["before"].get("RssAnon", 0), w["after"].get("RssAnon", 0),
                w["delta_kib"], w["before"].get("VmRSS", 0), w["after"].get("VmRSS", 0)))
        if m["replaced"]:
            lines.append("  workers replaced during the run: %s" % m["replaced"])
    t = targets(res)
    if t:
        lines.append("")
        lines.append("targets (issue 6, measured, not asserted):")
        for text, ok in t:
            lines.append("  %-5s %s" % ("met" if ok else "MISS", text))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "cocreate"))
    ap.add_argument("--hello", default=os.path.join(ROOT, "build", "bench-hello"))
    a = ap.parse_args()
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    started = datetime.datetime.now().astimezone()
    res = {"started": started.strftime("%Y-%m-%d %H:%M:%S %z"), "rows": [],
           "exports": []}
    status = 0
    try:
        run(a, res)
    except (Failure, subprocess.CalledProcessError) as e:
        say("FAILED: %s" % e)
        status = 1
    except Exception:
        import traceback
        traceback.print_exc()
        status = 1
    except KeyboardInterrupt as e:
        say("interrupted (%s)" % (e or "Ctrl-C"))
        status = 130
    finally:
        Proc.stop_all()
    state = res.pop("_state", None)
    if state and status == 0 and not KEEP:
        shutil.rmtree(state, ignore_errors=True)
    elif state:
        say("kept %s" % state)
    if status == 130:
        return status
    res["finished"] = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    res["targets"] = [{"target": t, "met": ok} for t, ok in targets(res)]
    text = table(res)
    print()
    print(text)
    os.makedirs(OUT, exist_ok=True)
    name = os.path.join(OUT, "bench-%s.json" % started.strftime("%Y%m%d-%H%M%S"))
    for path in (name, os.path.join(OUT, "latest.json")):
        with open(path, "w") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print("\nbench: wrote %s" % os.path.relpath(name, ROOT))
    return status


if __name__ == "__main__":
    sys.exit(main())
