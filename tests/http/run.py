#!/usr/bin/python3
"""HTTP tests of cocreate: the real binary behind the real nginx.

Usage: /usr/bin/python3 tests/http/run.py [--bin ./cocreate] [-k SUBSTRING] [--keep]

Creates a fresh STATE directory and database, starts the app and nginx on a
free 127.0.0.1 port exactly as `make run` does (deploy/run.sh), runs every
test_* function of tests/http/test_*.py (sorted by file, then in file order)
with a context object, stops the server, checks the app's log for sanitizer
reports, and ends with one line "N passed, N failed, N skipped" (exit status
1 when any failed).  A test that cannot run on this machine (no chattr +i,
no tmpfs) calls ctx.skip() or ctx.skip_part(): that fails it unless the
environment has CC_ALLOW_SKIP=1, when it is counted as skipped and named
before the tally.  Python 3 standard library only, plus the `tidy` command.
"""

import argparse
import contextlib
import datetime
import glob
import html.parser
import http.client
import http.cookiejar
import importlib.util
import itertools
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "runtime error:", "LeakSanitizer")

# A skipped test fails the run unless this is set (CC_ALLOW_SKIP=1).
ALLOW_SKIP = os.environ.get("CC_ALLOW_SKIP") == "1"


class Skip(Exception):
    """Raised by ctx.skip(): the test cannot run on this machine."""


# What the running test skipped of itself (ctx.skip_part), from any of its
# contexts (instances included); the runner empties it before each test.
_skipped_parts = []


def sanitizer_lines(text):
    """The lines of text (a log, a program's stderr) that are sanitizer
    reports."""
    return [ln for ln in (text or "").splitlines()
            if any(m in ln for m in SANITIZER_MARKS)]


def assert_no_sanitizer(what, *texts):
    """Fails when a program's output holds a sanitizer report."""
    hits = [ln for t in texts for ln in sanitizer_lines(t)]
    if hits:
        raise AssertionError("%s: sanitizer report(s):\n%s\n%s" % (
            what, "\n".join(hits[:10]),
            "\n".join(t[-20000:] for t in texts if t)))


# ---------------------------------------------------------------- HTTP client

class Response:
    """One HTTP answer: status, headers (case-insensitive), body bytes and
    the body decoded as UTF-8 (text)."""

    def __init__(self, status, headers, body, method, path):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", errors="replace")
        self.method = method
        self.path = path

    def __repr__(self):
        return "<%s %s -> %d>" % (self.method, self.path, self.status)

    def header(self, name, default=""):
        v = self.headers.get(name)
        return default if v is None else v

    def set_cookies(self):
        """{name: the whole Set-Cookie header} of the cookies this response
        sets (the last one of a name wins)."""
        out = {}
        for v in self.headers.get_all("Set-Cookie") or []:
            name = v.split("=", 1)[0].strip()
            out[name] = v
        return out

    def location(self):
        """The Location header without the origin: "/path?query"."""
        loc = self.header("Location")
        m = re.match(r"^https?://[^/]+(/.*)?$", loc)
        if m:
            return m.group(1) or "/"
        return loc


class _PassThrough(urllib.request.HTTPErrorProcessor):
    """Hands every response to the caller as it is: no redirect is followed
    and a 4xx or 5xx is not turned into an exception."""

    def http_response(self, request, response):
        return response

    https_response = http_response


class _DropContentType(urllib.request.BaseHandler):
    """Runs after urllib's own request processing, which adds a
    Content-Type to every request with a body: removes it again when the
    test asked for a POST without one."""

    handler_order = 1000

    def http_request(self, request):
        if getattr(request, "no_content_type", False):
            for hdrs in (request.headers, request.unredirected_hdrs):
                for k in list(hdrs):
                    if k.lower() == "content-type":
                        del hdrs[k]
        return request


def _encode_fields(fields):
    return urllib.parse.urlencode(
        [(k, v) for k, v in fields], encoding="utf-8").encode("ascii")


class Client:
    """A browser of sorts: its own cookie jar, no automatic redirects.
    ssl_context: how to check an https base's certificate."""

    FORM = "application/x-www-form-urlencoded"

    def __init__(self, base, timeout=30, ssl_context=None):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar),
                    _PassThrough(), _DropContentType()]
        if ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=ssl_context))
        self.opener = urllib.request.build_opener(*handlers)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def request(self, method, path, body=None, headers=None,
                content_type=None, no_content_type=False):
        url = self.base + path
        req = urllib.request.Request(url, data=body, method=method)
        if content_type is not None:
            req.add_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        if no_content_type:
            req.no_content_type = True
        try:
            resp = self.opener.open(req, timeout=self.timeout)
        except (OSError, http.client.HTTPException) as e:
            raise AssertionError("%s %s: connection failed: %r"
                                 % (method, path, e))
        with resp:
            data = resp.read() if method != "HEAD" else b""
            return Response(resp.status, resp.headers, data, method, path)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def head(self, path, headers=None):
        return self.request("HEAD", path, headers=headers)

    def post(self, path, fields_or_bytes, content_type=FORM, headers=None):
        """POSTs a list of (name, value) pairs (urlencoded as UTF-8) or raw
        bytes.  content_type=None sends no Content-Type header at all."""
        if isinstance(fields_or_bytes, (bytes, bytearray)):
            body = bytes(fields_or_bytes)
        elif isinstance(fields_or_bytes, str):
            body = fields_or_bytes.encode("utf-8")
        else:
            body = _encode_fields(fields_or_bytes)
        if content_type is None:
            return self.request("POST", path, body, headers,
                                no_content_type=True)
        return self.request("POST", path, body, headers,
                            content_type=content_type)


