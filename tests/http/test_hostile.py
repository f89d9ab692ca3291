"""The hostile-input suite of issue 5, point 3: hundreds of malformed,
oversized, injected and forged requests through nginx, table-driven, in
families.  For each request: the expected 4xx (never a 5xx), a message in
zh-TW and English where the app answers (nginx's configured 413/50x pages
too), the security headers, and the database unchanged unless the request
was meant to change it (PRAGMA data_version of a connection of our own:
it moves whenever anyone else commits).  After each family the workers are
still the same processes (none died and was replaced) and /healthz answers.
test_hostile_count prints how many hostile requests were sent.

The pages nginx makes up itself (its 400 for a malformed request line,
414, the 400 for headers too large, /static/'s 403 and 404) are recorded
as the families meet them and judged once, in
test_nginx_own_error_pages."""

import hashlib
import html
import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse

FORM = "application/x-www-form-urlencoded"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
Q = urllib.parse.quote

SENT = {"total": 0}          # hostile requests sent, by family and in all
NGINX_DEFAULT = []           # (label, status) answered by nginx's own pages

GOOD = [
    ("kind", "add"),
    ("title", "敵意測試的正常提案"),
    ("lead_agency", "moj"),
    ("problem", "採購資料公開時間落後，民眾無法即時監督。"),
    ("commitment", "決標後七日內公開完整採購資料。"),
    ("contribution", "讓民眾與媒體能及時監督採購。"),
    ("value", "transparency"),
    ("relevance", "透明與課責：資料即時公開並可追蹤。"),
    ("submitter", "公民監督聯盟 陳志明"),
    ("phone", "0912-345-678"),
    ("email", "chen.zhiming@example.org"),
]
TEXT_FIELDS = ["title", "lead_agency_other", "problem", "commitment",
               "contribution", "relevance", "submitter"]
LIMITS = {"title": 200, "lead_agency_other": 100, "problem": 20000,
          "commitment": 20000, "contribution": 20000, "relevance": 20000,
          "submitter": 200}


def replace(fields, **new):
    out = [(k, new[k] if k in new else v) for k, v in fields]
    for k, v in new.items():
        if k not in dict(fields):
            out.append((k, v))
    return [(k, v) for k, v in out if v is not None]


def encode(fields):
    return urllib.parse.urlencode(fields, encoding="utf-8").encode("ascii")


# ---------------------------------------------------------------- checks

def message_html(text):
    """The part of a page that says what went wrong: an error page's
    section, or the alert banners of a form shown again; None."""
    m = re.search(r'<section class="error-page">(.*?)</section>', text, re.S)
    if m:
        return m.group(1)
    alerts = re.findall(r'<div class="banner[^"]*" role="alert"[^>]*>(.*?)'
                        r'</div>', text, re.S)
    alerts += re.findall(r'<p class="err"[^>]*>(.*?)</p>', text, re.S)
    if alerts:
        return " ".join(alerts)
    return None


def bilingual(text):
    """The page's message is in zh-TW and in English."""
    m = message_html(text)
    if m is None:
        return False
    plain = re.sub(r"<[^>]+>", " ", m)
    i = m.find('lang="en"')
    if i < 0:
        return False
    en = re.sub(r"<[^>]+>", " ", m[m.find(">", i) + 1:])
    return bool(CJK.search(plain)) and \
        len(re.findall(r"\b[A-Za-z]{2,}\b", en)) >= 2


def nginx_default(r):
    """The page is one nginx makes up itself (not a page of ours)."""
    return b"<center>nginx</center>" in r.body


# What would show that a file or a secret leaked (the payloads below name
# columns, so their names are no sign).
LEAKS = ("root:x:0:0", "CREATE TABLE", "SQLite format 3", "#include",
         "$argon2id$")


def raw_request(ctx, data, method="GET", timeout=20):
    """Sends the bytes data as they are on a new connection to nginx; the
    answer as a Response."""
    u = urllib.parse.urlsplit(ctx.base)
    s = socket.create_connection((u.hostname, u.port), timeout=timeout)
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        resp = http.client.HTTPResponse(s, method=method)
        resp.begin()
        body = resp.read() if method != "HEAD" else b""
        first = data.split(b"\r\n", 1)[0].decode("latin-1")[:80]
        return ctx.Response(resp.status, resp.msg, body, method, first)
    finally:
        s.close()


def worker_pids(ctx):
    if ctx.server is None:
        return None
    return ctx.server.processes()["workers"]


class Family:
    """One family of hostile requests: sends them, checks each answer, and
    at the end that the app is whole."""

    def __init__(self, ctx, name):
        self.ctx = ctx
        self.name = name
        self.n = 0
        self.problems = []
        self.vconn = sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True,
                                     timeout=10, isolation_level=None)
        self.log_at = len(ctx.log_text())
        self.workers = worker_pids(ctx)

    def version(self):
        return self.vconn.execute("PRAGMA data_version").fetchone()[0]

    def send(self, label, method="GET", path="/", body=None, ct=FORM,
             headers=None, client=None, expect=(400,), writes=False,
             check=None, raw=None, message=True):
        """Sends one request and checks the answer: status in expect, never
        5xx, a bilingual message (message=False: none needed, e.g. a 200),
        the security headers on our pages, no leak, the database unchanged
        unless writes, and check(r) -> "" or what is wrong.  Returns the
        response or None."""
        if not writes:
            # What earlier requests queued for the search index is indexed
            # after some answer: before this one, not during it.
            self.ctx.index_settled()
        v0 = self.version()
        self.n += 1
        SENT["total"] += 1
        SENT[self.name] = SENT.get(self.name, 0) + 1
        what = "%s [%s]" % (label, self.name)
        try:
            if raw is not None:
                r = raw_request(self.ctx, raw, method=method)
            else:
                c = client or self.ctx.client()
                if isinstance(body, list):
                    body = encode(body)
                elif isinstance(body, str):
                    body = body.encode("utf-8")
                if body is None and ct == FORM:
                    r = c.request(method, path, headers=headers)
                elif ct is None:
                    r = c.request(method, path, body, headers,
                                  no_content_type=True)
                else:
                    r = c.request(method, path, body, headers,
                                  content_type=ct)
        except (AssertionError, OSError, http.client.HTTPException) as e:
            self.problems.append("%s: no answer: %s" % (what, e))
            return None
        bad = []
        if r.status >= 500:
            bad.append("a %d (5xx)" % r.status)
        elif r.status not in expect:
            bad.append("status %d, expected %s" % (
                r.status, " or ".join(map(str, expect))))
        if nginx_default(r):
            # Judged in test_nginx_own_error_pages.
            NGINX_DEFAULT.append((what, r.status))
        else:
            if r.status >= 400 and message and not bilingual(r.text):
                bad.append("no zh-TW + English message: %s"
                           % self.ctx.excerpt(r.text, 160))
            bad += self.ctx.security_header_problems(r)
        for leak in LEAKS:
            if leak in r.text:
                bad.append("the answer holds %r" % leak)
        if not writes and self.version() != v0:
            bad.append("the database changed")
        if check is not None and not bad:
            got = check(r)
            if got:
                bad.append(got)
        if bad:
            self.problems.append("%s -> %d: %s" % (what, r.status,
                                                   "; ".join(bad)))
        return r

    def finish(self):
        """The app is whole: /healthz, the same workers, no worker death
        in the log.  Raises with every problem of the family."""
        ctx = self.ctx
        if not ctx.workers_alive():
            self.problems.append("/healthz does not answer 200 ok after "
                                 "the family")
        now = worker_pids(ctx)
        if self.workers is not None and now != self.workers:
            self.problems.append("the workers changed from %s to %s: one "
                                 "died and was replaced" % (self.workers,
                                                            now))
        log = ctx.log_text()[self.log_at:]
        deaths = re.findall(r".*worker \d+ (?:killed by signal|exited "
                            r"with).*", log)
        if deaths:
            self.problems.append("workers died: %s" % "; ".join(deaths[:5]))
        self.vconn.close()
        print("     %s: %d hostile requests" % (self.name, self.n))
        if self.problems:
            raise AssertionError("%d of %d requests of %s:\n%s" % (
                len(self.problems), self.n, self.name,
                "\n".join(self.problems[:60])))


# ---------------------------------------------------------------- the world

