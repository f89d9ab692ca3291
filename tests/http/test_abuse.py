"""Abuse limits (issue 5, point 7): nginx's flood limits with their real
values (deploy/nginx-conf.sh without the CC_* variables the other tests
raise them with), on a separate instance; and the app's own hourly limits
per address on new proposals and comments (settings limit_proposals and
limit_comments), on the main instance, put back afterwards."""

import re
import sqlite3
import time

CJK = re.compile(r"[\u3400-\u9fff]")

GOOD = [
    ("kind", "add"),
    ("title", "限流測試的提案"),
    ("lead_agency", "moi"),
    ("problem", "問題：這段文字在被限流時不能遺失。\n第二行。"),
    ("commitment", "承諾事項的描述。"),
    ("contribution", "貢獻。"),
    ("value", "participation"),
    ("relevance", "公共參與。"),
    ("submitter", "限流 測試者"),
    ("email", "limit@example.org"),
]


def nginx_429(ctx, r, what):
    """r is nginx's own 429: the bilingual static page, with the security
    headers; the app never saw the request."""
    bad = []
    if r.status != 429:
        bad.append("status %d" % r.status)
    if "Too many requests" not in r.text or "太多請求" not in r.text:
        bad.append("not nginx's bilingual /errors/429.html: %s"
                   % ctx.excerpt(r.text, 120))
    bad += ctx.security_header_problems(r)
    if bad:
        raise AssertionError("%s: %s" % (what, "; ".join(bad)))


def data_version(conn):
    return conn.execute("PRAGMA data_version").fetchone()[0]


def test_nginx_flood_limits(ctx):
    """Real limits (POSTs 5r/s burst 50, logins 10r/m burst 10, per
    address): a burst of login POSTs gets 429 after eleven, a burst of
    other POSTs gets 429 once the burst is spent; GETs go on; nothing
    limited reaches the app or the database."""
    with ctx.instance(raise_limits=False) as inst:
        with open(inst.state + "/nginx.conf") as f:
            conf = f.read()
        for want in ("rate=5r/s", "rate=10r/m", "burst=50", "burst=10"):
            assert want in conf, "the instance's nginx.conf lacks %s" % want
        conn = sqlite3.connect("file:%s?mode=ro" % inst.db, uri=True,
                               isolation_level=None)
        v0 = data_version(conn)
        c = inst.client()
        assert c.get("/login").status == 200
        # Logins: without a csrf token the app answers 403 at once (no
        # password hashing), so only nginx's limit is measured.
        got = []
        for _ in range(16):
            got.append(c.post("/login", [("login", "nobody"),
                                         ("password", "x")]))
        statuses = [r.status for r in got]
        first = statuses.index(429) if 429 in statuses else None
        assert first is not None, "16 login POSTs at once: no 429 (%s)" % \
            statuses
        assert 10 <= first <= 12 and set(statuses[:first]) == {403} and \
            set(statuses[first:]) == {429}, \
            "login POSTs: %s; expected 403 for the first 11 (burst 10), " \
            "then 429" % statuses
        nginx_429(ctx, got[first], "login POST #%d" % (first + 1))
        r = c.get("/login")
        assert r.status == 200, "GET /login during the login limit: %d" % \
            r.status
        # Other POSTs: their own zone, burst 50 shared by every POST of the
        # address (the logins above took some of it).
        # nginx counts a request in the POST zone only when every zone
        # lets it through: the 11 logins that reached the app.
        logins = first
        got = []
        t0 = time.monotonic()
        for _ in range(90):
            got.append(c.post("/preview", [("body", "x")]))
        took = time.monotonic() - t0
        statuses = [r.status for r in got]
        assert 429 in statuses, "90 POSTs at once: no 429"
        first = statuses.index(429)
        passed = sum(1 for s in statuses if s != 429)
        assert set(s for s in statuses[:first]) == {403}, \
            "POSTs before the limit: %s" % statuses[:first]
        low = 50 + 1 - logins - 2
        high = 50 + 1 - logins + int(5 * took) + 2
        assert low <= passed <= high, \
            "%d of 90 POSTs in %.1f s passed, expected %d to %d (burst 50, " \
            "%d taken by the logins, 5 a second more): %s" % (
                passed, took, low, high, logins, statuses)
        nginx_429(ctx, got[first], "POST #%d" % (first + 1))
        for r in got[first:]:
            if r.status == 429:
                nginx_429(ctx, r, "a POST past the burst")
        # A comment in the flood is not stored; GETs are not limited.
        n = inst.query("SELECT count(*) FROM comments")[0][0]
        r = inst.comment(c, "/commitments/1/comments", body="洪水中的留言",
                         token="x" * 43)
        assert r.status == 429, "a comment during the flood: %d" % r.status
        assert inst.query("SELECT count(*) FROM comments")[0][0] == n
        for path in ("/", "/proposals", "/proposals/new", "/healthz"):
            r = c.get(path)
            assert r.status == 200, "GET %s during the flood: %d" % (
                path, r.status)
        assert data_version(conn) == v0, \
            "the database changed during the floods"
        conn.close()
        log = open(inst.state + "/nginx-error.log", encoding="utf-8",
                   errors="replace").read()
        assert re.search(r'limiting requests.*zone "cc_login"', log), \
            "nginx logged no limited login"
        assert re.search(r'limiting requests.*zone "cc_post"', log), \
            "nginx logged no limited POST"