CSRF_RE = re.compile(r'<input type="hidden" name="csrf" value="([^"]*)">')


def csrf(page):
    """The value of the form's hidden csrf field."""
    m = CSRF_RE.search(page)
    if m is None:
        raise AssertionError("no csrf field in the page")
    return m.group(1)


def tidy_errors(page):
    """Runs `tidy -errors -q` on a page.  Returns "" when tidy finds no
    errors (exit status 0, or 1: warnings only), else its messages."""
    if isinstance(page, str):
        page = page.encode("utf-8")
    p = subprocess.run(["tidy", "-errors", "-q"], input=page,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=30)
    if p.returncode >= 2:
        msg = (p.stderr + p.stdout).decode("utf-8", errors="replace").strip()
        return msg or "tidy exited with %d" % p.returncode
    return ""


class _FormParser(html.parser.HTMLParser):
    """Collects what a browser would send from the page's forms: text
    inputs, hidden inputs, textareas, checked boxes and radios, selected
    options."""

    def __init__(self, action=None, form_id=None):
        super().__init__(convert_charrefs=True)
        self.values = {}
        self.action = action
        self.form_id = form_id
        self.in_form = action is None and form_id is None
        self.select = None
        self.select_first = None
        self.select_chosen = False
        self.option = None
        self.textarea = None
        self.text = []

    def _add(self, name, value):
        if self.in_form:
            self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and (self.action is not None or
                              self.form_id is not None):
            self.in_form = (self.action is None or
                            a.get("action", "").split("#")[0] == self.action) and \
                (self.form_id is None or a.get("id") == self.form_id)
        if tag == "input" and "name" in a:
            t = a.get("type", "text").lower()
            if t in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            elif t not in ("submit", "button", "image", "reset", "file"):
                self._add(a["name"], a.get("value", ""))
        elif tag == "textarea" and "name" in a:
            self.textarea = a["name"]
            self.text = []
        elif tag == "select" and "name" in a:
            self.select = a["name"]
            self.select_first = None
            self.select_chosen = False
        elif tag == "option" and self.select is not None:
            v = a.get("value")
            self.option = v
            if v is not None and self.select_first is None:
                self.select_first = v
            if "selected" in a and v is not None:
                self._add(self.select, v)
                self.select_chosen = True

    def handle_endtag(self, tag):
        if tag == "form" and (self.action is not None or
                              self.form_id is not None):
            self.in_form = False
        if tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            if text.startswith("\n"):
                text = text[1:]
            self._add(self.textarea, text)
            self.textarea = None
        elif tag == "select" and self.select is not None:
            if not self.select_chosen and self.select_first is not None:
                self._add(self.select, self.select_first)
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)


def form_values(page, action=None, form_id=None):
    """{name: [values]} of the fields of the page's forms, as a browser
    would send them; with action, of the forms posting there only; with
    form_id, of the form with that id only."""
    p = _FormParser(action, form_id)
    p.feed(page)
    p.close()
    return p.values


def security_header_problems(r):
    """What is wrong with the security headers of DESIGN.md in r, or []."""
    bad = []
    csp = r.header("Content-Security-Policy")
    parts = [x.strip() for x in csp.split(";")]
    if "default-src 'self'" not in parts:
        bad.append("Content-Security-Policy %r lacks default-src 'self'" % csp)
    if "frame-ancestors 'none'" not in parts:
        bad.append("Content-Security-Policy %r lacks frame-ancestors 'none'"
                   % csp)
    if r.header("X-Content-Type-Options").strip().lower() != "nosniff":
        bad.append("X-Content-Type-Options is %r, not nosniff"
                   % r.header("X-Content-Type-Options", None))
    if r.header("Referrer-Policy").strip().lower() != "same-origin":
        bad.append("Referrer-Policy is %r, not same-origin"
                   % r.header("Referrer-Policy", None))
    if r.header("X-Frame-Options").strip().upper() != "DENY":
        bad.append("X-Frame-Options is %r, not DENY"
                   % r.header("X-Frame-Options", None))
    for name in ("Content-Security-Policy", "X-Content-Type-Options",
                 "Referrer-Policy", "X-Frame-Options"):
        if len(r.headers.get_all(name) or []) > 1:
            bad.append("%s sent %d times" % (name,
                                              len(r.headers.get_all(name))))
    return bad


def assert_security_headers(r):
    bad = security_header_problems(r)
    if bad:
        raise AssertionError("%s %s (%d): %s" % (r.method, r.path, r.status,
                                                 "; ".join(bad)))