class World:
    """What the families act on, made once: an organizer, a submitted
    proposal, a draft and another submitted one (with their edit tokens),
    a meeting with room for registrations, a comment."""

    def __init__(self, ctx):
        ctx.reset_rate_limits()
        self.org, self.org_login = ctx.staff_client("organizer")
        anon = ctx.client()
        self.p_sub, self.t_sub = ctx.create(anon, GOOD, action="submit")
        self.p_draft, self.t_draft = ctx.create(
            anon, replace(GOOD, title="敵意測試的草稿"))
        self.p_other, self.t_other = ctx.create(
            anon, replace(GOOD, title="另一個提案"), action="submit")
        self.mid = ctx.new_meeting(self.org, "moj", capacity="9999")
        r = ctx.comment(anon, "/commitments/1/comments", body="敵意測試的留言")
        m = re.search(r"#comment-(\d+)$", r.location())
        assert r.status == 303 and m, "comment: %d" % r.status
        self.cid = int(m.group(1))
        self.meeting = ctx.meeting_fields("moj")
        # The families tell "the database did not change" by PRAGMA
        # data_version: make sure it moves when the app writes.
        conn = sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True,
                               isolation_level=None)
        try:
            v0 = conn.execute("PRAGMA data_version").fetchone()[0]
            r = ctx.comment(anon, "/commitments/1/comments", body="版本檢查")
            assert r.status == 303, "comment: %d" % r.status
            v1 = conn.execute("PRAGMA data_version").fetchone()[0]
            assert v1 != v0, "PRAGMA data_version does not show the app's " \
                "writes: the families could not tell a change"
        finally:
            conn.close()

    def post_routes(self):
        """(path, staff, fields(csrf)) of every POST route, on real
        things, with fields that would do something."""
        t_draft = self.t_draft
        meeting = self.meeting
        return [
            ("/proposals", False,
             lambda t: [("csrf", t), ("action", "save")] + GOOD),
            ("/proposals/%d" % self.p_draft, False,
             lambda t: [("csrf", t), ("token", t_draft),
                        ("action", "save")] + GOOD),
            ("/commitments/1/comments", False,
             lambda t: [("csrf", t), ("name", "某人"), ("body", "意見")]),
            ("/commitments/1/reviews", False,
             lambda t: [("csrf", t), ("name", "某人"), ("body", "檢視")]),
            ("/proposals/%d/comments" % self.p_sub, False,
             lambda t: [("csrf", t), ("name", "某人"), ("body", "意見")]),
            ("/meetings/%d/comments" % self.mid, False,
             lambda t: [("csrf", t), ("name", "某人"), ("body", "意見")]),
            ("/agencies/moj/comments", False,
             lambda t: [("csrf", t), ("name", "某人"), ("body", "意見")]),
            ("/comments/%d/report" % self.cid, False,
             lambda t: [("csrf", t)]),
            ("/preview", False, lambda t: [("csrf", t), ("body", "預覽")]),
            ("/meetings/%d/register" % self.mid, False,
             lambda t: [("csrf", t), ("name", "某人"),
                        ("email", "someone@example.org")]),
            ("/login", False,
             lambda t: [("csrf", t), ("login", "nobody"),
                        ("password", "wrong")]),
            ("/logout", True, lambda t: [("csrf", t)]),
            ("/admin/meetings", True,
             lambda t: [("csrf", t), ("action", "save")] + meeting),
            ("/admin/meetings/%d" % self.mid, True,
             lambda t: [("csrf", t), ("action", "cancel")]),
            ("/admin/proposals/%d/answer" % self.p_sub, True,
             lambda t: [("csrf", t), ("status", "adopted"),
                        ("response", "採納。")]),
            ("/admin/proposals/%d/route" % self.p_sub, True,
             lambda t: [("csrf", t), ("agency", "moi")]),
            ("/admin/users", True,
             lambda t: [("csrf", t), ("login", "hostile-new"),
                        ("role", "organizer")]),
            ("/admin/deadline", True,
             lambda t: [("csrf", t), ("deadline", "2030-01-01T00:00")]),
            ("/admin/comments/%d/hide" % self.cid, True,
             lambda t: [("csrf", t), ("reason", "理由")]),
            ("/admin/comments/%d/unhide" % self.cid, True,
             lambda t: [("csrf", t)]),
            ("/admin/items/1/milestones", True,
             lambda t: [("csrf", t), ("deliverable", "交付"),
                        ("starts_on", "2021-01-01"),
                        ("ends_on", "2021-02-01")]),
            ("/admin/items/1/updates", True,
             lambda t: [("csrf", t), ("note", "進度")]),
            ("/admin/review", True,
             lambda t: [("csrf", t), ("status", "open")]),
        ]


def world(ctx):
    w = getattr(ctx, "_hostile_world", None)
    if w is None:
        w = ctx._hostile_world = World(ctx)
    return w


def last_form(page, action):
    """The last form of the page posting to action (the main comment form
    comes after the reply forms), as HTML."""
    forms = [m.group(0) for m in re.finditer(r"<form\b[^>]*>.*?</form>",
                                             page, re.S)
             if re.search(r'action="%s(?:#[^"]*)?"' % re.escape(action),
                          m.group(0).split(">", 1)[0])]
    return forms[-1] if forms else ""


def kept(ctx, action, fields):
    """A check: the form posting to action in the answer shows fields (a
    dict) back as typed."""
    def check(r):
        got = ctx.form_values(last_form(r.text, action))
        lost = ["%s (%r)" % (k, [x[:30] for x in got.get(k, [])])
                for k, v in fields.items()
                if " ".join(v.split()) not in
                [" ".join(x.split()) for x in got.get(k, [])]]
        return "not kept: %s" % ", ".join(lost) if lost else ""
    return check


# ---------------------------------------------------------------- oversized

def test_oversized_body_header_field(ctx):
    w = world(ctx)
    f = Family(ctx, "oversized")
    org = w.org
    tok = ctx.token(org)
    big = 2 * 1024 * 1024 + 1
    for path, client in (("/proposals", None),
                         ("/proposals/%d" % w.p_draft, None),
                         ("/commitments/1/comments", None),
                         ("/login", None),
                         ("/meetings/%d/register" % w.mid, None),
                         ("/preview", None),
                         ("/admin/meetings", org),
                         ("/admin/proposals/%d/answer" % w.p_sub, org)):
        head = ("csrf=%s&body=" % tok).encode()
        f.send("POST %s of 2 MiB + 1" % path, "POST", path,
               head + b"a" * (big - len(head)), client=client,
               expect=(413,))
    f.send("POST /proposals of 5 MiB", "POST", "/proposals",
           b"title=" + b"x" * (5 << 20), expect=(413,))
    H = b"Host: 127.0.0.1\r\nConnection: close\r\n"
    CT = b"Content-Type: application/x-www-form-urlencoded\r\n"
    for label, data, want in (
            ("Content-Length of 10 GiB", b"POST /proposals HTTP/1.1\r\n" +
             H + CT + b"Content-Length: 10737418240\r\n\r\nab", (413,)),
            ("chunked, 3 MiB", b"POST /proposals HTTP/1.1\r\n" + H + CT +
             b"Transfer-Encoding: chunked\r\n\r\n" +
             (b"100000\r\n" + b"a" * 0x100000 + b"\r\n") * 3 +
             b"0\r\n\r\n", (413,)),
            ("Content-Length: -1", b"POST /proposals HTTP/1.1\r\n" + H + CT +
             b"Content-Length: -1\r\n\r\nab", (400,)),
            ("Content-Length: abc", b"POST /proposals HTTP/1.1\r\n" + H +
             CT + b"Content-Length: abc\r\n\r\nab", (400,)),
            ("two Content-Lengths", b"POST /proposals HTTP/1.1\r\n" + H +
             CT + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
             (400,)),
            ("Content-Length and chunked", b"POST /proposals HTTP/1.1\r\n" +
             H + CT + b"Content-Length: 2\r\nTransfer-Encoding: chunked"
             b"\r\n\r\n2\r\nab\r\n0\r\n\r\n", (400,)),
            ("a header of 9000 bytes", b"GET / HTTP/1.1\r\n" + H +
             b"X-Big: " + b"a" * 9000 + b"\r\n\r\n", (400, 431)),
            ("a Cookie of 12000 bytes", b"GET / HTTP/1.1\r\n" + H +
             b"Cookie: a=" + b"b" * 12000 + b"\r\n\r\n", (400, 431)),
            ("600 headers", b"GET / HTTP/1.1\r\n" + H +
             b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 80)
                      for i in range(600)) + b"\r\n", (400, 431)),
            ("a request line of 9000 bytes", b"GET /" + b"a" * 9000 +
             b" HTTP/1.1\r\n" + H + b"\r\n", (414,)),
            ("a Host header that is no host", b"GET / HTTP/1.1\r\n"
             b"Host: a b\r\nConnection: close\r\n\r\n", (400,)),
            ("no Host header", b"GET / HTTP/1.1\r\nConnection: close"
             b"\r\n\r\n", (400,))):
        f.send(label, "POST" if data.startswith(b"POST") else "GET",
               raw=data, expect=want)
    # Within nginx's buffers but beyond the app's own limits: the app's
    # bilingual 431 (cookies) and 414 (an address too long: the path or
    # the query).
    c = ctx.client()
    f.send("a Cookie header of 5000 bytes", "GET", "/", client=c,
           headers={"Cookie": "x=" + "y" * 5000}, expect=(431,))
    f.send("a Cookie of 100 pairs", "GET", "/", client=c,
           headers={"Cookie": "; ".join("k%d=v" % i for i in range(100))},
           expect=(431,))
    f.send("a query string of 5000 bytes", "GET", "/proposals?q=" +
           "a" * 5000, expect=(414,))
    f.send("a path of 1100 bytes", "GET", "/" + "a" * 1100, expect=(414,))
    f.send("a path of 4000 bytes", "GET", "/proposals/" + "9" * 4000,
           expect=(414,))
    f.send("a User-Agent of 6000 bytes (harmless)", "GET", "/",
           headers={"User-Agent": "u" * 6000}, expect=(200,),
           message=False)

    # Fields one character over their limit, in every form: 4xx and the
    # text kept in the form shown again.
    c = ctx.client()
    tok = ctx.form_token(c)
    over = {"lead_agency_other": "他" * 101, "commitment": "諾" * 20001,
            "contribution": "獻" * 20001, "relevance": "關" * 20001,
            "submitter": "名" * 201, "phone": "1" * 51,
            "email": "a" * 250 + "@x.tw"}
    for name, value in over.items():
        fields = replace(GOOD, **{name: value})
        if name == "lead_agency_other":
            fields = replace(fields, lead_agency=None)
        for action in ("save", "submit"):
            f.send("proposal %s of %d characters (%s)" % (
                name, len(value), action), "POST", "/proposals",
                [("csrf", tok), ("action", action)] + fields, client=c,
                expect=(400, 413, 422),
                check=kept(ctx, "/proposals", {name: value,
                                               "problem": dict(GOOD)[
                                                   "problem"]}))
    r = c.get("/proposals/%d/edit?token=%s" % (w.p_draft, w.t_draft))
    etok = ctx.csrf(r.text)
    f.send("update with a submitter of 201 characters", "POST",
           "/proposals/%d" % w.p_draft,
           [("csrf", etok), ("token", w.t_draft), ("action", "save")] +
           replace(GOOD, submitter="名" * 201), client=c,
           expect=(400, 413, 422),
           check=kept(ctx, "/proposals/%d" % w.p_draft,
                      {"submitter": "名" * 201}))
    f.send("milestone deliverable of 201 characters", "POST", "/proposals",
           [("csrf", tok), ("action", "save")] + GOOD +
           [("ms_deliverable", "交" * 201), ("ms_start", "2021-01-01"),
            ("ms_end", "2021-02-01")], client=c, expect=(400, 413, 422),
           check=kept(ctx, "/proposals", {"ms_deliverable": "交" * 201}))
    ctok = ctx.token(c)
    for path in ("/commitments/2/comments", "/proposals/%d/comments"
                 % w.p_sub, "/meetings/%d/comments" % w.mid,
                 "/agencies/moi/comments"):
        fields = {"name": "某人", "affiliation": "單" * 101, "body": "內容"}
        f.send("comment affiliation of 101 characters on %s" % path, "POST",
               path, [("csrf", ctok)] + list(fields.items()), client=c,
               expect=(422,), check=kept(ctx, path, fields))
    reg = "/meetings/%d/register" % w.mid
    for name, value in (("name", "名" * 101), ("affiliation", "單" * 101),
                        ("email", "a" * 250 + "@x.tw")):
        fields = {"name": "某人", "affiliation": "", "email":
                  "reg@example.org"}
        fields[name] = value
        f.send("registration %s too long" % name, "POST", reg,
               [("csrf", ctok)] + list(fields.items()), client=c,
               expect=(422,), check=kept(ctx, reg, {name: value}))
    otok = ctx.token(org)
    for name, value in (("title", "會" * 201), ("place", "地" * 201),
                        ("agenda", "議" * 20001), ("experts", "專" * 5001),
                        ("minutes", "紀" * 50001),
                        ("online_url", "https://x.tw/" + "a" * 500),
                        ("recording_url", "https://x.tw/" + "a" * 500)):
        fields = ctx.meeting_fields("moj", **{name: value})
        f.send("meeting %s too long" % name, "POST", "/admin/meetings",
               [("csrf", otok), ("action", "save")] + fields, client=org,
               expect=(400, 413, 422),
               check=kept(ctx, "/admin/meetings", {name: value}))
    ans = "/admin/proposals/%d/answer" % w.p_sub
    f.send("answer of 20001 characters", "POST", ans,
           [("csrf", otok), ("status", "adopted"), ("response", "答" * 20001)],
           client=org, expect=(400, 413, 422),
           check=kept(ctx, ans, {"response": "答" * 20001}))
    for path, fields, name in (
            ("/admin/items/1/updates", [("note", "進" * 5001)], "note"),
            ("/admin/items/1/milestones", [("deliverable", "交" * 201),
                                           ("starts_on", "2021-01-01"),
                                           ("ends_on", "2021-02-01")],
             "deliverable")):
        value = dict(fields)[name]

        def has_text(r, value=value):
            return "" if value in html.unescape(r.text) else \
                "the text typed is not shown back"
        f.send("%s of %d characters" % (name, len(value)), "POST", path,
               [("csrf", otok)] + fields, client=org, expect=(400, 413, 422),
               check=has_text)
    f.finish()