def _setting(ctx, key):
    rows = ctx.query("SELECT value FROM settings WHERE key=?", (key,))
    return rows[0][0] if rows else None


def _set(ctx, key, value):
    if value is None:
        ctx.execute("DELETE FROM settings WHERE key=?", (key,))
    else:
        ctx.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value=excluded.value",
                    (key, value))


def _squash(s):
    return " ".join(s.split())


def _main_comment_form(page, action):
    forms = [m.group(0) for m in re.finditer(r"<form\b[^>]*>.*?</form>",
                                             page, re.S)
             if re.search(r'action="%s(?:#[^"]*)?"' % re.escape(action),
                          m.group(0).split(">", 1)[0])]
    return forms[-1] if forms else ""


def _rate_banner(ctx, r, what):
    m = re.search(r'<div class="banner error" role="alert">(.*?)</div>',
                  r.text, re.S)
    assert m and CJK.search(m.group(1)) and \
        re.search(r"Too many \w+ (were created )?from this address",
                  m.group(1)), \
        "%s: no bilingual rate-limit message: %s" % (what, ctx.excerpt(r.text))


def test_app_hourly_limits(ctx):
    """limit_comments and limit_proposals per address per hour: past the
    limit a comment or a new proposal gets 429 with Retry-After and the
    text kept; updates of an existing proposal are no creation; 0 turns
    a limit off; one log line each time."""
    old = {k: _setting(ctx, k) for k in ("limit_comments", "limit_proposals")}
    ctx.reset_rate_limits()
    try:
        _set(ctx, "limit_comments", "2")
        _set(ctx, "limit_proposals", "2")
        c = ctx.client()
        pid, tok = ctx.create(c, GOOD, action="submit")
        ctx.create(c, GOOD)
        targets = ["/commitments/4/comments", "/proposals/%d/comments" % pid]
        for i in range(2):
            r = ctx.comment(c, targets[0], body="第 %d 則留言" % (i + 1))
            assert r.status == 303, "comment %d within the limit: %d" % (
                i + 1, r.status)
        n = ctx.query("SELECT count(*) FROM comments")[0][0]
        typed = {"name": "第三位", "affiliation": "某團體",
                 "body": "第三則留言\n要保留下來。"}
        for target in targets:
            r = ctx.comment(c, target, **typed)
            what = "a third comment within the hour on %s" % target
            ctx.assert_html(r, 429)
            assert r.header("Retry-After").isdigit() and \
                int(r.header("Retry-After")) > 0, \
                "%s: Retry-After %r" % (what, r.header("Retry-After", None))
            _rate_banner(ctx, r, what)
            got = ctx.form_values(_main_comment_form(
                r.text, target.split("#")[0]))
            for k, v in typed.items():
                assert [_squash(x) for x in got.get(k, [])] == [_squash(v)], \
                    "%s: %s not kept: %r" % (what, k, got.get(k))
        assert ctx.query("SELECT count(*) FROM comments")[0][0] == n, \
            "a comment past the limit was stored"
        assert ctx.wait_log(r"rate limit: comment from 127\.0\.0\.1"), \
            "no log line for the comment limit"

        # Proposals: the third creation in the hour.
        n = ctx.query("SELECT count(*) FROM proposals")[0][0]
        for action in ("save", "submit"):
            token = ctx.form_token(c)
            r = c.post("/proposals", [("csrf", token), ("action", action)] +
                       GOOD)
            what = "a third new proposal (%s)" % action
            ctx.assert_html(r, 429)
            assert r.header("Retry-After").isdigit() and \
                int(r.header("Retry-After")) > 0, \
                "%s: Retry-After %r" % (what, r.header("Retry-After", None))
            _rate_banner(ctx, r, what)
            got = ctx.form_values(r.text, "/proposals")
            for k, v in GOOD:
                if k == "value":
                    continue
                assert [_squash(x) for x in got.get(k, [])] == [_squash(v)], \
                    "%s: %s not kept: %r" % (what, k, got.get(k))
            assert got.get("value") == ["participation"], \
                "%s: the values are not kept" % what
        assert ctx.query("SELECT count(*) FROM proposals")[0][0] == n, \
            "a proposal past the limit was stored"
        assert ctx.wait_log(r"rate limit: proposal from 127\.0\.0\.1"), \
            "no log line for the proposal limit"
        # Saving an existing proposal again creates nothing: not limited.
        r = ctx.update(c, pid, tok, GOOD, action="submit")
        assert r.status == 303, "an update past the limit: %d" % r.status

        # 0 turns a limit off (a workshop behind one address).
        _set(ctx, "limit_comments", "0")
        _set(ctx, "limit_proposals", "0")
        r = ctx.comment(c, targets[0], body="限制關閉後的留言")
        assert r.status == 303, "a comment with the limit off: %d" % r.status
        ctx.create(c, GOOD)
    finally:
        for k, v in old.items():
            _set(ctx, k, v)
        ctx.reset_rate_limits()