def assert_html(r, status=200, tidy=True, headers=True):
    """r has the status, is an HTML page in UTF-8, passes tidy without
    errors and carries the security headers."""
    if r.status != status:
        raise AssertionError("%s %s: status %d, expected %d; body: %s"
                             % (r.method, r.path, r.status, status,
                                excerpt(r.text)))
    ct = r.header("Content-Type").lower()
    if not ct.startswith("text/html") or "utf-8" not in ct:
        raise AssertionError("%s %s: Content-Type %r, expected text/html; "
                             "charset=utf-8" % (r.method, r.path, ct))
    if tidy:
        errs = tidy_errors(r.body)
        if errs:
            raise AssertionError("%s %s: tidy errors:\n%s"
                                 % (r.method, r.path, errs))
    if headers:
        assert_security_headers(r)
    return r


def excerpt(text, n=300):
    """The readable part of a page for a failure message."""
    m = re.search(r"<main[^>]*>(.*)</main>", text, re.S)
    t = m.group(1) if m else text
    t = re.sub(r"<[^>]+>", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t[:n] + ("..." if len(t) > n else "")


EDIT_LOC_RE = re.compile(
    r"^(?:https?://[^/]+)?/proposals/(\d+)/edit\?token=([A-Za-z0-9_-]+)&(saved|submitted|withdrawn)=1$")


def parse_edit_location(r):
    """(id, token, flag) of a 303 to a private edit link."""
    if r.status != 303:
        raise AssertionError("%s %s: status %d, expected 303; body: %s"
                             % (r.method, r.path, r.status, excerpt(r.text)))
    loc = r.header("Location")
    m = EDIT_LOC_RE.match(loc)
    if m is None:
        raise AssertionError("%s %s: Location %r is not "
                             "/proposals/{id}/edit?token=...&saved=1"
                             % (r.method, r.path, loc))
    return int(m.group(1)), m.group(2), m.group(3)


class _TagCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [(k, v if v is not None else "")
                                for k, v in attrs]))

    handle_startendtag = handle_starttag


def html_tags(page):
    """[(tag, [(attribute, value)])] of every start tag of a page, as a
    browser's parser sees them (entities decoded)."""
    p = _TagCollector()
    p.feed(page)
    p.close()
    return p.tags


_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "srcset",
              "data", "poster", "background", "cite", "ping")
_BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.I)


def active_content(page):
    """What in a page could run script or load something: <script> (but the
    site's own /static/ scripts), <img>,
    <iframe>, <object>, <embed>, <style>, <base>, <meta http-equiv>, on*
    attributes, style attributes, and javascript:, data: or vbscript: URLs.
    A list of descriptions; [] when the page is inert."""
    bad = []
    for tag, attrs in html_tags(page):
        if tag == "script" and re.match(r"^/static/[\w.-]+$",
                                        dict(attrs).get("src", "")):
            pass        # the site's own script, from its own origin
        elif tag in ("script", "img", "iframe", "frame", "object", "embed",
                   "style", "base", "svg", "math", "applet"):
            bad.append("<%s %s>" % (tag, " ".join("%s=%r" % a
                                                  for a in attrs)))
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            bad.append("<meta http-equiv>")
        for k, v in attrs:
            if k.startswith("on"):
                bad.append("<%s %s=%r>" % (tag, k, v))
            elif k == "style":
                bad.append("<%s style=%r>" % (tag, v))
            elif k in _URL_ATTRS:
                # Browsers drop ASCII whitespace and controls in schemes.
                squeezed = re.sub(r"[\x00-\x20]", "", v)
                if _BAD_SCHEME.match(squeezed):
                    bad.append("<%s %s=%r>" % (tag, k, v))
    return bad


# ---------------------------------------------------------------- context