# ---------------------------------------------------------------- field count

def test_field_count(ctx):
    w = world(ctx)
    f = Family(ctx, "field count")
    c = ctx.client()
    tok = ctx.form_token(c)
    org = w.org
    otok = ctx.token(org)
    # The largest form that may be sent: 128 fields (REQ_MAX_FIELDS).
    # One more is refused.
    base = [("csrf", tok), ("action", "save")] + GOOD
    pad = 128 - len(base)
    ok = base + [("value", "transparency")] * pad
    f.send("128 fields (the limit)", "POST", "/proposals", ok, client=c,
           expect=(303,), writes=True, message=False)
    f.send("129 fields", "POST", "/proposals", ok + [("value", "transparency")],
           client=c, expect=(400,))
    for path, client, head in (
            ("/commitments/1/comments", c, [("csrf", tok), ("name", "某"),
                                            ("body", "x")]),
            ("/meetings/%d/register" % w.mid, c, [("csrf", tok)]),
            ("/login", c, [("csrf", tok)]),
            ("/preview", c, [("csrf", tok)]),
            ("/admin/meetings", org, [("csrf", otok)]),
            ("/admin/proposals/%d/answer" % w.p_sub, org, [("csrf", otok)])):
        f.send("%s with 129 fields" % path, "POST", path,
               head + [("item" if "meetings" in path else "value", "1")] *
               (129 - len(head)), client=client, expect=(400,))
        f.send("%s with 1000 fields" % path, "POST", path,
               encode(head) + b"&" + b"&".join(b"f%d=1" % i
                                               for i in range(1000)),
               client=client, expect=(400,))
        f.send("%s with 100000 ampersands" % path, "POST", path,
               encode(head) + b"&" * 100000, client=client, expect=(400,))
    f.send("a query of 129 parameters", "GET", "/proposals?" +
           "&".join("page=%d" % i for i in range(129)), expect=(400,))
    f.send("a query of 3000 ampersands", "GET", "/proposals?" + "&" * 3000,
           expect=(400,))
    f.send("a query of 200 names without values", "GET", "/search?" +
           "&".join("x%d" % i for i in range(200)), expect=(400,))
    f.finish()


# ---------------------------------------------------------------- encodings

BAD_BYTES = [
    ("invalid UTF-8 (FF)", "%FF"),
    ("a lone continuation byte", "%80"),
    ("an overlong slash (C0 AF)", "%C0%AF"),
    ("an overlong 3-byte form (E0 80 AF)", "%E0%80%AF"),
    ("an overlong NUL (C0 80)", "%C0%80"),
    ("NUL", "%00"),
    ("a lone high surrogate (ED A0 80)", "%ED%A0%80"),
    ("a lone low surrogate (ED BF BF)", "%ED%BF%BF"),
    ("a 5-byte form", "%F8%88%80%80%80"),
    ("beyond U+10FFFF (F4 90 80 80)", "%F4%90%80%80"),
    ("a truncated sequence", "%E4%B8"),
]


def _enc_message(label):
    return "NUL" if label.startswith("NUL") else "UTF-8"


def test_encodings(ctx):
    """Invalid UTF-8, overlong forms, NUL and lone surrogates in field
    values, field names, the query string and the path, percent-encoded
    and raw."""
    w = world(ctx)
    f = Family(ctx, "encodings")
    c = ctx.client()
    tok = ctx.form_token(c)
    org = w.org
    otok = ctx.token(org)
    forms = [
        ("/proposals", c, "csrf=%s&action=save&title=" % tok),
        ("/commitments/1/comments", c, "csrf=%s&name=x&body=" % tok),
        ("/meetings/%d/register" % w.mid, c, "csrf=%s&email=a@b.tw&name="
         % tok),
        ("/login", c, "csrf=%s&password=x&login=" % tok),
        ("/admin/meetings", org, "csrf=%s&action=save&title=" % otok),
        ("/admin/proposals/%d/answer" % w.p_sub, org,
         "csrf=%s&status=adopted&response=" % otok),
    ]

    def says(word):
        return lambda r: "" if word in r.text else \
            "the message does not name %s" % word

    for path, client, head in forms:
        for label, enc in BAD_BYTES:
            f.send("%s: a value with %s" % (path, label), "POST", path,
                   (head + "ab" + enc + "cd").encode(), client=client,
                   expect=(400,), check=says(_enc_message(label)))
        for label, enc in (BAD_BYTES[0], BAD_BYTES[2], BAD_BYTES[5],
                           BAD_BYTES[6]):
            f.send("%s: a field name with %s" % (path, label), "POST", path,
                   (head + "x&ti" + enc + "tle=x").encode(), client=client,
                   expect=(400,), check=says(_enc_message(label)))
        f.send("%s: raw bytes FF FE in the body" % path, "POST", path,
               head.encode() + b"a\xff\xfeb", client=client, expect=(400,))
        f.send("%s: a raw NUL byte in the body" % path, "POST", path,
               head.encode() + b"a\x00b", client=client, expect=(400,))
    # The query string, on pages that read it and on pages that do not.
    for path in ("/proposals?q=", "/search?q=", "/login?next=",
                 "/proposals/new?kind=", "/proposals/%d/history?from="
                 % w.p_sub, "/?x="):
        for label, enc in BAD_BYTES[:8]:
            f.send("GET %s with %s" % (path, label), "GET", path + enc,
                   expect=(400,), check=says(_enc_message(label)))
    f.send("a query name with FF", "GET", "/proposals?q%FF=1", expect=(400,))
    H = b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    for q in (b"/proposals?q=\xff", b"/search?q=\xc0\xaf",
              b"/?x=\xed\xa0\x80", b"/proposals?\xfe=1"):
        f.send("raw query %r" % q, raw=b"GET " + q + H, expect=(400,))
    # The path: nginx decodes it; the app refuses what is not UTF-8.
    for label, enc in BAD_BYTES:
        for path in ("/commitments/1" + enc, "/proposals/" + enc + "/edit",
                     "/" + enc):
            f.send("GET %s (%s)" % (path, label), "GET", path,
                   expect=(400, 404))
    for p in (b"/a\xffb", b"/proposals/\xc0\xaf", b"/\xed\xa0\x80",
              b"/commitments/\xf4\x90\x80\x80", b"/a\x00b", b"/a\x01b"):
        f.send("raw path %r" % p, raw=b"GET " + p + H, expect=(400,))
    # Cookies are not text the app reads: odd bytes are ignored.
    f.send("raw bytes in the cookies", raw=b"GET / HTTP/1.1\r\nHost: "
           b"127.0.0.1\r\nConnection: close\r\nCookie: cc_session=\xff\xfe;"
           b" cc_csrf=\xc0\xaf\r\n\r\n", expect=(200,), message=False)
    f.finish()


BAD_PERCENT = ["%G1", "%", "%4", "%%41", "%zz", "%u0041", "%+1", "%-1",
               "%\u00e9"]