class Context:
    """What every test gets: the server's address, the database and
    helpers."""

    Client = Client
    Response = Response

    def __init__(self, base, db, state, bin_path, root, default_deadline):
        self.base = base
        self.db = db
        self.state = state
        self.bin = bin_path
        self.root = root
        self.default_deadline = default_deadline
        self.csrf = csrf
        self.tidy_errors = tidy_errors
        self.form_values = form_values
        self.assert_html = assert_html
        self.assert_security_headers = assert_security_headers
        self.security_header_problems = security_header_problems
        self.parse_edit_location = parse_edit_location
        self.excerpt = excerpt
        self.html_tags = html_tags
        self.active_content = active_content
        self.assert_no_sanitizer = assert_no_sanitizer
        self.server = None
        self._staff = {}

    @property
    def sanitized(self):
        """True when the binary runs under AddressSanitizer (make
        test-asan), whose allocator makes some worst cases minutes slow."""
        if not hasattr(self, "_sanitized"):
            with open(self.bin, "rb") as f:
                self._sanitized = b"__asan_init" in f.read()
        return self._sanitized

    def client(self):
        return Client(self.base)

    def form_token(self, client):
        """GETs the empty form as a browser would (which sets the cc_csrf
        cookie) and returns its csrf field."""
        r = client.get("/proposals/new")
        assert_html(r, 200, tidy=False)
        if client.cookie("cc_csrf") is None:
            raise AssertionError("GET /proposals/new set no cc_csrf cookie")
        return csrf(r.text)

    def create(self, client, fields, action="save"):
        """Creates a proposal through the form: (id, edit token)."""
        token = self.form_token(client)
        r = client.post("/proposals", [("csrf", token), ("action", action)]
                        + list(fields))
        pid, tok, flag = parse_edit_location(r)
        want = "submitted" if action == "submit" else "saved"
        if flag != want:
            raise AssertionError("POST /proposals action=%s: redirected "
                                 "with %s=1, expected %s=1"
                                 % (action, flag, want))
        return pid, tok

    def update(self, client, pid, token, fields, action="save"):
        """POSTs an update with the csrf of the edit page; the response."""
        r = client.get("/proposals/%d/edit?token=%s" % (pid, token))
        assert_html(r, 200, tidy=False)
        return client.post("/proposals/%d" % pid,
                           [("csrf", csrf(r.text)), ("token", token),
                            ("action", action)] + list(fields))

    # Staff accounts and sessions.
    _seq = itertools.count(1)

    def unique(self, prefix="t"):
        """A name not used before in this run (fit for a login):
        prefix-N, lower case."""
        prefix = re.sub(r"[^a-z0-9._-]", "", prefix.lower()) or "t"
        return "%s-%d" % (prefix[:24], next(Context._seq))

    @contextlib.contextmanager
    def scratch_db(self, prefix="cocreate-scratch-"):
        """A database of its own, made by `cocreate init` in a temporary
        directory removed afterwards: (its path, a sqlite3 connection to
        it), for tests of what init and check do with a database."""
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
            db = os.path.join(tmp, "c.db")
            p = self.cli("init", "--db", db)
            assert p.returncode == 0, p.stderr
            conn = sqlite3.connect(db)
            try:
                yield db, conn
            finally:
                conn.close()

    def cli(self, *args, input=None, timeout=60):
        """Runs the cocreate binary with args (str input on stdin): a
        CompletedProcess with text stdout and stderr.  A sanitizer report
        on its stderr fails the test, whatever its exit status."""
        argv = [self.bin] + [str(a) for a in args]
        p = subprocess.run(argv, input=input if input is not None else "",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, text=True, errors="replace")
        assert_no_sanitizer("cocreate %s" % " ".join(argv[1:3]), p.stderr)
        return p

    # Tests that cannot run here.
    @staticmethod
    def skip(reason):
        """Ends the test as skipped, for a reason of this machine (no
        chattr +i, no tmpfs).  A skip fails the run unless CC_ALLOW_SKIP=1
        is set."""
        raise Skip(reason)

    @staticmethod
    def skip_part(reason):
        """Notes that a part of the test could not run here and goes on;
        the test then counts as skipped (a failure unless
        CC_ALLOW_SKIP=1)."""
        _skipped_parts.append(reason)

    def add_user(self, login, role, agency=None, password=None):
        """Adds a staff account with `cocreate user add --password-stdin`;
        returns its password."""
        if password is None:
            password = "pw-" + secrets.token_urlsafe(15)
        args = ["user", "add", "--db", self.db, "--login", login,
                "--role", role]
        if agency is not None:
            args += ["--agency", agency]
        p = self.cli(*(args + ["--password-stdin"]), input=password + "\n")
        if p.returncode != 0:
            raise AssertionError("cocreate user add --login %s --role %s%s: "
                                 "exit %d: %s" % (
                                     login, role, " --agency " + agency
                                     if agency else "", p.returncode,
                                     (p.stderr + p.stdout).strip()))
        return password

    def token(self, client):
        """A csrf token for client's cc_csrf cookie, from a page with a
        form: /login for the anonymous, /admin for staff."""
        r = client.get("/login")
        if r.status == 303:
            r = client.get("/admin")
        if r.status != 200:
            raise AssertionError("no page to take a csrf token from: "
                                 "GET %s -> %d" % (r.path, r.status))
        return csrf(r.text)

    def login(self, client, login, password, next=None):
        """Logs client in through the login form; the POST's response."""
        fields = [("csrf", self.token(client)), ("login", login),
                  ("password", password)]
        if next is not None:
            fields.append(("next", next))
        return client.post("/login", fields)

    def staff(self, role="organizer", agency=None, prefix=None):
        """A new staff account and a Client signed in as it:
        (client, login, password)."""
        login = self.unique(prefix or agency or role)
        password = self.add_user(login, role, agency)
        c = self.client()
        r = self.login(c, login, password)
        if r.status != 303 or not c.cookie("cc_session"):
            raise AssertionError("login as %s: status %d, session cookie %r: "
                                 "%s" % (login, r.status,
                                         c.cookie("cc_session"),
                                         excerpt(r.text)))
        return c, login, password

    def staff_client(self, role="organizer", agency=None):
        """A Client signed in as a staff account made for this run, shared
        by the tests that ask for the same role and agency: do not log it
        out or disable it.  (client, login)."""
        key = (role, agency)
        if key not in self._staff:
            c, login, _ = self.staff(role, agency, prefix="shared-%s"
                                     % (agency or role))
            self._staff[key] = (c, login)
        return self._staff[key]

    def user_id(self, login):
        rows = self.query("SELECT id FROM users WHERE login=?", (login,))
        if not rows:
            raise AssertionError("no user %s in the database" % login)
        return rows[0][0]

    def execute(self, sql, args=()):
        """Runs one changing statement on the application's database (its
        search index's file attached as "ix", as the app attaches it);
        returns the number of rows changed."""
        conn = sqlite3.connect(self.db, timeout=10)
        try:
            conn.execute("ATTACH ? AS ix", (self.db + "-search",))
            with conn:
                return conn.execute(sql, args).rowcount
        finally:
            conn.close()

    def reset_rate_limits(self):
        """Forgets the creations counted for the per-address hourly limits
        (every test comes from 127.0.0.1), for tests that post a lot."""
        try:
            self.execute("DELETE FROM rate_counts")
        except sqlite3.OperationalError:
            pass        # a database without the limits

    def log_text(self):
        """The application's log (STATE/cocreate.log) so far."""
        try:
            with open(os.path.join(self.state, "cocreate.log"),
                      encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def wait_log(self, pattern, timeout=3.0):
        """The first line of the app's log matching the regular expression
        pattern, waiting up to timeout seconds for it; None if none."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            for line in self.log_text().splitlines():
                if rx.search(line):
                    return line
            if time.monotonic() >= end:
                return None
            time.sleep(0.05)

    # MSF meetings.
    @staticmethod
    def taipei_input(delta, hour=None, minute=0):
        """A "YYYY-MM-DDTHH:MM" Asia/Taipei time, delta (a timedelta) from
        now; with hour, at that hour:minute of that day."""
        t = datetime.datetime.now(datetime.timezone.utc) + delta + \
            datetime.timedelta(hours=8)
        if hour is not None:
            t = t.replace(hour=hour, minute=minute)
        return t.strftime("%Y-%m-%dT%H:%M")

    @staticmethod
    def taipei_to_utc(value):
        """The stored UTC form of a "YYYY-MM-DDTHH:MM" Taipei time."""
        t = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M") - \
            datetime.timedelta(hours=8)
        return t.strftime("%Y-%m-%dT%H:%M:00Z")

    def meeting_fields(self, agency, **over):
        """The fields of a valid meeting notice 30 days ahead, 14:00-16:00
        Taipei time; keyword arguments replace fields (item=[...] for the
        repeated one; None drops a field)."""
        day = datetime.timedelta(days=30)
        f = {
            "agency": agency,
            "title": "MSF 會議 " + self.unique("m"),
            "item": ["1"],
            "starts_at": self.taipei_input(day, 14, 0),
            "ends_at": self.taipei_input(day, 16, 0),
            "place": "臺北市中正區 會議室",
            "online_url": "https://meet.example.org/msf",
            "agenda": "1. 開場\n2. 討論",
            "experts": "王大明, 臺灣大學",
            "capacity": "10",
        }
        f.update(over)
        out = []
        for k, v in f.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple)):
                out += [(k, x) for x in v]
            else:
                out.append((k, v))
        return out

    def post_meeting(self, client, fields, meeting_id=None, action="save",
                     token=None):
        """POSTs a meeting form (new, or an update of meeting_id) with the
        client's csrf token; the response."""
        if token is None:
            token = self.token(client)
        path = "/admin/meetings" if meeting_id is None else \
            "/admin/meetings/%d" % meeting_id
        head = [("csrf", token)]
        if action is not None:
            head.append(("action", action))
        return client.post(path, head + list(fields))

    def new_meeting(self, client, agency, **over):
        """Creates a meeting notice through the staff form; its id."""
        r = self.post_meeting(client, self.meeting_fields(agency, **over))
        m = re.match(r"^/meetings/(\d+)$", r.location() or "")
        if r.status != 303 or m is None:
            raise AssertionError("POST /admin/meetings: status %d, Location "
                                 "%r, expected 303 to /meetings/{id}: %s"
                                 % (r.status, r.header("Location"),
                                    excerpt(r.text)))
        return int(m.group(1))

    # Proposals addressed to agencies.
    def submit_proposal(self, agency, title=None, **over):
        """Creates and submits a proposal with lead agency `agency` as an
        anonymous citizen; (id, title)."""
        title = title or "提案 " + self.unique("p")
        fields = {
            "kind": "add", "title": title, "lead_agency": agency,
            "problem": "公共問題的描述。", "commitment": "承諾事項的描述。",
            "contribution": "對解決問題的貢獻。", "value": "transparency",
            "relevance": "與透明的相關性。", "submitter": "公民 測試",
            "email": "citizen@example.org",
        }
        fields.update(over)
        pid, _ = self.create(self.client(), list(fields.items()),
                             action="submit")
        return pid, title

    def comment(self, client, path, name="市民", body="意見", affiliation="",
                parent=None, token=None):
        """POSTs a comment to path (/{target}/{id}/comments); the
        response."""
        if token is None:
            token = self.token(client)
        fields = [("csrf", token), ("name", name), ("affiliation", affiliation),
                  ("body", body)]
        if parent is not None:
            fields.append(("parent", str(parent)))
        return client.post(path, fields)

    # The database.
    def index_settled(self, timeout=10):
        """Waits until the workers have taken every doc marked in
        search_marks into the search index (they do, after answering a
        request, at most every 100 ms each), asking /healthz meanwhile."""
        deadline = time.time() + timeout
        while self.index_waiting():
            assert time.time() < deadline, "the search index never caught up"
            self.client().get("/healthz")
            time.sleep(0.02)

    def index_waiting(self):
        """How many marks the search index has yet to take in."""
        return self.query("SELECT count(*) FROM search_marks WHERE id > "
                          "(SELECT mark FROM ix.index_state)")[0][0]

    def index_problems(self):
        """What is wrong with the search index's file, by `cocreate check`
        (FTS5's own check needs the app's tokenizer): its lines, or []."""
        p = self.cli("check", "--db", self.db)
        if p.returncode == 0 and p.stdout == "ok\n":
            return []
        return p.stdout.splitlines() + p.stderr.splitlines() or \
            ["cocreate check exited %d" % p.returncode]

    def query(self, sql, args=()):
        """Rows of a read-only query on the application's database."""
        conn = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True,
                               timeout=10)
        try:
            if os.path.exists(self.db + "-search"):
                conn.execute("ATTACH ? AS ix", ("file:%s-search?mode=ro"
                                                % self.db,))
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def get_deadline(self):
        rows = self.query("SELECT value FROM settings WHERE key='deadline'")
        return rows[0][0] if rows else None

    def set_deadline(self, value):
        """Sets the consultation's deadline (UTC ISO 8601, e.g.
        2020-03-06T15:59:59Z).  Returns the previous value."""
        old = self.get_deadline()
        conn = sqlite3.connect(self.db, timeout=10)
        try:
            with conn:
                cur = conn.execute(
                    "UPDATE settings SET value=? WHERE key='deadline'",
                    (value,))
                if cur.rowcount != 1:
                    raise AssertionError("no deadline row in settings")
        finally:
            conn.close()
        return old

    def deadline(self, value):
        """`with ctx.deadline("2020-03-06T15:59:59Z"):` sets the deadline
        and puts the previous one back afterwards."""
        ctx = self

        class _Deadline:
            def __enter__(self):
                self.old = ctx.set_deadline(value)
                return self.old

            def __exit__(self, *exc):
                ctx.set_deadline(self.old)
                return False

        return _Deadline()

    def workers_alive(self):
        """True when the app still answers /healthz with 200 ok."""
        try:
            r = Client(self.base, timeout=10).get("/healthz")
        except AssertionError:
            return False
        return r.status == 200 and r.text.strip() == "ok"

    def assert_alive(self, after=""):
        if not self.workers_alive():
            raise AssertionError("the app no longer answers /healthz%s"
                                 % (" after " + after if after else ""))

    # Separate instances.
    def instance(self, workers=2, env=None, raise_limits=True, state=None):
        """`with ctx.instance(workers=4) as other:` a second, separate
        instance (deploy/run.sh: the app and nginx) on its own free port
        with its own STATE: a new temporary directory with a new database
        (deadline 30 days ahead), or state, a directory that may already
        hold a cocreate.db (kept afterwards).  env: more environment for
        run.sh; raise_limits=False: nginx's real flood limits.  Yields a
        Context for it, whose .server is its Server (processes(); kill()
        as a crash would, then start() again on the same STATE, setting
        other.base to its new address).  Stopped on leaving; a sanitizer
        report in its log fails the test."""
        ctx = self

        class _Instance:
            def __enter__(self):
                self.own = state is None
                self.state = tempfile.mkdtemp(prefix="cocreate-inst-") \
                    if self.own else state
                self.server = Server(ctx.bin, self.state, workers=workers,
                                     env=env, raise_limits=raise_limits)
                try:
                    if not os.path.exists(self.server.db):
                        self.server.init_db()
                    base = self.server.start()
                except Exception:
                    show_logs(self.state)
                    self.server.stop()
                    if self.own:
                        shutil.rmtree(self.state, ignore_errors=True)
                    raise
                other = Context(base, self.server.db, self.state, ctx.bin,
                                ctx.root, self.server.deadline)
                other.server = self.server
                self.other = other
                return other

            def __exit__(self, etype, e, tb):
                problem = self.server.stop()
                hits = self.server.sanitizer_reports()
                if etype is not None and not issubclass(etype, Skip):
                    show_logs(self.state)
                if self.own:
                    shutil.rmtree(self.state, ignore_errors=True)
                if etype is not None and issubclass(etype, Skip):
                    etype = None        # a skip still checks the logs
                if etype is None and hits:
                    raise AssertionError(
                        "%d sanitizer report(s) in the log of the instance "
                        "on %s:\n%s" % (len(hits), self.state,
                                         "\n".join(hits[:10])))
                if etype is None and problem:
                    raise AssertionError("instance on %s: %s"
                                         % (self.state, problem))
                return False

        return _Instance()