def test_bad_percent_encoding(ctx):
    w = world(ctx)
    f = Family(ctx, "percent")
    c = ctx.client()
    tok = ctx.form_token(c)
    org = w.org
    otok = ctx.token(org)
    for path, client, head in (
            ("/proposals", c, "csrf=%s&action=save&title=" % tok),
            ("/commitments/1/comments", c, "csrf=%s&name=x&body=" % tok),
            ("/meetings/%d/register" % w.mid, c, "csrf=%s&name=x&email="
             % tok),
            ("/login", c, "csrf=%s&login=x&password=" % tok),
            ("/admin/proposals/%d/answer" % w.p_sub, org,
             "csrf=%s&status=adopted&response=" % otok)):
        for bad in BAD_PERCENT:
            f.send("%s: value %r" % (path, bad), "POST", path,
                   (head + "ab" + bad).encode("utf-8"), client=client,
                   expect=(400,))
        f.send("%s: a name with %%G1" % path, "POST", path,
               (head + "x&ti%G1tle=x").encode(), client=client,
               expect=(400,))
    for path in ("/proposals?q=", "/search?q=", "/login?next=", "/?"):
        for bad in BAD_PERCENT[:7]:
            f.send("GET %s%s" % (path, bad), "GET", path +
                   Q(bad, safe="%+-"), expect=(400,))
    # In the path nginx refuses it before the app sees it.
    for bad in ("%G1", "%", "%4", "%zz"):
        f.send("GET /proposals/%s" % bad, raw=b"GET /proposals/" +
               bad.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Connection: close\r\n\r\n", expect=(400,))
    f.finish()


# ---------------------------------------------------------------- ids

BAD_IDS = ["0", "-1", "00", "01", "abc", "0x1", "1.5", "1e3", "%201",
           "1%20", "+1", "%2B1", "9223372036854775807",
           "99999999999999999999", "1000000000000000", "999999999999999",
           "%D9%A1", "1;2", "1,2", "%EF%BC%91"]


def test_ids_in_every_route(ctx):
    """Huge, negative, zero, non-numeric, hex, float, space-padded and
    other odd ids in every {id} route: 404 (no such page or thing),
    nothing changed."""
    w = world(ctx)
    f = Family(ctx, "ids")
    org = w.org
    otok = ctx.token(org)
    anon = ctx.client()
    atok = ctx.token(anon)
    get_routes = [("/commitments/%s", None), ("/proposals/%s", None),
                  ("/proposals/%s/edit?token=" + w.t_sub, None),
                  ("/proposals/%s/print", None),
                  ("/proposals/%s/history", None), ("/meetings/%s", None),
                  ("/meetings/%s/history", None),
                  ("/admin/proposals/%s", org),
                  ("/admin/proposals/%s.odt", org),
                  ("/admin/meetings/%s/edit", org)]
    post_routes = [
        ("/proposals/%s", anon, [("csrf", atok), ("token", w.t_sub),
                                 ("action", "save")] + GOOD),
        ("/meetings/%s/register", anon, [("csrf", atok), ("name", "某"),
                                         ("email", "a@b.tw")]),
        ("/commitments/%s/comments", anon, [("csrf", atok), ("name", "某"),
                                            ("body", "x")]),
        ("/commitments/%s/reviews", anon, [("csrf", atok), ("name", "某"),
                                           ("body", "x")]),
        ("/proposals/%s/comments", anon, [("csrf", atok), ("name", "某"),
                                          ("body", "x")]),
        ("/meetings/%s/comments", anon, [("csrf", atok), ("name", "某"),
                                         ("body", "x")]),
        ("/comments/%s/report", anon, [("csrf", atok)]),
        ("/admin/items/%s/milestones", org, [
            ("csrf", otok), ("deliverable", "x"), ("starts_on", "2021-01-01"),
            ("ends_on", "2021-02-01")]),
        ("/admin/items/%s/updates", org, [("csrf", otok), ("note", "x")]),
        ("/admin/meetings/%s", org, [("csrf", otok), ("action", "cancel")]),
        ("/admin/proposals/%s/answer", org, [("csrf", otok),
                                             ("status", "adopted"),
                                             ("response", "x")]),
        ("/admin/proposals/%s/route", org, [("csrf", otok),
                                            ("agency", "moi")]),
        ("/admin/comments/%s/hide", org, [("csrf", otok), ("reason", "x")]),
        ("/admin/comments/%s/unhide", org, [("csrf", otok)]),
    ]
    for pattern, client in get_routes:
        for bad in BAD_IDS:
            path = pattern % bad
            f.send("GET " + path, "GET", path, client=client, expect=(404,))
    for pattern, client, fields in post_routes:
        for bad in BAD_IDS:
            path = pattern % bad
            f.send("POST " + path, "POST", path, fields, client=client,
                   expect=(404,))
    # The agency slug too.
    for slug in ("NDC", "-ndc", "ndc%00", "nd%20c", "a" * 40, "moj'--",
                 "moj%3Bx", "%E5%8F%B0"):
        for pattern in ("/agencies/%s", "/agencies/%s/meetings.ics"):
            f.send("GET " + pattern % slug, "GET", pattern % slug,
                   expect=(400, 404))
        f.send("POST /agencies/%s/comments" % slug, "POST",
               "/agencies/%s/comments" % slug,
               [("csrf", atok), ("name", "某"), ("body", "x")], client=anon,
               expect=(400, 404))
    f.finish()


# ---------------------------------------------------------------- methods

def test_methods_and_content_types(ctx):
    w = world(ctx)
    f = Family(ctx, "methods and content types")
    org = w.org
    anon = ctx.client()
    atok = ctx.token(anon)
    otok = ctx.token(org)
    routes = [("/", "GET, HEAD", None), ("/healthz", "GET, HEAD", None),
              ("/proposals", "GET, HEAD, POST", None),
              ("/proposals/%d" % w.p_sub, "GET, HEAD, POST", None),
              ("/proposals/%d/edit" % w.p_draft, "GET, HEAD", None),
              ("/commitments/1/comments", "POST", None),
              ("/meetings/%d/register" % w.mid, "POST", None),
              ("/login", "GET, HEAD, POST", None), ("/logout", "POST", None),
              ("/preview", "POST", None), ("/feed.atom", "GET, HEAD", None),
              ("/admin/meetings", "GET, HEAD, POST", org),
              ("/admin/proposals/%d/answer" % w.p_sub, "POST", org),
              ("/admin/users", "GET, HEAD, POST", org)]

    def allow(want):
        def check(r):
            got = sorted(m.strip().upper() for m in r.header("Allow").split(",")
                         if m.strip())
            return "" if got == sorted(want.split(", ")) else \
                "Allow: %r, expected %r" % (r.header("Allow", None), want)
        return check

    for path, methods, client in routes:
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
            body = encode([("csrf", otok if client else atok)] + GOOD) \
                if method in ("PUT", "PATCH") else None
            f.send("%s %s" % (method, path), method, path, body,
                   client=client or anon, expect=(405,),
                   check=allow(methods))
        if "GET" not in methods:
            for method in ("GET", "HEAD"):
                f.send("%s %s" % (method, path), method, path,
                       client=client or anon, expect=(405,),
                       check=allow(methods), message=method == "GET")
    # Methods nginx itself refuses.
    H = b" / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    for m in (b"TRACE", b"CONNECT", b"G\x00ET", b"get"):
        f.send("%r /" % m, raw=m + H, expect=(400, 405))
    f.send("an unknown method", "BREW", "/", expect=(405,))

    # Content types on every POST route: 415 for what is not a form; a
    # form with odd parameters is read as a form (and refused here for its
    # missing csrf).
    bodies = {
        "application/json": b'{"title": "x", "csrf": "y"}',
        "multipart/form-data; boundary=XyZ":
            b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n"
            b"\r\nx\r\n--XyZ--\r\n",
        "text/plain": b"title=x",
        "text/html": b"<p>title=x</p>",
        "application/xml": b"<title>x</title>",
        "application/x-www-form-urlencodedX": b"title=x",
        "application/x-www-form-urlencoded-utf8": b"title=x",
        "application/x-www-form-urlencoded, application/json": b"title=x",
        None: b"title=x",
    }
    odd_forms = ["application/x-www-form-urlencoded; charset=utf-16",
                 "APPLICATION/X-WWW-FORM-URLENCODED",
                 "application/x-www-form-urlencoded;;;",
                 "application/x-www-form-urlencoded; boundary=----x"]
    for path, staff, fields in w.post_routes():
        client = org if staff else anon
        for ct, body in bodies.items():
            f.send("POST %s as %s" % (path, ct), "POST", path, body,
                   ct=ct, client=client, expect=(415,),
                   check=lambda r: "" if "application/x-www-form-urlencoded"
                   in r.text else "the message does not say what is taken")
        for ct in odd_forms:
            f.send("POST %s as %r without csrf" % (path, ct), "POST", path,
                   encode([(k, v) for k, v in fields("x") if k != "csrf"]),
                   ct=ct, client=client, expect=(403, 415))
    f.finish()


# ---------------------------------------------------------------- paths

def test_paths(ctx):
    """Path traversal and odd paths: nothing outside the site is served,
    nothing of the checkout either."""
    f = Family(ctx, "paths")
    org, _ = ctx.staff_client("organizer")
    cases = [
        ("/proposals/1/../../etc/passwd", (400, 404)),
        ("/proposals/1/../../../../../../etc/passwd", (400, 404)),
        ("//", (200,)),
        ("///proposals", (200,)),
        ("/./", (200,)),
        ("/.", (200, 404)),
        ("/%2e%2e/", (400,)),
        ("/%2e%2e/etc/passwd", (400,)),
        ("/%2E%2E/%2E%2E/etc/passwd", (400,)),
        ("/..%2f..%2fetc/passwd", (400, 404)),
        ("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", (400, 404)),
        ("/static/../schema.sql", (404,)),
        ("/static/%2e%2e/schema.sql", (404,)),
        ("/static/..%2fschema.sql", (400, 404)),
        ("/static/%2e%2e%2fschema.sql", (400, 404)),
        ("/static/../../../../etc/passwd", (400, 404)),
        ("/static/....//schema.sql", (404,)),
        ("/static/errors/../../schema.sql", (404,)),
        ("/static/../src/main.c", (404,)),
        ("/static/../Makefile", (404,)),
        ("/static/..\\schema.sql", (404,)),
        ("/static/%5c..%5cschema.sql", (404,)),
        ("/static/style.css%00.html", (400, 404)),
        ("/static/style.css/", (404,)),
        ("/static/style.css/..", (200, 403, 404)),
        ("/favicon.ico/../schema.sql", (404,)),
        ("/../schema.sql", (400,)),
        ("/schema.sql", (404,)),
        ("/cocreate.db", (404,)),
        ("/cocreate.db-wal", (404,)),
        ("/.git/config", (404,)),
        ("/.env", (404,)),
        ("/organizer.txt", (404,)),
        ("/nginx.conf", (404,)),
        ("/cocreate.log", (404,)),
        ("/errors/413.html", (404,)),
        ("/errors/../schema.sql", (404,)),
        ("/proposals/", (404,)),
        ("/commitments/", (404,)),
        ("/commitments/1/", (404,)),
        ("/agencies/moj/", (404,)),
        ("/proposals/new/", (404,)),
        ("/admin/", (404,)),
        ("/healthz/", (404,)),
        # nginx decodes %2F into a slash: these are ordinary paths.
        ("/proposals%2F1", (200, 404)),
        ("/proposals%2fnew", (200,)),
        ("/commitments%2F1", (200,)),
        ("/proposals/1%2Fedit", (403, 404)),
        ("/proposals;jsessionid=1", (404,)),
        ("/proposals/new;x", (404,)),
        ("/proposals/new/.", (404,)),
        ("/proposals/new/..", (404,)),
        ("/commitments/1/../2", (200,)),
        ("/COMMITMENTS", (404,)),
        ("/Proposals/New", (404,)),
        ("/*", (404,)),
        ("/proposals/*/edit", (404,)),
        ("/\\..\\..\\etc\\passwd", (404,)),
        ("/%5c..%5c..%5cetc%5cpasswd", (404,)),
        ("/proposals/new%23x", (404,)),
        ("/proposals/new%3Fkind=add", (404,)),
        ("/%20", (404,)),
        ("/proposals%20", (404,)),
        ("/" + "a" * 1100, (414,)),
        ("/" + "../" * 30 + "etc/passwd", (400,)),
        ("/static/" + "a/" * 600, (404,)),
    ]
    for path, want in cases:
        msg = 200 not in want
        f.send("GET " + path, raw=b"GET " + path.encode() +
               b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
               expect=want, message=msg)
    # As staff too: the admin pages do not open on odd paths.
    for path in ("/admin/../admin/users", "/admin/./users", "//admin//users",
                 "/admin%2fusers", "/admin/users/", "/admin/users%00"):
        f.send("GET %s as staff" % path, "GET", path, client=org,
               expect=(200, 400, 404), message=False)
    f.finish()


# ---------------------------------------------------------------- SQL

SQLI = [
    "' OR '1'='1",
    "'; DROP TABLE proposals; --",
    "\"; DELETE FROM users; --",
    "1' UNION SELECT password_hash, login FROM users --",
    "%' OR 1=1 --",
    "') OR ('a'='a",
    "1; UPDATE settings SET value='2000-01-01T00:00:00Z' WHERE key="
    "'deadline' --",
    "\\' OR 1=1 #",
    "' AND 1=(SELECT count(*) FROM sqlite_master) --",
    "\" OR \"\"=\"",
    "admin'--",
    "1) OR (1=1",
    "'||(SELECT hex(token_hash) FROM proposals LIMIT 1)||'",
    "\" NEAR(a b) OR title:x* ^y -z",
]

# What no request of the family is meant to change (an item's status does
# change with a progress note: "under way once it reports progress").
PROTECTED = {
    "users": "SELECT * FROM users",
    "settings": "SELECT * FROM settings",
    "agencies": "SELECT * FROM agencies",
    "commitments": "SELECT * FROM commitments",
    "commitment_agencies": "SELECT * FROM commitment_agencies",
    "items": "SELECT id, commitment_id, position, title, title_en, body, "
             "lead_agency_id FROM items",
    "sessions": "SELECT * FROM sessions",
}


def table_hash(ctx, tables):
    """{table: sha256 of its rows, sorted} and the schema's; tables:
    {name: query}."""
    conn = sqlite3.connect("file:%s?mode=ro" % ctx.db, uri=True, timeout=10)
    try:
        out = {}
        for t, sql in tables.items():
            rows = sorted(repr(r) for r in conn.execute(sql))
            out[t] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        out["schema"] = hashlib.sha256(repr(conn.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name")
            .fetchall()).encode()).hexdigest()
        return out
    finally:
        conn.close()


def proposal_links(page):
    return set(int(x) for x in re.findall(r'href="/proposals/(\d+)"', page))


def test_sql_injection(ctx):
    """SQL injection strings in every field of every form and in the query
    parameters: stored and shown as the text they are; refused where a
    field has a format; nothing else changes."""
    w = world(ctx)
    ctx.reset_rate_limits()
    f = Family(ctx, "sql injection")
    org = w.org
    otok = ctx.token(org)
    before = table_hash(ctx, PROTECTED)
    fail_rowid = ctx.query("SELECT coalesce(max(rowid), 0) FROM "
                           "login_failures")[0][0]
    anon = ctx.client()
    tok = ctx.form_token(anon)

    # Query parameters first, while no proposal holds these strings.
    for p in SQLI:
        qp = Q(p)

        def none_listed(r, p=p):
            want = set(x[0] for x in ctx.query(
                "SELECT id FROM proposals WHERE status='submitted' AND "
                "(instr(title, ?) OR instr(problem, ?) OR instr(commitment, "
                "?) OR instr(submitter, ?))", (p, p, p, p)))
            got = proposal_links(r.text)
            return "" if got <= want else \
                "lists proposals without the words: %s" % sorted(got - want)
        f.send("/proposals?q=%s" % p, "GET", "/proposals?q=" + qp,
               expect=(200,), message=False, check=none_listed)
        # /search matches each word apart: only that it answers.
        f.send("/search?q=%s" % p, "GET", "/search?q=" + qp, expect=(200,),
               message=False)
        f.send("/proposals?agency=%s" % p, "GET", "/proposals?agency=" + qp,
               expect=(400,))
        f.send("/proposals?value=%s" % p, "GET", "/proposals?value=" + qp,
               expect=(400,))
        f.send("/proposals?page=%s" % p, "GET", "/proposals?page=" + qp,
               expect=(400,))
        f.send("/search?agency=%s&q=x" % p, "GET", "/search?q=abc&agency=" +
               qp, expect=(400,))
        f.send("/search?status=%s&q=x" % p, "GET", "/search?q=abc&status=" +
               qp, expect=(400,))
        f.send("/search?kind=%s&q=x" % p, "GET", "/search?q=abc&kind=" + qp,
               expect=(400,))
        f.send("history from/to %s" % p, "GET", "/proposals/%d/history?"
               "from=%s&to=%s" % (w.p_sub, qp, qp), expect=(200,),
               message=False)
        f.send("/login?next=%s" % p, "GET", "/login?next=" + qp,
               expect=(200,), message=False)
    # The proposal form: every text field holds the string, stored as is.
    for p in SQLI:
        fields = replace(GOOD, title="SQL " + p, lead_agency=None,
                         lead_agency_other=p[:100], problem=p, commitment=p,
                         contribution=p, relevance=p, submitter=p[:200])
        fields += [("ms_deliverable", p), ("ms_start", "2021-01-01"),
                   ("ms_end", "2021-02-01")]

        def stored(r, p=p):
            m = re.search(r"/proposals/(\d+)/edit", r.location())
            if not m:
                return "no edit link in %r" % r.location()
            got = ctx.query("SELECT title, lead_agency_other, problem, "
                            "commitment, contribution, relevance, submitter, "
                            "milestones FROM proposals WHERE id=?",
                            (int(m.group(1)),))
            want = [("SQL " + p, p[:100], p, p, p, p, p[:200],
                     p + "\t2021-01-01\t2021-02-01\n")]
            return "" if got == want else "stored %r" % got
        f.send("proposal with %s in every text field" % p, "POST",
               "/proposals", [("csrf", tok), ("action", "submit")] + fields,
               client=anon, expect=(303,), writes=True, message=False,
               check=stored)
    for name in ("kind", "target_item", "lead_agency", "value", "phone",
                 "email", "action", "ms_start"):
        for p in SQLI[:5]:
            fields = replace(GOOD, **{name: p}) if name not in (
                "action", "ms_start") else GOOD
            head = [("csrf", tok), ("action", p if name == "action" else
                                    "save")]
            if name == "ms_start":
                fields = fields + [("ms_deliverable", "x"), ("ms_start", p),
                                   ("ms_end", "2021-01-01")]
            check = kept(ctx, "/proposals", {name: p}) \
                if name in ("phone", "email", "ms_start") else None
            f.send("proposal %s = %s" % (name, p), "POST", "/proposals",
                   head + fields, client=anon, expect=(400, 422),
                   check=check)
    r = anon.get("/proposals/%d/edit?token=%s" % (w.p_draft, w.t_draft))
    etok = ctx.csrf(r.text)
    for p in SQLI[:6]:
        f.send("update with the token %s" % p, "POST", "/proposals/%d"
               % w.p_draft, [("csrf", etok), ("token", p),
                             ("action", "save")] + GOOD, client=anon,
               expect=(403,))
    # Comments: name, affiliation and body as typed; parent refused.
    for p in SQLI:
        def comment_stored(r, p=p):
            m = re.search(r"#comment-(\d+)$", r.location())
            got = ctx.query("SELECT name, affiliation, body FROM comments "
                            "WHERE id=?", (int(m.group(1)),)) if m else None
            return "" if got == [(p[:100], p[:100], p)] else \
                "stored %r" % (got,)
        f.send("comment with %s" % p, "POST", "/proposals/%d/comments"
               % w.p_sub, [("csrf", tok), ("name", p[:100]),
                           ("affiliation", p[:100]), ("body", p)],
               client=anon, expect=(303,), writes=True, message=False,
               check=comment_stored)
        f.send("comment parent %s" % p, "POST", "/commitments/1/comments",
               [("csrf", tok), ("name", "某"), ("body", "x"),
                ("parent", p)], client=anon, expect=(400,))
    # Registration.
    reg = "/meetings/%d/register" % w.mid
    for i, p in enumerate(SQLI):
        email = "sqli-%d-%s@example.org" % (i, ctx.unique("r"))

        def reg_stored(r, p=p, email=email):
            got = ctx.query("SELECT name, affiliation FROM registrations "
                            "WHERE email=?", (email,))
            return "" if got == [(p[:100], p[:100])] else "stored %r" % got
        f.send("registration with %s" % p, "POST", reg,
               [("csrf", tok), ("name", p[:100]), ("affiliation", p[:100]),
                ("email", email)], client=anon, expect=(303,), writes=True,
               message=False, check=reg_stored)
    for p in SQLI[:5]:
        f.send("registration e-mail %s" % p, "POST", reg,
               [("csrf", tok), ("name", "某"), ("email", p)], client=anon,
               expect=(422,), check=kept(ctx, reg, {"email": p}))
    # Login: the strings are no login, no password; nobody is signed in.
    for name, p in [("login", x) for x in SQLI[:4]] + \
            [("password", x) for x in SQLI[:4]]:
        c = ctx.client()
        lt = ctx.token(c)
        fields = {"login": w.org_login, "password": "wrong"}
        fields[name] = p
        f.send("login with %s = %s" % (name, p), "POST", "/login",
               [("csrf", lt)] + list(fields.items()), client=c,
               expect=(403, 429), writes=True,
               check=lambda r: "a session cookie was set"
               if "cc_session" in r.set_cookies() else "")
    # The meeting form (organizer).
    for p in SQLI:
        title = ("SQL " + p)[:200]
        fields = ctx.meeting_fields("moj", title=title, place=p[:200],
                                    agenda=p, experts="%s, %s" % (
                                        p[:80], p[:80]), minutes=p)

        def meeting_stored(r, p=p, title=title):
            m = re.match(r"^/meetings/(\d+)$", r.location())
            got = ctx.query("SELECT title, place, agenda, minutes FROM "
                            "meetings WHERE id=?", (int(m.group(1)),)) \
                if m else None
            return "" if got == [(title, p[:200], p, p)] else \
                "stored %r" % (got,)
        f.send("meeting with %s" % p, "POST", "/admin/meetings",
               [("csrf", otok), ("action", "save")] + fields, client=org,
               expect=(303,), writes=True, message=False,
               check=meeting_stored)
    for name in ("agency", "item", "starts_at", "ends_at", "capacity",
                 "online_url", "recording_url"):
        for p in SQLI[:4]:
            fields = ctx.meeting_fields(p) if name == "agency" else \
                ctx.meeting_fields("moj", **{name: p})
            f.send("meeting %s = %s" % (name, p), "POST", "/admin/meetings",
                   [("csrf", otok), ("action", "save")] + fields, client=org,
                   expect=(400, 422),
                   check=None if name in ("agency", "item") else
                   kept(ctx, "/admin/meetings", {name: p}))
    # Answers, routing, users, the deadline, tracking.
    ans = "/admin/proposals/%d/answer" % w.p_sub
    for p in SQLI[:6]:
        def answer_stored(r, p=p):
            got = ctx.query("SELECT response FROM answers WHERE proposal_id=?"
                            " ORDER BY id DESC LIMIT 1", (w.p_sub,))
            return "" if got == [(p,)] else "stored %r" % got
        f.send("answer with %s" % p, "POST", ans,
               [("csrf", otok), ("status", "under_review"),
                ("response", p)], client=org, expect=(303,), writes=True,
               message=False, check=answer_stored)
        f.send("answer status %s" % p, "POST", ans,
               [("csrf", otok), ("status", p), ("response", "x")],
               client=org, expect=(400, 422))
        f.send("answer item %s" % p, "POST", ans,
               [("csrf", otok), ("status", "merged"), ("item", p),
                ("response", "x")], client=org, expect=(400, 422))
        f.send("routing to %s" % p, "POST", "/admin/proposals/%d/route"
               % w.p_sub, [("csrf", otok), ("agency", p)], client=org,
               expect=(400, 422))
        f.send("new user %s" % p, "POST", "/admin/users",
               [("csrf", otok), ("login", p), ("role", "organizer")],
               client=org, expect=(400, 422))
        f.send("new user role %s" % p, "POST", "/admin/users",
               [("csrf", otok), ("login", "sqli-user"), ("role", p)],
               client=org, expect=(400, 422))
        f.send("deadline %s" % p, "POST", "/admin/deadline",
               [("csrf", otok), ("deadline", p)], client=org,
               expect=(400, 422))
        f.send("milestone dates %s" % p, "POST", "/admin/items/1/milestones",
               [("csrf", otok), ("deliverable", "x"), ("starts_on", p),
                ("ends_on", "2021-01-01")], client=org, expect=(400, 422))
        f.send("update of milestone %s" % p, "POST", "/admin/items/1/updates",
               [("csrf", otok), ("milestone", p), ("status", "completed"),
                ("note", "x")], client=org, expect=(400, 422))
        f.send("update progress %s" % p, "POST", "/admin/items/1/updates",
               [("csrf", otok), ("progress", p), ("note", "x")], client=org,
               expect=(400, 422))
    for p in SQLI[:4]:
        def note_stored(r, p=p):
            got = ctx.query("SELECT note FROM item_updates WHERE item_id=1 "
                            "ORDER BY id DESC LIMIT 1")
            return "" if got == [(p,)] else "stored %r" % got
        f.send("progress note %s" % p, "POST", "/admin/items/1/updates",
               [("csrf", otok), ("note", p)], client=org, expect=(303,),
               writes=True, message=False, check=note_stored)
    # The searches still find the stored strings as text.
    r = ctx.client().get("/proposals?q=" + Q("DROP TABLE proposals"))
    if r.status != 200 or not proposal_links(r.text):
        f.problems.append("/proposals?q=DROP TABLE proposals: %d, finds no "
                          "proposal holding the words" % r.status)
    after = table_hash(ctx, PROTECTED)
    changed = [t for t in before if before[t] != after[t]]
    if changed:
        f.problems.append("tables that no request was meant to change "
                          "changed: %s" % ", ".join(changed))
    ctx.execute("DELETE FROM login_failures WHERE rowid > ?", (fail_rowid,))
    f.finish()


# ---------------------------------------------------------------- XSS

XSS = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    '" autofocus onfocus="alert(4)',
    "' onmouseover='alert(5)",
    'javascript:alert(6)',
    '[a](javascript:alert(7))',
    '[b](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)',
    '[c](vbscript:msgbox(9))',
    '[d](&#106;avascript:alert(10))',
    '<a href="&#x6A;avascript:alert(11)">e</a>',
    '</textarea><script>alert(12)</script>',
    '</title><script>alert(13)</script>',
    '<iframe srcdoc="<script>alert(14)</script>"></iframe>',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(16)">',
    '<<SCRIPT>alert(17);//<</SCRIPT>',
    '<IMG SRC=JaVaScRiPt:alert(18)>',
    '<javascript:alert(19)>',
    '[f](java\tscript:alert(20))',
    '![g](javascript:alert(21))',
    '<style>@import "//evil.example/x.css";</style>',
    '{{#X}}{{BODY}}{{/X}} {{%AUTOESCAPE context="JS"}}',
    '<!--<img src=x onerror=alert(24)>-->',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(25)>',
    '[h](  javascript:alert(26))',
    '<x onclick=alert(27)>click</x>',
    '&lt;script&gt;alert(28)&lt;/script&gt;',
]