# ---------------------------------------------------------------- server

def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def show_logs(state):
    for name in ("cocreate.log", "nginx-error.log", "run.stderr"):
        path = os.path.join(state, name)
        print("---- %s" % path, file=sys.stderr)
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                sys.stderr.write(f.read()[-20000:])
        except OSError as e:
            print("(%s)" % e, file=sys.stderr)


def proc_table():
    """{pid: (ppid, pgid, state, argv)} of every process, from /proc."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read().decode("utf-8", "replace")
            with open("/proc/%s/cmdline" % name, "rb") as f:
                argv = [a.decode("utf-8", "replace")
                        for a in f.read().split(b"\0") if a]
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces.
        rest = stat[stat.rfind(")") + 2:].split()
        if len(rest) < 3:
            continue
        out[int(name)] = (int(rest[1]), int(rest[2]), rest[0], argv)
    return out


class Server:
    """One instance: deploy/run.sh (the app and nginx) on a free port with
    everything under state.  workers: the app's worker processes; env:
    more environment for run.sh; raise_limits: raise nginx's flood limits
    (False: the real values of deploy/nginx-conf.sh)."""

    CC_LIMITS = dict(CC_POST_RATE="10000r/s", CC_POST_BURST="10000",
                     CC_LOGIN_RATE="10000r/s", CC_LOGIN_BURST="10000")

    def __init__(self, bin_path, state, workers=2, env=None,
                 raise_limits=True):
        self.bin = bin_path
        self.state = state
        self.db = os.path.join(state, "cocreate.db")
        self.workers = workers
        self.env = dict(env or {})
        self.raise_limits = raise_limits
        self.deadline = None
        self.port = None
        self.proc = None
        self.stderr = None

    def init_db(self):
        ahead = datetime.datetime.now(datetime.timezone.utc) + \
            datetime.timedelta(days=30)
        self.deadline = ahead.replace(microsecond=0).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        p = subprocess.run([self.bin, "init", "--db", self.db,
                            "--deadline", self.deadline],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=60)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            raise RuntimeError("cocreate init failed (%d): %s" % (
                p.returncode, out))
        assert_no_sanitizer("cocreate init", out)

    def start(self, timeout=20):
        self.port = free_port()
        env = dict(os.environ)
        env.update(PORT=str(self.port), STATE=self.state, BIN=self.bin,
                   WORKERS=str(self.workers))
        # The suites post hundreds of forms a second from one address:
        # nginx's flood limits are raised here (test_abuse.py puts the real
        # ones back to prove them).
        for k, v in self.CC_LIMITS.items():
            if self.raise_limits:
                env[k] = v
            else:
                env.pop(k, None)
        env.pop("DEADLINE", None)
        env.update(self.env)
        self.stderr = open(os.path.join(self.state, "run.stderr"), "ab")
        self.proc = subprocess.Popen(
            ["bash", "deploy/run.sh"], cwd=ROOT, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self.stderr, start_new_session=True)
        lines = queue.Queue()

        def reader():
            for raw in self.proc.stdout:
                lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
            lines.put(None)

        threading.Thread(target=reader, daemon=True).start()
        want = "ready: http://127.0.0.1:%d/" % self.port
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise RuntimeError("no %r from deploy/run.sh in %d s"
                                   % (want, timeout))
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError("deploy/run.sh exited (status %s) "
                                   "before it was ready"
                                   % self.proc.wait(timeout=10))
            if line.strip() == want:
                return "http://127.0.0.1:%d" % self.port

    def processes(self):
        """The instance's processes: {"run": run.sh, "master": the
        `cocreate serve` parent, "workers": [its children], "nginx":
        [nginx's processes], "group": [every live process of the group]}
        (zombies left out)."""
        out = {"run": None, "master": None, "workers": [], "nginx": [],
               "group": []}
        if self.proc is None:
            return out
        pgid = self.proc.pid
        out["run"] = pgid
        table = proc_table()
        for pid, (ppid, grp, st, argv) in table.items():
            if grp != pgid or st == "Z":
                continue
            out["group"].append(pid)
            if argv and argv[0].startswith("nginx"):
                out["nginx"].append(pid)
            elif ppid == pgid and "serve" in argv[1:2]:
                out["master"] = pid
        if out["master"] is not None:
            out["workers"] = sorted(
                pid for pid, (ppid, grp, st, _) in table.items()
                if ppid == out["master"] and st != "Z")
        return out

    def group_alive(self, pgid=None):
        """True while a process of the group (but zombies) still runs."""
        if pgid is None:
            if self.proc is None:
                return False
            pgid = self.proc.pid
        return any(grp == pgid and st != "Z"
                   for _, grp, st, _ in proc_table().values())

    def kill(self, timeout=10):
        """SIGKILL to the whole process group (run.sh, the app's master and
        workers, nginx), as a crash would; waits until none is left.  The
        state stays as the crash left it, for start() again."""
        if self.proc is None:
            return
        pgid = self.proc.pid
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        end = time.monotonic() + timeout
        while self.group_alive(pgid):
            if time.monotonic() > end:
                raise RuntimeError("processes of group %d still run %d s "
                                   "after SIGKILL" % (pgid, timeout))
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            time.sleep(0.05)
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None
        self.proc = None

    def sanitizer_reports(self):
        """The lines of the app's log (the master's and the workers'
        stderr) and of run.sh's stderr (cocreate init and user add) that
        are sanitizer reports."""
        hits = []
        for name in ("cocreate.log", "run.stderr"):
            try:
                with open(os.path.join(self.state, name),
                          encoding="utf-8", errors="replace") as f:
                    hits += sanitizer_lines(f.read())
            except OSError:
                pass
        return hits

    def stop(self):
        """Stops run.sh and everything it started: SIGTERM to the process
        group, then SIGKILL after 10 s.  Returns "" or what went wrong
        (something still ran 10 s after SIGTERM)."""
        problem = ""
        if self.proc is None:
            return problem
        pgid = self.proc.pid

        def group_alive():
            return self.group_alive(pgid)

        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if self.proc.poll() is not None and not group_alive():
                break
            time.sleep(0.05)
        else:
            try:
                left = subprocess.run(
                    ["ps", "-o", "pid=,stat=,args=", "-s", str(pgid)],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    timeout=10).stdout.decode("utf-8", "replace").strip()
            except (OSError, subprocess.SubprocessError):
                left = ""
            problem = ("not stopped 10 s after SIGTERM to the process group "
                       "of deploy/run.sh; still running:\n%s" % (left or "?"))
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            end = time.monotonic() + 5
            while group_alive() and time.monotonic() < end:
                time.sleep(0.05)
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None
        self.proc = None
        return problem


# ---------------------------------------------------------------- runner

def discover(selector):
    tests = []
    for path in sorted(glob.glob(os.path.join(HERE, "test_*.py"))):
        fname = os.path.basename(path)
        modname = "cocreate_http_" + fname[:-3]
        try:
            spec = importlib.util.spec_from_file_location(modname, path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[modname] = mod
            spec.loader.exec_module(mod)
        except Exception as e:
            err = "%s: %s" % (e.__class__.__name__, e)

            def broken(ctx, err=err):
                raise AssertionError("cannot import the file: " + err)

            tests.append(("%s::import" % fname, broken))
            continue
        for name, fn in list(vars(mod).items()):
            if not name.startswith("test_") or not callable(fn):
                continue
            if getattr(fn, "__module__", None) != modname:
                continue
            label = "%s::%s" % (fname, name)
            if selector and selector not in label:
                continue
            tests.append((label, fn))
    return tests


def short(e):
    msg = str(e) or e.__class__.__name__
    if not isinstance(e, AssertionError):
        msg = "%s: %s" % (e.__class__.__name__, msg)
    msg = msg.replace("\n", "\n    ")
    return msg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="./cocreate",
                    help="the cocreate binary (default ./cocreate)")
    ap.add_argument("-k", dest="select", default=None,
                    help="run only tests whose file::name contains this")
    ap.add_argument("--keep", action="store_true",
                    help="keep the STATE directory")
    args = ap.parse_args()

    bin_path = os.path.abspath(args.bin)
    if not os.access(bin_path, os.X_OK):
        print("run.py: %s: not an executable (run make first)" % args.bin,
              file=sys.stderr)
        print("0 passed, 1 failed, 0 skipped")
        return 1
    if shutil.which("tidy") is None:
        print("run.py: the tidy command is missing (make deps)",
              file=sys.stderr)
        print("0 passed, 1 failed, 0 skipped")
        return 1

    started = time.monotonic()
    tests = discover(args.select)
    state = tempfile.mkdtemp(prefix="cocreate-http-")
    server = Server(bin_path, state)
    passed = failed = 0
    skips = []
    try:
        try:
            server.init_db()
            base = server.start()
        except Exception as e:
            print("FAIL run.py::start: %s" % e)
            show_logs(state)
            failed += 1
            base = None
        if base is not None:
            ctx = Context(base, server.db, state, bin_path, ROOT,
                          server.deadline)
            ctx.server = server
            for label, fn in tests:
                t0 = time.monotonic()
                del _skipped_parts[:]
                try:
                    fn(ctx)
                except Skip as e:
                    why = "skipped: %s" % e
                except AssertionError as e:
                    failed += 1
                    print("FAIL %s: %s" % (label, short(e)))
                    why = None
                except Exception as e:
                    failed += 1
                    print("FAIL %s: %s" % (label, short(e)))
                    traceback.print_exc(limit=4, file=sys.stdout)
                    why = None
                else:
                    why = "part skipped: %s (the rest passed)" % \
                        "; ".join(_skipped_parts) if _skipped_parts else ""
                    if not why:
                        passed += 1
                        dt = time.monotonic() - t0
                        print("ok   %s%s" % (label, " (%.1f s)" % dt
                                             if dt >= 2 else ""))
                if why and ALLOW_SKIP:
                    skips.append("%s: %s" % (label, why))
                    print("skip %s: %s" % (label, why))
                elif why:
                    failed += 1
                    print("FAIL %s: %s (CC_ALLOW_SKIP=1 lets a test skip "
                          "what this machine cannot do)" % (label, why))
                sys.stdout.flush()
    finally:
        problem = server.stop()
        if problem:
            failed += 1
            print("FAIL run.py::stop: %s" % problem.replace("\n", "\n    "))
        hits = server.sanitizer_reports()
        if hits:
            failed += 1
            print("FAIL run.py::sanitizers: %d report(s) in cocreate.log "
                  "or run.stderr of %s:\n    %s"
                  % (len(hits), state, "\n    ".join(hits[:10])))
            # The full reports, for whoever reads the CI log.
            for name in ("cocreate.log", "run.stderr"):
                try:
                    with open(os.path.join(state, name), encoding="utf-8",
                              errors="replace") as f:
                        text = f.read()
                except OSError:
                    continue
                if sanitizer_lines(text):
                    print("---- %s" % name)
                    sys.stdout.write(text[-30000:])
        if args.keep:
            print("kept %s" % state, file=sys.stderr)
        else:
            shutil.rmtree(state, ignore_errors=True)
    print("run time %.1f s" % (time.monotonic() - started))
    if skips:
        print("skipped (CC_ALLOW_SKIP=1):\n    %s" % "\n    ".join(skips))
    print("%d passed, %d failed, %d skipped" % (passed, failed, len(skips)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