def own_svg(item):
    """The site's own inline chart (the dashboard's): an <svg> with only
    presentational attributes."""
    if not item.startswith("<svg "):
        return False
    names = re.findall(r"(?:^<svg | )([\w:-]+)=", item)
    return set(names) <= {"viewbox", "width", "height", "role", "aria-label",
                          "xmlns", "class"}


def active(ctx, text):
    return [x for x in ctx.active_content(text) if not own_svg(x)]


def inert(ctx, r, what, problems, payloads=XSS, shown=None):
    """r is a page where nothing could run: no active content, no raw
    payload with a tag in it (quotes in text are harmless: a breakout from
    an attribute shows as active content); shown: a text that must be
    there."""
    if r.status != 200:
        problems.append("%s: status %d" % (what, r.status))
        return
    bad = active(ctx, r.text)
    if bad:
        problems.append("%s: %s" % (what, "; ".join(sorted(set(bad))[:5])))
    for p in payloads:
        if "<" in p and p in r.text:
            problems.append("%s: the raw payload %r is in the page" % (
                what, p))
    if shown is not None and shown not in r.text:
        problems.append("%s: %r is not shown" % (what, shown))


def test_xss(ctx):
    """XSS payloads in HTML, attribute, URL (javascript:, data:,
    vbscript:, entity-encoded) and Markdown contexts in every text field of
    proposals, registrations, meetings, progress notes and milestones,
    reflected query parameters and login's next; then every page that
    shows them, public and staff, is inert."""
    w = world(ctx)
    ctx.reset_rate_limits()
    f = Family(ctx, "xss")
    org = w.org
    otok = ctx.token(org)
    anon = ctx.client()
    tok = ctx.form_token(anon)
    pids = []
    for i, p in enumerate(XSS):
        fields = replace(GOOD, title="XSS%d %s" % (i, p),
                         problem=p + "\n\n" + p, commitment=p,
                         contribution="* " + p, relevance=p, submitter=p)
        if i % 2:
            fields = replace(fields, lead_agency=None, lead_agency_other=p)
        fields += [("ms_deliverable", p), ("ms_start", "2021-01-01"),
                   ("ms_end", "2021-02-01")]
        r = f.send("proposal with payload %d in every text field" % i,
                   "POST", "/proposals", [("csrf", tok), ("action", "submit")]
                   + fields, client=anon, expect=(303,), writes=True,
                   message=False)
        if r is not None and r.status == 303:
            pid, ptok, _ = ctx.parse_edit_location(r)
            pids.append((pid, ptok, p))
            f.send("comment with payload %d" % i, "POST",
                   "/proposals/%d/comments" % pid,
                   [("csrf", tok), ("name", p[:100]),
                    ("affiliation", p[:100]), ("body", p)], client=anon,
                   expect=(303,), writes=True, message=False)
    # Shown again after an error, with the payload in every field.
    f.send("a 422 with the payloads", "POST", "/proposals",
           [("csrf", tok), ("action", "submit")] +
           replace(GOOD, title=XSS[0], problem="\n".join(XSS), relevance=None),
           client=anon, expect=(422,),
           check=lambda r: "; ".join(active(ctx, r.text)))
    f.send("a 403 with the payloads", "POST", "/proposals",
           [("csrf", "x"), ("action", "save")] +
           replace(GOOD, title=XSS[1], problem="\n".join(XSS)),
           client=anon, expect=(403,),
           check=lambda r: "; ".join(active(ctx, r.text)))
    # A meeting: experts, place, title; URLs with other schemes refused.
    experts = "\n".join("%s, %s" % (p[:60], p[:60]) for p in XSS[:12])
    r = f.send("meeting with payloads", "POST", "/admin/meetings",
               [("csrf", otok), ("action", "save")] +
               ctx.meeting_fields("moj", title=XSS[2], place=XSS[1],
                                  experts=experts, agenda="\n\n".join(XSS),
                                  capacity="50"),
               client=org, expect=(303,), writes=True, message=False)
    mid = int(r.location().rsplit("/", 1)[1]) if r is not None and \
        r.status == 303 else w.mid
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)",
                " javascript:alert(1)", "data:text/html,<script>alert(1)"
                "</script>", "vbscript:msgbox(1)", "java\tscript:alert(1)",
                "//evil.example/", "http://", "https://evil.example/\""
                "onmouseover=\"alert(1)", "&#106;avascript:alert(1)"):
        for name in ("online_url", "recording_url"):
            f.send("meeting %s %r" % (name, url), "POST",
                   "/admin/meetings/%d" % mid, [("csrf", otok),
                                                 ("action", "save")] +
                   ctx.meeting_fields("moj", **{name: url}), client=org,
                   expect=(422,),
                   check=lambda r: "; ".join(active(ctx, r.text)))
    # Registrations with the payloads, as staff see them.
    for i, p in enumerate(XSS[:10]):
        f.send("registration with payload %d" % i, "POST",
               "/meetings/%d/register" % mid,
               [("csrf", tok), ("name", p[:100]), ("affiliation", p[:100]),
                ("email", "x%d-%s@example.org" % (i, ctx.unique("x")))],
               client=anon, expect=(303,), writes=True, message=False)
    # Tracking: a milestone and progress notes (Markdown).
    f.send("milestone with a payload", "POST", "/admin/items/2/milestones",
           [("csrf", otok), ("deliverable", XSS[1]),
            ("starts_on", "2021-01-01"), ("ends_on", "2021-02-01")],
           client=org, expect=(303,), writes=True, message=False)
    f.send("progress note with the payloads", "POST",
           "/admin/items/2/updates",
           [("csrf", otok), ("note", "\n\n".join(XSS))], client=org,
           expect=(303,), writes=True, message=False)
    # An answer (Markdown) and a moderation reason, both shown in public.
    f.send("answer with the payloads", "POST",
           "/admin/proposals/%d/answer" % w.p_sub,
           [("csrf", otok), ("status", "partly_adopted"),
            ("response", "\n\n".join(XSS))], client=org, expect=(303,),
           writes=True, message=False)
    r = ctx.comment(anon, "/commitments/2/comments", body="將被隱藏")
    hid = int(r.location().rsplit("-", 1)[1])
    f.send("hiding a comment with a payload as the reason", "POST",
           "/admin/comments/%d/hide" % hid,
           [("csrf", otok), ("reason", " ".join(XSS)[:500])], client=org,
           expect=(303,), writes=True, message=False)
    # Reflected: search words, login's next, the form's preselection.
    for i, p in enumerate(XSS):
        for path in ("/search?q=", "/proposals?q=", "/login?next=",
                     "/login?next=/", "/proposals/new?kind=modify&"
                     "target_item="):
            f.send("GET %s<payload %d>" % (path, i), "GET", path + Q(p),
                   expect=(200, 400), message=False,
                   check=lambda r: "; ".join(active(ctx, r.text)))
    # login's next never leads off the site.
    c, login, password = ctx.staff(prefix="xss-next")
    for nxt in ("javascript:alert(1)", "//evil.example/", "/\\evil.example",
                "https://evil.example/", "/\t/evil.example",
                "/\r\nSet-Cookie: x=1", " //evil.example", "\\\\evil.example"):
        c2 = ctx.client()
        f.send("login with next=%r" % nxt, "POST", "/login",
               [("csrf", ctx.token(c2)), ("login", login),
                ("password", password), ("next", nxt)], client=c2,
               expect=(303,), writes=True, message=False,
               check=lambda r: "" if re.match(
                   r"^/(?![/\\])", re.sub(r"[\t\r\n]", "", r.location()))
               and "x" not in r.set_cookies() else
               "redirects off the site: %r" % r.header("Location"))

    # Every page that shows them.
    problems = []
    pages = [(None, "/"), (None, "/proposals"), (None, "/responses"),
             (None, "/agencies/moj"), (None, "/meetings"),
             (None, "/meetings/%d" % mid), (None, "/meetings/%d/history"
                                            % mid),
             (None, "/commitments"), (None, "/commitments/2"),
             (None, "/search?q=alert"), (None, "/search?q=" + Q("XSS1")),
             (None, "/proposals?q=alert"), (None, "/proposals/%d" % w.p_sub),
             (None, "/responses?status=partly_adopted"), (org, "/admin"),
             (org, "/admin/proposals"), (org, "/admin/meetings"),
             (org, "/admin/meetings/%d/edit" % mid), (org, "/meetings/%d"
                                                      % mid),
             (org, "/admin/comments"), (org, "/commitments/2")]
    for pid, ptok, p in pids:
        pages += [(None, "/proposals/%d" % pid),
                  (None, "/proposals/%d/print" % pid),
                  (None, "/proposals/%d/history" % pid),
                  (None, "/proposals/%d/edit?token=%s" % (pid, ptok)),
                  (None, "/proposals/%d/print?token=%s" % (pid, ptok)),
                  (None, "/proposals/%d/history?token=%s" % (pid, ptok)),
                  (org, "/admin/proposals/%d" % pid)]
    for client, path in pages:
        r = (client or ctx.client()).get(path)
        inert(ctx, r, "GET %s%s" % (path, " as staff" if client else ""),
              problems)
    for pid, ptok, p in pids[:6]:
        r = ctx.client().get("/proposals/%d" % pid)
        if p not in html.unescape(r.text):
            problems.append("/proposals/%d does not show the text %r" % (
                pid, p))
    # The feeds and open data are not HTML and say so.
    for path, ctype in (("/feed.atom", "application/atom+xml"),
                        ("/meetings.ics", "text/calendar"),
                        ("/proposals.csv", "text/csv"),
                        ("/proposals.json", "application/json")):
        r = ctx.client().get(path)
        if r.status != 200 or not r.header("Content-Type").startswith(ctype):
            problems.append("%s: %d %r" % (path, r.status,
                                           r.header("Content-Type")))
        if path == "/feed.atom":
            for p in XSS:
                if "<" in p and p in r.text:
                    problems.append("/feed.atom holds the raw payload %r" % p)
    if problems:
        f.problems += problems
    f.finish()


# ---------------------------------------------------------------- CSRF

def test_csrf(ctx):
    """Every POST route without the csrf token, with a wrong, empty or
    truncated one, with another browser's and another staff session's, and
    replayed after logout: refused, nothing changed."""
    w = world(ctx)
    f = Family(ctx, "csrf")
    # A staff member of our own (logged out at the end) and another one.
    a, a_login, _ = ctx.staff(prefix="csrf-a")
    b, _, _ = ctx.staff(prefix="csrf-b")
    a_tok, b_tok = ctx.token(a), ctx.token(b)
    anon = ctx.client()
    anon_tok = ctx.token(anon)
    other = ctx.client()
    other_tok = ctx.token(other)
    for path, staff, fields in w.post_routes():
        client, mine, theirs = (a, a_tok, b_tok) if staff else \
            (anon, anon_tok, other_tok)
        body = [(k, v) for k, v in fields(mine) if k != "csrf"]
        for what, head in (("no csrf", []), ("an empty csrf", [("csrf", "")]),
                           ("a wrong csrf", [("csrf", "A" * len(mine))]),
                           ("a truncated csrf", [("csrf", mine[:-1])]),
                           ("another browser's csrf", [("csrf", theirs)])):
            if path == "/logout" and what != "no csrf" and \
                    what != "another browser's csrf":
                continue
            f.send("POST %s with %s" % (path, what), "POST", path,
                   head + body, client=client, expect=(403,))
        # The right token from a browser without the cookie.
        f.send("POST %s with the token but no cookie" % path, "POST", path,
               fields(mine), expect=(303, 403) if staff else (403,),
               check=(lambda r: "" if r.status == 403 or
                      r.location().startswith("/login") else
                      "not refused: %r" % r.location()))
    assert ctx.client().get("/healthz").status == 200
    # Still signed in: the refused logouts did nothing.
    r = a.get("/admin")
    assert r.status == 200, "a refused logout ended the session: %d" % r.status
    # Logged out: the old token and the old session cookie replayed.
    old_session = a.cookie("cc_session")
    old_csrf_cookie = a.cookie("cc_csrf")
    r = a.post("/logout", [("csrf", a_tok)])
    assert r.status == 303, "logout: %d" % r.status
    for path, staff, fields in w.post_routes():
        if not staff or path == "/logout":
            continue
        f.send("POST %s replayed after logout" % path, "POST", path,
               fields(a_tok), client=a, expect=(303, 403),
               check=lambda r: "" if r.status == 403 or
               r.location().startswith("/login") else
               "not refused: %r" % r.location())
        f.send("POST %s replayed with the old session cookie" % path, "POST",
               path, fields(a_tok), headers={
                   "Cookie": "cc_session=%s; cc_csrf=%s" % (
                       old_session, old_csrf_cookie)},
               expect=(303, 403),
               check=lambda r: "" if r.status == 403 or
               r.location().startswith("/login") else
               "not refused: %r" % r.location())
    f.finish()


# ---------------------------------------------------------------- tokens

def test_edit_tokens(ctx):
    """Wrong, truncated, another proposal's, empty, padded and malformed
    edit tokens on every token route (edit, update, print, history), for a
    draft and for a submitted proposal: refused, nothing shown or
    changed."""
    w = world(ctx)
    f = Family(ctx, "edit tokens")
    c = ctx.client()
    r = c.get("/proposals/%d/edit?token=%s" % (w.p_draft, w.t_draft))
    etok = ctx.csrf(r.text)
    for pid, tok, status in ((w.p_draft, w.t_draft, "draft"),
                             (w.p_sub, w.t_sub, "submitted")):
        bad = [("a wrong token", "x" * len(tok), 403),
               ("a truncated token", tok[:-1], 403),
               ("half the token", tok[:len(tok) // 2], 403),
               ("another proposal's token", w.t_other, 403),
               ("an empty token", "", 403),
               ("the token and more", tok + "A", 403),
               ("the token upper-cased", tok.upper(), 403),
               ("the token with a space", " " + tok, 403),
               ("the token and a NUL", tok + "\x00", 400),
               ("the token and FF", None, 400)]
        for what, t, want in bad:
            q = Q(t, safe="") if t is not None else tok + "%FF"
            if t is not None and t.upper() == t and t == tok:
                continue        # a token without letters: nothing to flip
            for route in ("edit", "print", "history"):
                path = "/proposals/%d/%s?token=%s" % (pid, route, q)
                f.send("GET %s of the %s with %s" % (route, status, what),
                       "GET", path, client=c, expect=(want,),
                       check=lambda r: "the proposal's private data is shown"
                       if "0912-345-678" in r.text or
                       "chen.zhiming@example.org" in r.text else "")
            for action in ("save", "submit", "withdraw"):
                body = "csrf=%s&token=%s&action=%s&" % (etok, q, action) + \
                    urllib.parse.urlencode(replace(GOOD, title="被竄改的標題"))
                f.send("POST %s of the %s with %s" % (action, status, what),
                       "POST", "/proposals/%d" % pid, body.encode(),
                       client=c, expect=(want,))
    # The token of another proposal is not the key of this one's history.
    got = ctx.query("SELECT title, status, revision FROM proposals WHERE id IN "
                    "(?, ?) ORDER BY id", (w.p_sub, w.p_draft))
    if any(t == "被竄改的標題" for t, _, _ in got):
        f.problems.append("a refused update changed a proposal: %r" % got)
    f.finish()


# ---------------------------------------------------------------- headers

def test_security_headers_on_every_kind_of_answer(ctx):
    """Issue 5 point 9 where test_pages.py does not reach: exports and
    feeds (GET and HEAD), redirects, the app's error pages under HEAD,
    nginx's configured 413 page, and staff exports kept out of caches."""
    w = world(ctx)
    org = w.org
    bad = []
    anon = ctx.client()
    tok = ctx.form_token(anon)
    reqs = [(anon, "GET", p) for p in (
        "/proposals.csv", "/proposals.json", "/feed.atom", "/meetings.ics",
        "/agencies/moj/meetings.ics", "/responses", "/search?q=abc",
        "/process", "/proposals/%d/print" % w.p_sub,
        "/proposals/%d/history" % w.p_sub, "/meetings/%d" % w.mid,
        "/static/app.js", "/static/errors/50x.html")]
    reqs += [(anon, "HEAD", p) for p in (
        "/proposals.csv", "/feed.atom", "/meetings.ics", "/nope",
        "/proposals/999999999")]
    staff = ["/admin/export.csv", "/admin/export.json", "/admin/export.odt",
             "/admin/export-responses.csv",
             "/admin/proposals/%d.odt" % w.p_sub]
    reqs += [(org, m, p) for p in staff for m in ("GET", "HEAD")]
    for client, method, path in reqs:
        r = client.request(method, path)
        if r.status != 200 and not (path in ("/nope", "/proposals/999999999")
                                    and r.status == 404):
            bad.append("%s %s: status %d" % (method, path, r.status))
        bad += ["%s %s: %s" % (method, path, p)
                for p in ctx.security_header_problems(r)]
        if path in staff and "no-store" not in r.header("Cache-Control"):
            bad.append("%s %s: private data without Cache-Control: no-store "
                       "(%r)" % (method, path, r.header("Cache-Control", None)))
    # Redirects.
    r = anon.post("/proposals", [("csrf", tok), ("action", "save")] + GOOD)
    bad += ["POST /proposals (303): %s" % p
            for p in ctx.security_header_problems(r)]
    r = ctx.client().get("/admin")
    bad += ["GET /admin anonymous (303): %s" % p
            for p in ctx.security_header_problems(r)]
    # nginx's 413 page, bilingual, with the headers.
    r = anon.post("/proposals", b"title=" + b"x" * (3 << 20))
    if r.status != 413 or not bilingual(r.text):
        bad.append("POST of 3 MiB: %d, bilingual %s" % (r.status,
                                                         bilingual(r.text)))
    bad += ["413 page: %s" % p for p in ctx.security_header_problems(r)]
    assert not bad, "\n".join(bad)


def test_nginx_502_page(ctx):
    """nginx's page when the app is down: 502 with the bilingual 50x page
    and the security headers (an nginx of the same config whose socket has
    no app behind it)."""
    state = tempfile.mkdtemp(prefix="cocreate-502-")
    port = None
    try:
        os.makedirs(os.path.join(state, "tmp"))
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        conf = subprocess.run(["sh", os.path.join(ctx.root, "deploy",
                                                  "nginx-conf.sh"),
                               ctx.root, state, str(port)],
                              stdout=subprocess.PIPE, check=True).stdout
        with open(os.path.join(state, "nginx.conf"), "wb") as fh:
            fh.write(conf)
        subprocess.run(["nginx", "-c", os.path.join(state, "nginx.conf"),
                        "-p", state, "-e", os.path.join(state, "err.log")],
                       check=True, timeout=20)
        c = ctx.Client("http://127.0.0.1:%d" % port)
        end = time.monotonic() + 10
        while True:
            try:
                r = c.get("/")
                break
            except AssertionError:
                if time.monotonic() > end:
                    raise
                time.sleep(0.05)
        SENT["total"] += 2
        bad = []
        if r.status != 502:
            bad.append("GET / without the app: %d, expected 502" % r.status)
        if not bilingual(r.text):
            bad.append("the 502 page is not bilingual: %s" % ctx.excerpt(
                r.text))
        bad += ["502: %s" % p for p in ctx.security_header_problems(r)]
        h = c.head("/proposals")
        bad += ["HEAD 502: %s" % p for p in ctx.security_header_problems(h)]
        assert not bad, "\n".join(bad)
    finally:
        pid = os.path.join(state, "nginx.pid")
        if os.path.exists(pid):
            subprocess.run(["nginx", "-s", "stop", "-c",
                            os.path.join(state, "nginx.conf"), "-p", state],
                           stderr=subprocess.DEVNULL, timeout=20)
            end = time.monotonic() + 10
            while os.path.exists(pid) and time.monotonic() < end:
                time.sleep(0.05)
        shutil.rmtree(state, ignore_errors=True)


def test_nginx_own_error_pages(ctx):
    """The pages nginx makes up itself for what never reaches the app (a
    malformed request line, a URI or headers too large, /static/'s
    directory and missing files): SECURITY.md promises the security
    headers on every response, nginx's own pages included, and DESIGN.md a
    clear bilingual 4xx for hostile input.  The families above recorded
    which requests got such a page; a few are sent here again."""
    f = Family(ctx, "nginx's own pages")
    H = b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    samples = [
        ("a malformed path (%2e%2e)", b"GET /%2e%2e/" + H),
        ("a NUL in the path", b"GET /a%00b" + H),
        ("a URI of 9000 bytes", b"GET /" + b"a" * 9000 + H),
        ("a header of 9000 bytes", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         b"Connection: close\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"),
        ("/static/ (a directory)", b"GET /static/" + H),
        ("/static/nope.css", b"GET /static/nope.css" + H),
        ("TRACE", b"TRACE /" + H),
    ]
    bad = []
    for what, data in samples:
        f.n += 1
        SENT["total"] += 1
        SENT[f.name] = SENT.get(f.name, 0) + 1
        r = raw_request(ctx, data, method="TRACE" if data.startswith(
            b"TRACE") else "GET")
        if not 400 <= r.status < 500:
            bad.append("%s: status %d" % (what, r.status))
        probs = ctx.security_header_problems(r)
        if probs:
            bad.append("%s (%d): %s" % (what, r.status, "; ".join(probs)))
        if not bilingual(r.text):
            bad.append("%s (%d): nginx's English-only page %r" % (
                what, r.status, re.sub(r"\s+", " ", r.text)[:80]))
        if what.startswith("a URI") and (r.status != 414 or
                                         "網址太長" not in r.text):
            bad.append("%s: %d, not the page that says the address is "
                       "too long" % (what, r.status))
    seen = sorted(set("%d" % s for _, s in NGINX_DEFAULT))
    f.finish()
    assert not bad, ("nginx answers these itself, without the security "
                     "headers and/or without a bilingual page (statuses "
                     "met in the families: %s; %d requests):\n%s" % (
                         ", ".join(seen) or "none", len(NGINX_DEFAULT),
                         "\n".join(bad)))


def test_hostile_count(ctx):
    """At least 150 hostile requests were sent; prints how many."""
    parts = ", ".join("%s %d" % (k, v) for k, v in SENT.items()
                      if k != "total")
    print("     hostile requests sent: %d (%s)" % (SENT["total"], parts))
    assert SENT["total"] >= 150, "only %d hostile requests" % SENT["total"]
