"""Staff accounts, sessions, authorization of every staff route, routing and
answers, and the agency portal (issue 3, points 1, 2, 3 and 7)."""

import datetime
import html
import os
import re
import urllib.parse


def taipei(iso):
    """A stored UTC time as the pages show it: "YYYY-MM-DD HH:MM" in
    Asia/Taipei."""
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ") + \
        datetime.timedelta(hours=8)
    return t.strftime("%Y-%m-%d %H:%M")


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def squash(s):
    return " ".join(s.split())


def text_of(page):
    """The visible text of a page, tags dropped and spaces squashed."""
    t = re.sub(r"<[^>]+>", " ", page)
    t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return squash(t)


def assert_login_redirect(r, path, what):
    """r is a 303 to the login page that comes back to path."""
    assert r.status == 303, "%s: status %d, expected 303 to /login: %s" % (
        what, r.status, r.text[:200])
    loc = r.location()
    parts = urllib.parse.urlsplit(loc)
    assert parts.path == "/login", "%s: Location %r, not /login?next=..." % (
        what, loc)
    nxt = urllib.parse.parse_qs(parts.query).get("next")
    assert nxt == [path], "%s: Location %r: next is %r, expected %r" % (
        what, loc, nxt, path)


def sessions_of(ctx, login):
    return ctx.query("SELECT s.created_at, s.expires_at FROM sessions s JOIN "
                     "users u ON u.id = s.user_id WHERE u.login=?", (login,))


def user_row(ctx, login):
    rows = ctx.query("SELECT u.login, u.role, a.slug, u.disabled, "
                     "u.password_hash FROM users u LEFT JOIN agencies a ON "
                     "a.id = u.agency_id WHERE u.login=?", (login,))
    return rows[0] if rows else None


def get_with_session(ctx, path, session):
    """GET path from a browser that has only the cc_session cookie given."""
    return ctx.client().get(path, headers={"Cookie": "cc_session=" + session})


# ================================================================ accounts

def test_cli_user_add_list_disable(ctx):
    login = ctx.unique("cli-gen")
    p = ctx.cli("user", "add", "--db", ctx.db, "--login", login,
                "--role", "agency", "--agency", "ndc")
    assert p.returncode == 0, "user add: exit %d: %s" % (p.returncode,
                                                        p.stderr)
    m = re.search(r"^password: (\S+)$", p.stdout, re.M)
    assert m, "user add printed no password: %r" % p.stdout
    generated = m.group(1)
    assert len(generated) >= 16, "generated password %r is short" % generated
    assert p.stdout.count(generated) == 1, "the password is printed twice"
    row = user_row(ctx, login)
    assert row is not None, "user add stored no user"
    assert row[:4] == (login, "agency", "ndc", 0), "stored %r" % (row[:4],)
    assert row[4].startswith("$argon2id$"), \
        "password hash %r is not argon2id" % row[4][:20]
    assert generated not in row[4], "the password is stored in clear"

    # The generated password works.
    c = ctx.client()
    r = ctx.login(c, login, generated)
    assert r.status == 303 and c.cookie("cc_session"), \
        "login with the generated password: %d" % r.status

    # --password-stdin: the password read, never printed.
    login2 = ctx.unique("cli-stdin")
    pw2 = "一段夠長的密碼 correct horse"
    p = ctx.cli("user", "add", "--db", ctx.db, "--login", login2, "--role",
                "organizer", "--password-stdin", input=pw2 + "\n")
    assert p.returncode == 0, "user add --password-stdin: exit %d: %s" % (
        p.returncode, p.stderr)
    assert pw2 not in p.stdout + p.stderr, "the stdin password was printed"
    assert "password:" not in p.stdout, \
        "--password-stdin still printed a password: %r" % p.stdout
    assert user_row(ctx, login2)[:4] == (login2, "organizer", None, 0)
    c2 = ctx.client()
    r = ctx.login(c2, login2, pw2)
    assert r.status == 303 and c2.cookie("cc_session"), \
        "login with the --password-stdin password: %d" % r.status
    r = ctx.login(ctx.client(), login2, pw2[:-1])
    assert r.status == 403, "a password one character short: %d" % r.status

    # list: both, with role, agency and state; no password or hash.
    p = ctx.cli("user", "list", "--db", ctx.db)
    assert p.returncode == 0, "user list: exit %d" % p.returncode
    lines = {ln.split()[0]: ln.split() for ln in p.stdout.splitlines()
             if ln.strip()}
    assert login in lines and login2 in lines, \
        "user list lacks the new users:\n%s" % p.stdout
    assert lines[login][1:4] == ["agency", "ndc", "active"], \
        "user list: %r" % lines[login]
    assert lines[login2][1:4] == ["organizer", "-", "active"], \
        "user list: %r" % lines[login2]
    assert generated not in p.stdout and "argon2" not in p.stdout, \
        "user list shows a password or its hash"

    # disable: listed as disabled, no login any more.
    p = ctx.cli("user", "disable", "--db", ctx.db, "--login", login)
    assert p.returncode == 0, "user disable: exit %d: %s" % (p.returncode,
                                                            p.stderr)
    assert user_row(ctx, login)[3] == 1, "user disable did not disable"
    p = ctx.cli("user", "list", "--db", ctx.db)
    line = [ln for ln in p.stdout.splitlines() if ln.startswith(login + " ")]
    assert line and "disabled" in line[0], \
        "user list does not show %s disabled: %r" % (login, line)
    r = ctx.login(ctx.client(), login, generated)
    assert r.status == 403, "a disabled user logged in: %d" % r.status


def test_cli_refuses_bad_accounts(ctx):
    taken = ctx.unique("cli-taken")
    ctx.add_user(taken, "organizer")
    ok_pw = "long enough password\n"
    bad = [
        ("an unknown role", ["--login", ctx.unique("x"), "--role", "admin"],
         ok_pw),
        ("an agency user without --agency",
         ["--login", ctx.unique("x"), "--role", "agency"], ok_pw),
        ("an unknown agency", ["--login", ctx.unique("x"), "--role", "agency",
                               "--agency", "nope"], ok_pw),
        ("an agency slug in capitals",
         ["--login", ctx.unique("x"), "--role", "agency", "--agency", "NDC"],
         ok_pw),
        ("an organizer bound to an agency",
         ["--login", ctx.unique("x"), "--role", "organizer", "--agency",
          "ndc"], ok_pw),
        ("a login in capitals", ["--login", "Bad-Login", "--role",
                                 "organizer"], ok_pw),
        ("a login with a space", ["--login", "bad login", "--role",
                                  "organizer"], ok_pw),
        ("a login of two characters", ["--login", "ab", "--role",
                                       "organizer"], ok_pw),
        ("a login of 33 characters", ["--login", "a" * 33, "--role",
                                      "organizer"], ok_pw),
        ("a login starting with '-'", ["--login=-abc", "--role",
                                       "organizer"], ok_pw),
        ("a password of 9 characters",
         ["--login", ctx.unique("x"), "--role", "organizer"], "123456789\n"),
        ("an empty password", ["--login", ctx.unique("x"), "--role",
                               "organizer"], "\n"),
        ("a login taken already", ["--login", taken, "--role", "organizer"],
         ok_pw),
        ("no --role", ["--login", ctx.unique("x")], ok_pw),
    ]
    before = ctx.query("SELECT id, login, role, agency_id, password_hash "
                       "FROM users ORDER BY id")
    problems = []
    for what, args, stdin in bad:
        p = ctx.cli("user", "add", "--db", ctx.db, *args, "--password-stdin",
                    input=stdin)
        if p.returncode == 0:
            problems.append("user add with %s: exit 0 (%s)"
                            % (what, p.stdout.strip()))
        elif not p.stderr.strip():
            problems.append("user add with %s: exit %d and no message on "
                            "stderr" % (what, p.returncode))
    p = ctx.cli("user", "disable", "--db", ctx.db, "--login",
                ctx.unique("nobody"))
    if p.returncode == 0:
        problems.append("user disable of an unknown login: exit 0")
    p = ctx.cli("user", "add", "--db", os.path.join(ctx.state, "nope.db"),
                "--login", ctx.unique("x"), "--role", "organizer",
                "--password-stdin", input=ok_pw)
    if p.returncode == 0:
        problems.append("user add on a database that does not exist: exit 0")
    after = ctx.query("SELECT id, login, role, agency_id, password_hash "
                      "FROM users ORDER BY id")
    if after != before:
        problems.append("refused commands changed the users: %r" %
                        [r[:4] for r in after if r not in before])
    assert not problems, "\n".join(problems)


# ================================================================ login

def test_login_page(ctx):
    c = ctx.client()
    r = ctx.assert_html(c.get("/login?next=/admin/meetings"), 200)
    assert c.cookie("cc_csrf"), "GET /login set no cc_csrf cookie"
    got = ctx.form_values(r.text)
    for k in ("csrf", "login", "password", "next"):
        assert k in got, "the login form has no %s field: %r" % (k, got)
    assert got["next"] == ["/admin/meetings"], "next: %r" % got["next"]
    assert re.search(r'<form[^>]*method="post"[^>]*action="/login"', r.text), \
        "the login form does not POST to /login"
    assert re.search(r'name="password" type="password"', r.text), \
        "the password field is not type=password"
    # An unsafe next is not carried.
    # Browsers delete tabs and line breaks from a URL: "/<TAB>/evil" is
    # "//evil", another site.
    unsafe = ("//evil.example/", "https://evil.example/", "/\\evil",
              "/\t/evil.example/", "/\n/evil.example/", "/\r/evil.example",
              "/ /evil.example", "/\x7f/evil.example")
    for nxt in unsafe:
        r = c.get("/login?next=" + urllib.parse.quote(nxt, safe=""))
        assert r.status == 200, "GET /login?next=%r: %d" % (nxt, r.status)
        assert ctx.form_values(r.text).get("next") == ["/admin"], \
            "next=%r kept as %r" % (nxt, ctx.form_values(r.text).get("next"))
    # Signed in, /login sends one on at once: never off the site.
    org, _ = ctx.staff_client("organizer")
    for nxt in unsafe:
        r = org.get("/login?next=" + urllib.parse.quote(nxt, safe=""))
        assert r.status == 303 and r.location() == "/admin", \
            "signed in, next=%r: %d %r" % (nxt, r.status, r.location())
    r = org.get("/login?next=" + urllib.parse.quote("/search?q=公開", safe=""))
    assert r.location() == "/search?q=" + urllib.parse.quote("公開"), \
        r.location()


def test_login_wrong_then_right(ctx):
    login = ctx.unique("login")
    pw = ctx.add_user(login, "agency", agency="moe")
    c = ctx.client()
    r = c.get("/login")
    old_csrf_cookie = c.cookie("cc_csrf")
    old_token = ctx.csrf(r.text)

    r = c.post("/login", [("csrf", old_token), ("login", login),
                          ("password", pw + "x"), ("next", "/admin/meetings")])
    ctx.assert_html(r, 403)
    assert "帳號或密碼不正確" in r.text and "Wrong login or password" in r.text, \
        "wrong password: no message: %s" % ctx.excerpt(r.text)
    assert "cc_session" not in r.set_cookies(), \
        "a wrong password set a session cookie"
    got = ctx.form_values(r.text)
    assert got.get("login") == [login], "the login typed is not kept: %r" % (
        got.get("login"))
    assert got.get("password") == [""], "the password is shown back"
    assert got.get("next") == ["/admin/meetings"], "next lost: %r" % (
        got.get("next"))

    # An unknown login gets the very same answer (no account probing).
    r2 = c.post("/login", [("csrf", old_token), ("login", ctx.unique("ghost")),
                           ("password", pw)])
    assert r2.status == 403 and "Wrong login or password" in r2.text, \
        "unknown login: %d %s" % (r2.status, ctx.excerpt(r2.text))
    # A login without the csrf token is refused before the password.
    r3 = ctx.client().post("/login", [("login", login), ("password", pw)])
    assert r3.status == 403 and "cc_session" not in r3.set_cookies(), \
        "login without csrf: %d" % r3.status

    r = c.post("/login", [("csrf", old_token), ("login", login),
                          ("password", pw), ("next", "/admin/meetings")])
    assert r.status == 303, "right password: status %d: %s" % (
        r.status, ctx.excerpt(r.text))
    assert r.location() == "/admin/meetings", "Location %r" % r.location()
    sc = r.set_cookies()
    assert "cc_session" in sc, "no cc_session cookie set: %r" % sc
    attrs = [a.strip().lower() for a in sc["cc_session"].split(";")]
    value = sc["cc_session"].split(";")[0].split("=", 1)[1]
    assert re.match(r"^[A-Za-z0-9_-]{43}$", value), \
        "session id %r is not 256 random bits in base64url" % value
    for want in ("httponly", "samesite=lax", "path=/"):
        assert want in attrs, "cc_session lacks %s: %r" % (want,
                                                           sc["cc_session"])
    assert "max-age=43200" in attrs or any(a.startswith("expires=")
                                          for a in attrs), \
        "cc_session has no 12-hour lifetime: %r" % sc["cc_session"]
    assert "cc_csrf" in sc, "login set no new cc_csrf cookie"
    assert c.cookie("cc_csrf") != old_csrf_cookie, "cc_csrf did not change"
    # The session id is not stored in clear.
    rows = ctx.query("SELECT id_hash FROM sessions")
    assert all(value.encode() not in bytes(h) and value != h
               for (h,) in rows), "a session id is stored in clear"

    r = ctx.assert_html(c.get("/admin"), 200)
    assert login in r.text, "the admin page does not name the user"
    # The csrf token from before the login no longer works.
    r = c.post("/logout", [("csrf", old_token)])
    assert r.status == 403, "POST /logout with the pre-login csrf: %d" % (
        r.status)
    assert c.get("/admin").status == 200, "the refused logout ended the session"
    # Signed in, /login goes straight on.
    r = c.get("/login?next=/admin/proposals")
    assert r.status == 303 and r.location() == "/admin/proposals", \
        "GET /login signed in: %d %r" % (r.status, r.location())

    # An unsafe next after login goes to /admin.
    c2 = ctx.client()
    r = ctx.login(c2, login, pw, next="//evil.example/x")
    assert r.status == 303 and r.location() == "/admin", \
        "login with next=//evil.example/x: %d %r" % (r.status, r.location())


def test_session_rotates_at_login(ctx):
    login = ctx.unique("rotate")
    pw = ctx.add_user(login, "organizer")
    c = ctx.client()
    assert ctx.login(c, login, pw).status == 303
    s1 = c.cookie("cc_session")
    assert get_with_session(ctx, "/admin", s1).status == 200, \
        "the first session does not work on its own"
    # The same browser logs in again (say, as someone else sharing it).
    other = ctx.unique("rotate2")
    pw2 = ctx.add_user(other, "agency", agency="cec")
    r = ctx.login(c, other, pw2)
    assert r.status == 303, "second login: %d" % r.status
    s2 = c.cookie("cc_session")
    assert s2 and s2 != s1, "the session id did not change at login"
    r = get_with_session(ctx, "/admin", s1)
    assert_login_redirect(r, "/admin", "GET /admin with the session from "
                          "before the second login")
    assert sessions_of(ctx, login) == [], \
        "the old session is still in the database"
    r = ctx.assert_html(c.get("/admin"), 200)
    assert other in r.text and "中選會" in r.text, \
        "after the second login the page is not %s's" % other
    # A session cookie a browser had before logging in (fixation) is
    # replaced, not adopted.
    fixed = "A" * 43
    c3 = ctx.client()
    r = c3.get("/login", headers={"Cookie": "cc_session=" + fixed})
    tok = ctx.csrf(r.text)
    r = c3.post("/login", [("csrf", tok), ("login", login), ("password", pw)],
                headers={"Cookie": "cc_session=%s; cc_csrf=%s"
                         % (fixed, c3.cookie("cc_csrf"))})
    assert r.status == 303, "login with a planted cookie: %d" % r.status
    new = r.set_cookies().get("cc_session", "")
    assert new and fixed not in new, "the planted session id was kept"
    assert get_with_session(ctx, "/admin", fixed).status == 303, \
        "the planted session id works"


def test_logout(ctx):
    login = ctx.unique("logout")
    pw = ctx.add_user(login, "agency", agency="epa")
    c = ctx.client()
    assert ctx.login(c, login, pw).status == 303
    s = c.cookie("cc_session")
    assert len(sessions_of(ctx, login)) == 1, "no session row after login"
    r = ctx.assert_html(c.get("/admin"), 200)
    token = ctx.csrf(r.text)
    assert re.search(r'<form[^>]*method="post"[^>]*action="/logout"', r.text), \
        "no logout form on the admin page"

    # Without the csrf token nothing happens.
    r = c.post("/logout", [])
    assert r.status == 403, "POST /logout without csrf: %d" % r.status
    assert len(sessions_of(ctx, login)) == 1, "a refused logout ended it"
    assert c.get("/admin").status == 200

    r = c.post("/logout", [("csrf", token)])
    assert r.status == 303, "POST /logout: %d %s" % (r.status, r.text[:200])
    sc = r.set_cookies().get("cc_session", "")
    assert re.search(r"cc_session=;", sc) and "max-age=0" in sc.lower(), \
        "logout does not clear the cookie: %r" % sc
    assert sessions_of(ctx, login) == [], \
        "the session is still in the database after logout"
    assert_login_redirect(c.get("/admin"), "/admin", "GET /admin after logout")
    # The old cookie, replayed, is dead on the server too.
    r = get_with_session(ctx, "/admin/meetings", s)
    assert_login_redirect(r, "/admin/meetings",
                          "GET /admin/meetings with the logged-out session")
    assert ctx.wait_log(r"logout login=%s\b" % re.escape(login)), \
        "no log line for the logout"


def test_disabled_user_locked_out(ctx):
    login = ctx.unique("disable")
    pw = ctx.add_user(login, "agency", agency="most")
    c = ctx.client()
    assert ctx.login(c, login, pw).status == 303
    s = c.cookie("cc_session")
    assert c.get("/admin").status == 200
    p = ctx.cli("user", "disable", "--db", ctx.db, "--login", login)
    assert p.returncode == 0, "user disable: %d %s" % (p.returncode, p.stderr)
    assert_login_redirect(c.get("/admin"), "/admin",
                          "GET /admin in a disabled user's live session")
    assert_login_redirect(get_with_session(ctx, "/admin/proposals", s),
                          "/admin/proposals", "the disabled user's cookie")
    assert sessions_of(ctx, login) == [], \
        "disabling left the user's sessions in the database"
    r = ctx.login(ctx.client(), login, pw)
    ctx.assert_html(r, 403)
    assert "cc_session" not in r.set_cookies(), \
        "a disabled user got a session cookie"
    assert "Wrong login or password" in r.text, \
        "disabled login: %s" % ctx.excerpt(r.text)
    assert ctx.wait_log(r"login failed login=%s\b.*disabled" %
                        re.escape(login)), "no log line for the refused login"

    # Disabled by other means (the flag alone): the session stops too.
    other = ctx.unique("disable-flag")
    pw2 = ctx.add_user(other, "organizer")
    c2 = ctx.client()
    assert ctx.login(c2, other, pw2).status == 303
    assert c2.get("/admin").status == 200
    ctx.execute("UPDATE users SET disabled=1 WHERE login=?", (other,))
    assert_login_redirect(c2.get("/admin"), "/admin",
                          "a session of a user whose disabled flag is set")


def test_throttle_per_login(ctx):
    login = ctx.unique("throttle")
    pw = ctx.add_user(login, "organizer")
    c = ctx.client()
    token = ctx.token(c)
    for i in range(5):
        r = c.post("/login", [("csrf", token), ("login", login),
                              ("password", "wrong-%d-password" % i)])
        assert r.status == 403, "wrong password %d: %d" % (i + 1, r.status)
    r = c.post("/login", [("csrf", token), ("login", login),
                          ("password", pw)])
    ctx.assert_html(r, 429)
    ra = r.header("Retry-After")
    assert ra.isdigit() and int(ra) > 0, "429 without Retry-After: %r" % ra
    assert "cc_session" not in r.set_cookies(), "a throttled login got a session"
    assert "15 分鐘" in r.text and "Too many failed attempts" in r.text, \
        "429 page: %s" % ctx.excerpt(r.text)
    assert ctx.form_values(r.text).get("login") == [login], \
        "the login typed is not kept on the 429 page"
    # From another browser too: the limit is the login's, not the cookie's.
    r = ctx.login(ctx.client(), login, pw)
    assert r.status == 429, "throttled login from another browser: %d" % (
        r.status)
    assert ctx.wait_log(r"login throttled login=%s\b" % re.escape(login)), \
        "no log line for the throttled login"
    # Other accounts are not locked out by it.
    other = ctx.unique("throttle-other")
    pw2 = ctx.add_user(other, "organizer")
    assert ctx.login(ctx.client(), other, pw2).status == 303, \
        "another login is throttled too"


def test_throttle_per_address(ctx):
    key = "addr:127.0.0.1"
    since = iso(utc_now() - datetime.timedelta(minutes=15))
    try:
        n = ctx.query("SELECT count(*) FROM login_failures WHERE key=? AND "
                      "at > ?", (key, since))[0][0]
        assert n < 20, "%d failures from 127.0.0.1 already" % n
        login = ctx.unique("addr-ok")
        pw = ctx.add_user(login, "organizer")
        c = ctx.client()
        token = ctx.token(c)
        for i in range(20 - n):
            r = c.post("/login", [("csrf", token),
                                  ("login", ctx.unique("addr-guess")),
                                  ("password", "guess-password-%d" % i)])
            assert r.status == 403, "guess %d: %d" % (i + 1, r.status)
        got = ctx.query("SELECT count(*) FROM login_failures WHERE key=?",
                        (key,))[0][0]
        assert got >= 20, "failures are not counted per address (%d rows " \
            "for %s)" % (got, key)
        r = ctx.login(ctx.client(), login, pw)
        assert r.status == 429, "the 21st attempt from one address, for a " \
            "login with no failures of its own: %d" % r.status
        assert r.header("Retry-After"), "429 without Retry-After"
    finally:
        # Later tests log in from 127.0.0.1 too.
        ctx.execute("DELETE FROM login_failures WHERE key LIKE 'addr:%'")


def test_log_lines(ctx):
    ok = ctx.unique("log-ok")
    pw = ctx.add_user(ok, "agency", agency="motc")
    c = ctx.client()
    assert ctx.login(c, ok, pw).status == 303
    bad = ctx.unique("log-bad")
    assert ctx.login(ctx.client(), bad, "not-the-password").status == 403
    r = c.get("/admin/users")
    assert r.status == 403, "agency user on /admin/users: %d" % r.status
    for what, rx in (("login ok", r"login ok login=%s\b" % re.escape(ok)),
                     ("login failed", r"login failed login=%s\b"
                      % re.escape(bad)),
                     ("denied", r"denied login=%s\b" % re.escape(ok))):
        line = ctx.wait_log(rx)
        assert line, "no %r line for %s in %s/cocreate.log" % (rx, what,
                                                              ctx.state)
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", line), \
            "the %s line has no time: %r" % (what, line)
    log = ctx.log_text()
    assert pw not in log and "not-the-password" not in log, \
        "a password is in the log"


def test_session_expires_after_12_hours(ctx):
    login = ctx.unique("expire")
    pw = ctx.add_user(login, "organizer")
    c = ctx.client()
    r = ctx.login(c, login, pw)
    assert r.status == 303
    rows = sessions_of(ctx, login)
    assert len(rows) == 1, "sessions: %r" % rows
    created, expires = [datetime.datetime.strptime(x, "%Y-%m-%dT%H:%M:%SZ")
                        for x in rows[0]]
    assert expires - created == datetime.timedelta(hours=12), \
        "the session lasts %s, not 12 hours" % (expires - created)
    uid = ctx.user_id(login)
    ctx.execute("UPDATE sessions SET expires_at=? WHERE user_id=?",
                (iso(utc_now() + datetime.timedelta(minutes=1)), uid))
    assert c.get("/admin").status == 200, "a session with a minute left fails"
    ctx.execute("UPDATE sessions SET expires_at=? WHERE user_id=?",
                (iso(utc_now() - datetime.timedelta(seconds=1)), uid))
    assert_login_redirect(c.get("/admin"), "/admin",
                          "GET /admin after the session expired")
    r = c.post("/admin/deadline", [("csrf", ctx.token(c)),
                                   ("deadline", "2020-03-06T23:59")])
    assert r.status == 303 and r.location().startswith("/login"), \
        "POST with an expired session: %d %r" % (r.status, r.location())


# ================================================================ authorization
#
# Every staff route of src/route.c and who may use it:
#   staff       any signed-in staff member
#   organizer   organizers only
#   meeting     organizers and users of the meeting's agency
#   meeting-new organizers, and agency users for their own agency
#   proposal    organizers and users of the agency the proposal is
#               addressed to
#   session     the signed-in user's own session (logout)
#   item        organizers and users of the item's lead agency

STAFF_ROUTES = {
    ("GET", "/admin"): "staff",
    ("GET", "/admin/proposals"): "staff",
    ("GET", "/admin/proposals/{id}"): "proposal",
    ("GET", "/admin/proposals/{id}.odt"): "proposal",
    ("GET", "/admin/export.csv"): "organizer",
    ("GET", "/admin/export.json"): "organizer",
    ("GET", "/admin/export.odt"): "organizer",
    ("GET", "/admin/export-responses.csv"): "organizer",
    ("POST", "/admin/proposals/{id}/answer"): "proposal",
    ("POST", "/admin/proposals/{id}/route"): "organizer",
    ("GET", "/admin/meetings"): "staff",
    ("GET", "/admin/meetings/new"): "staff",
    ("POST", "/admin/meetings"): "meeting-new",
    ("GET", "/admin/meetings/{id}/edit"): "meeting",
    ("POST", "/admin/meetings/{id}"): "meeting",
    ("GET", "/admin/users"): "organizer",
    ("POST", "/admin/users"): "organizer",
    ("GET", "/admin/deadline"): "organizer",
    ("POST", "/admin/deadline"): "organizer",
    ("GET", "/admin/comments"): "organizer",
    ("POST", "/admin/comments/{id}/hide"): "organizer",
    ("POST", "/admin/comments/{id}/unhide"): "organizer",
    ("POST", "/admin/items/{id}/milestones"): "item",
    ("POST", "/admin/items/{id}/updates"): "item",
    ("POST", "/admin/review"): "organizer",
    ("POST", "/logout"): "session",
}

# A commitment item each agency of the tests leads.
LEADS = {"moj": 11, "moi": 7, "ndc": 1}


def routes_in_source(ctx):
    """(method, pattern) of every staff route in src/route.c."""
    with open(os.path.join(ctx.root, "src", "route.c"), encoding="utf-8") as f:
        src = f.read()
    out = set()
    for flags, pattern in re.findall(r'\{\s*(M_[A-Z_|\s]+?),\s*"([^"]+)"', src):
        if not (pattern == "/admin" or pattern.startswith("/admin/") or
                pattern == "/logout"):
            continue
        for m in re.findall(r"M_(GET|POST)", flags):
            out.add((m, pattern))
    return out


class Req:
    """One request to one staff route: what it is, what it sends, what an
    allowed user gets, and how to tell it did its work."""

    def __init__(self, route, path, fields=None, label="", ok=None,
                 done=None, ctype="text/html"):
        self.route = route            # (method, pattern)
        self.method = route[0]
        self.path = path
        self.fields = fields          # callable(token) -> list, for POST
        self.label = label
        self.ok = ok if ok is not None else (200 if route[0] == "GET"
                                             else 303)
        self.done = done              # callable() -> "" or what is wrong
        self.ctype = ctype            # of the allowed answer

    def name(self):
        return "%s %s%s (route %s)" % (self.method, self.path,
                                       " " + self.label if self.label else "",
                                       self.route[1])

    def send(self, client, token):
        if self.method == "GET":
            return client.get(self.path)
        return client.post(self.path, self.fields(token))


def snapshot(ctx):
    q = ctx.query
    return {
        "users": q("SELECT id, login, role, agency_id, disabled FROM users "
                   "ORDER BY id"),
        "settings": q("SELECT key, value FROM settings ORDER BY key"),
        "meetings": q("SELECT * FROM meetings ORDER BY id"),
        "meeting_items": q("SELECT * FROM meeting_items ORDER BY 1, 2"),
        "meeting_experts": q("SELECT * FROM meeting_experts ORDER BY 1, 2"),
        "meeting_revisions": q("SELECT count(*) FROM meeting_revisions"),
        "proposals": q("SELECT id, status, agency_id, revision FROM proposals "
                       "ORDER BY id"),
        "answers": q("SELECT count(*) FROM answers"),
        "routings": q("SELECT count(*) FROM routings"),
        "comments": q("SELECT id, hidden_at, hidden_by, hidden_reason, reports "
                      "FROM comments ORDER BY id"),
        "sessions": q("SELECT count(*) FROM sessions"),
        "item_milestones": q("SELECT * FROM item_milestones ORDER BY id"),
        "item_updates": q("SELECT count(*) FROM item_updates"),
    }


def changed(before, after):
    return [k for k in before if before[k] != after[k]]


class World:
    """Staff clients and fresh things to act on: two agencies (moj and moi),
    a meeting and a proposal of each, a visible and a hidden comment."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.org, self.org_login = ctx.staff_client("organizer")
        self.a, self.a_login = ctx.staff_client("agency", "moj")
        self.b, self.b_login = ctx.staff_client("agency", "moi")
        self.m = {"moj": ctx.new_meeting(self.a, "moj"),
                  "moi": ctx.new_meeting(self.b, "moi")}
        self.p = {"moj": ctx.submit_proposal("moj")[0],
                  "moi": ctx.submit_proposal("moi")[0]}
        anon = ctx.client()
        self.c_visible = self.post_comment(anon, "可見的留言")
        self.c_hidden = self.post_comment(anon, "已隱藏的留言")
        r = self.org.post("/admin/comments/%d/hide" % self.c_hidden,
                          [("csrf", ctx.token(self.org)),
                           ("reason", "測試用")])
        assert r.status == 303, "organizer hiding a comment: %d" % r.status

    def post_comment(self, client, body):
        r = self.ctx.comment(client, "/commitments/1/comments", body=body)
        m = re.search(r"#comment-(\d+)$", r.location())
        assert r.status == 303 and m, "comment: %d %r" % (r.status,
                                                         r.location())
        return int(m.group(1))

    def requests(self, mine, theirs, for_agency=None):
        """One or more Req per staff route.  mine: the agency whose meeting
        and proposal are acted on; theirs: another agency (the target of a
        routing); for_agency: the agency a new meeting is posted for."""
        ctx = self.ctx
        mid, pid = self.m[mine], self.p[mine]
        for_agency = for_agency or mine
        q = ctx.query
        n_answers = lambda: q("SELECT count(*) FROM answers WHERE "
                              "proposal_id=?", (pid,))[0][0]
        a0 = n_answers()
        item = LEADS[mine]
        n_ms = lambda: q("SELECT count(*) FROM item_milestones WHERE "
                         "item_id=?", (item,))[0][0]
        n_up = lambda: q("SELECT count(*) FROM item_updates WHERE "
                         "item_id=?", (item,))[0][0]
        ms0, up0 = n_ms(), n_up()
        new_login = ctx.unique("via-web")
        title = "改過的標題 " + ctx.unique("t")
        new_title = "新的會議 " + ctx.unique("t")

        def meeting_save(tok):
            return [("csrf", tok), ("action", "save")] + \
                ctx.meeting_fields(mine, title=title)

        def meeting_cancel(tok):
            return [("csrf", tok), ("action", "cancel")]

        def meeting_new(tok):
            return [("csrf", tok)] + ctx.meeting_fields(for_agency,
                                                        title=new_title)

        def check(sql, args, want, what):
            def f():
                got = q(sql, args)
                return "" if got == want else "%s: %r, expected %r" % (
                    what, got, want)
            return f

        R = Req
        return [
            R(("GET", "/admin"), "/admin"),
            R(("GET", "/admin/proposals"), "/admin/proposals"),
            R(("GET", "/admin/proposals/{id}"), "/admin/proposals/%d" % pid),
            R(("GET", "/admin/proposals/{id}.odt"),
              "/admin/proposals/%d.odt" % pid,
              ctype="application/vnd.oasis.opendocument.text"),
            R(("GET", "/admin/export.csv"), "/admin/export.csv",
              ctype="text/csv"),
            R(("GET", "/admin/export.json"), "/admin/export.json",
              ctype="application/json"),
            R(("GET", "/admin/export.odt"), "/admin/export.odt",
              ctype="application/vnd.oasis.opendocument.text"),
            R(("GET", "/admin/export-responses.csv"),
              "/admin/export-responses.csv", ctype="text/csv"),
            R(("POST", "/admin/proposals/{id}/answer"),
              "/admin/proposals/%d/answer" % pid,
              lambda tok: [("csrf", tok), ("status", "adopted"),
                           ("response", "採納，理由如下。")],
              done=lambda: "" if n_answers() == a0 + 1 else
              "no answer stored"),
            R(("POST", "/admin/proposals/{id}/route"),
              "/admin/proposals/%d/route" % pid,
              lambda tok: [("csrf", tok), ("agency", theirs)],
              done=check("SELECT a.slug FROM proposals p JOIN agencies a ON "
                         "a.id = p.agency_id WHERE p.id=?", (pid,),
                         [(theirs,)], "addressed agency")),
            R(("GET", "/admin/meetings"), "/admin/meetings"),
            R(("GET", "/admin/meetings/new"), "/admin/meetings/new"),
            R(("POST", "/admin/meetings"), "/admin/meetings", meeting_new,
              label="agency=%s" % for_agency,
              done=check("SELECT a.slug FROM meetings m JOIN agencies a ON "
                         "a.id = m.agency_id WHERE m.title=?", (new_title,),
                         [(for_agency,)], "the new meeting")),
            R(("GET", "/admin/meetings/{id}/edit"),
              "/admin/meetings/%d/edit" % mid),
            R(("POST", "/admin/meetings/{id}"), "/admin/meetings/%d" % mid,
              meeting_save, label="action=save",
              done=check("SELECT title FROM meetings WHERE id=?", (mid,),
                         [(title,)], "the meeting's title")),
            R(("POST", "/admin/meetings/{id}"), "/admin/meetings/%d" % mid,
              meeting_cancel, label="action=cancel",
              done=check("SELECT status FROM meetings WHERE id=?", (mid,),
                         [("cancelled",)], "the meeting's status")),
            R(("GET", "/admin/users"), "/admin/users"),
            R(("POST", "/admin/users"), "/admin/users",
              lambda tok: [("csrf", tok), ("login", new_login),
                           ("role", "organizer"), ("agency", "")],
              ok=200,
              done=check("SELECT role FROM users WHERE login=?", (new_login,),
                         [("organizer",)], "the new user")),
            R(("GET", "/admin/deadline"), "/admin/deadline"),
            R(("POST", "/admin/deadline"), "/admin/deadline",
              lambda tok: [("csrf", tok), ("deadline", "2030-03-06T23:59")],
              done=check("SELECT value FROM settings WHERE key='deadline'",
                         (), [("2030-03-06T15:59:00Z",)], "the deadline")),
            R(("GET", "/admin/comments"), "/admin/comments"),
            R(("POST", "/admin/comments/{id}/hide"),
              "/admin/comments/%d/hide" % self.c_visible,
              lambda tok: [("csrf", tok), ("reason", "離題")],
              done=check("SELECT hidden_reason FROM comments WHERE id=?",
                         (self.c_visible,), [("離題",)], "the comment")),
            R(("POST", "/admin/comments/{id}/unhide"),
              "/admin/comments/%d/unhide" % self.c_hidden,
              lambda tok: [("csrf", tok)],
              done=check("SELECT hidden_at FROM comments WHERE id=?",
                         (self.c_hidden,), [(None,)], "the comment")),
            R(("POST", "/admin/items/{id}/milestones"),
              "/admin/items/%d/milestones" % item,
              lambda tok: [("csrf", tok), ("deliverable", "交付成果"),
                           ("starts_on", "2021-01-01"),
                           ("ends_on", "2021-06-30")],
              done=lambda: "" if n_ms() == ms0 + 1 else
              "no milestone stored"),
            R(("POST", "/admin/items/{id}/updates"),
              "/admin/items/%d/updates" % item,
              lambda tok: [("csrf", tok), ("note", "本季進度說明")],
              done=lambda: "" if n_up() == up0 + 1 else "no update stored"),
            R(("POST", "/admin/review"), "/admin/review",
              lambda tok: [("csrf", tok), ("status", "open")],
              done=check("SELECT value FROM settings WHERE key='review_open'",
                         (), [("1",)], "the review checkpoint")),
            R(("POST", "/logout"), "/logout", lambda tok: [("csrf", tok)]),
        ]


def assert_covers(reqs, rules=None):
    """reqs has a request for every staff route (with one of rules)."""
    want = {r for r, rule in STAFF_ROUTES.items()
            if rules is None or rule in rules}
    have = {q.route for q in reqs}
    missing = want - have
    assert not missing, "the table has no request for %s" % sorted(missing)


def test_every_staff_route_is_in_the_table(ctx):
    src = routes_in_source(ctx)
    assert len(src) >= 15, "found only %d staff routes in src/route.c" % (
        len(src))
    missing = src - set(STAFF_ROUTES)
    assert not missing, "staff routes of src/route.c that the authorization " \
        "tests do not cover: %s" % sorted(missing)
    gone = set(STAFF_ROUTES) - src
    assert not gone, "routes in the tests that src/route.c lacks: %s" % (
        sorted(gone))


def test_anonymous_gets_the_login_page(ctx):
    w = World(ctx)
    reqs = w.requests("moj", "moi")
    assert_covers(reqs)
    anon = ctx.client()
    token = ctx.token(anon)
    problems = []
    for q in reqs:
        before = snapshot(ctx)
        r = q.send(anon, token)
        diff = changed(before, snapshot(ctx))
        if diff:
            problems.append("%s changed %s" % (q.name(), ", ".join(diff)))
        if q.route == ("POST", "/logout"):
            # Logging out with no session: nothing to end.
            if r.status != 303 or not re.match(r"^/(login\b|$)",
                                               r.location()):
                problems.append("%s: %d %r, expected 303" % (
                    q.name(), r.status, r.location()))
            continue
        if q.method == "GET":
            try:
                assert_login_redirect(r, q.path, q.name())
            except AssertionError as e:
                problems.append(str(e))
                continue
            page = anon.get(r.location())
            if page.status != 200 or ctx.form_values(page.text).get(
                    "next") != [q.path]:
                problems.append("%s: the login page it leads to (%d) does not "
                                "come back to %s" % (q.name(), page.status,
                                                     q.path))
        elif r.status != 303 or not r.location().startswith("/login"):
            problems.append("%s: %d Location %r, expected 303 to /login" % (
                q.name(), r.status, r.location()))
    # The same without a csrf token, as a forged cross-site post would be.
    for q in reqs:
        if q.method != "POST" or q.route == ("POST", "/logout"):
            continue
        before = snapshot(ctx)
        r = ctx.client().post(q.path, [f for f in q.fields("")
                                       if f[0] != "csrf"])
        diff = changed(before, snapshot(ctx))
        if r.status not in (303, 403) or diff:
            problems.append("%s without csrf or cookie: %d, changed %s" % (
                q.name(), r.status, diff))
    assert not problems, "\n".join(problems)


def test_agency_user_on_organizer_routes_403(ctx):
    w = World(ctx)
    reqs = [q for q in w.requests("moj", "moi")
            if STAFF_ROUTES[q.route] == "organizer"]
    assert_covers(reqs, ("organizer",))
    token = ctx.token(w.a)
    problems = []
    for q in reqs:
        before = snapshot(ctx)
        r = q.send(w.a, token)
        diff = changed(before, snapshot(ctx))
        if r.status != 403:
            problems.append("%s as agency user %s: %d, expected 403" % (
                q.name(), w.a_login, r.status))
        else:
            try:
                ctx.assert_html(r, 403)
            except AssertionError as e:
                problems.append(str(e))
        if diff:
            problems.append("%s as agency user changed %s" % (
                q.name(), ", ".join(diff)))
    assert ctx.wait_log(r"denied login=%s\b" % re.escape(w.a_login)), \
        "no log line for the denials"
    # The admin menu does not offer them either.
    r = ctx.assert_html(w.a.get("/admin"), 200)
    for path in ("/admin/users", "/admin/deadline", "/admin/comments"):
        if 'href="%s"' % path in r.text:
            problems.append("the agency user's /admin links to %s" % path)
    assert not problems, "\n".join(problems)


def test_agency_user_on_another_agencys_things_403(ctx):
    w = World(ctx)
    # User a (moj) acting on moi's meeting and proposal.
    reqs = [q for q in w.requests("moi", "ndc", for_agency="moi")
            if STAFF_ROUTES[q.route] in ("meeting", "meeting-new",
                                         "proposal", "item")]
    assert_covers(reqs, ("meeting", "meeting-new", "proposal", "item"))
    # Moving one's own meeting to another agency is taking theirs too.
    reqs.append(Req(("POST", "/admin/meetings/{id}"),
                    "/admin/meetings/%d" % w.m["moj"],
                    lambda tok: [("csrf", tok), ("action", "save")] +
                    ctx.meeting_fields("moi", title="搬到內政部"),
                    label="action=save agency=moi (own meeting)"))
    token = ctx.token(w.a)
    problems = []
    for q in reqs:
        before = snapshot(ctx)
        r = q.send(w.a, token)
        diff = changed(before, snapshot(ctx))
        if r.status != 403:
            problems.append("%s as %s (moj): %d, expected 403" % (
                q.name(), w.a_login, r.status))
        if diff:
            problems.append("%s as %s (moj) changed %s" % (
                q.name(), w.a_login, ", ".join(diff)))
    # Nor does moi's proposal show in moj's list.
    r = w.a.get("/admin/proposals")
    if 'href="/admin/proposals/%d"' % w.p["moi"] in r.text:
        problems.append("/admin/proposals of a moj user lists moi's proposal")
    if 'href="/admin/proposals/%d"' % w.p["moj"] not in r.text:
        problems.append("/admin/proposals of a moj user lacks moj's proposal")
    assert not problems, "\n".join(problems)


def run_allowed(ctx, client, reqs, who):
    problems = []
    token = ctx.token(client)
    for q in reqs:
        r = q.send(client, token)
        if r.status != q.ok:
            problems.append("%s as %s: %d, expected %d: %s" % (
                q.name(), who, r.status, q.ok, ctx.excerpt(r.text, 150)))
            continue
        if q.ctype != "text/html":
            if not r.header("Content-Type").startswith(q.ctype):
                problems.append("%s as %s: Content-Type %r, expected %s" % (
                    q.name(), who, r.header("Content-Type"), q.ctype))
            elif not r.body:
                problems.append("%s as %s: an empty body" % (q.name(), who))
        elif q.method == "GET" or q.ok == 200:
            try:
                ctx.assert_html(r, q.ok)
            except AssertionError as e:
                problems.append(str(e))
        if q.done is not None:
            bad = q.done()
            if bad:
                problems.append("%s as %s: %s" % (q.name(), who, bad))
    return problems


def test_organizer_allowed_everywhere(ctx):
    w = World(ctx)
    reqs = w.requests("moi", "ndc", for_agency="cy")
    assert_covers(reqs)
    logout = [q for q in reqs if q.route == ("POST", "/logout")]
    reqs = [q for q in reqs if q.route != ("POST", "/logout")]
    with ctx.deadline(ctx.get_deadline()):
        problems = run_allowed(ctx, w.org, reqs, "organizer")
    # Logging out, in a session of its own (the shared one stays).
    c, login, _ = ctx.staff("organizer")
    problems += run_allowed(ctx, c, logout, "organizer")
    if sessions_of(ctx, login):
        problems.append("POST /logout left the organizer's session")
    assert not problems, "\n".join(problems)


def test_agency_user_allowed_on_its_own(ctx):
    w = World(ctx)
    reqs = [q for q in w.requests("moj", "moi")
            if STAFF_ROUTES[q.route] in ("staff", "meeting", "meeting-new",
                                         "proposal", "session", "item")]
    assert_covers(reqs, ("staff", "meeting", "meeting-new", "proposal",
                         "session", "item"))
    logout = [q for q in reqs if q.route == ("POST", "/logout")]
    reqs = [q for q in reqs if q.route != ("POST", "/logout")]
    problems = run_allowed(ctx, w.a, reqs, "moj user %s" % w.a_login)
    c, login, _ = ctx.staff("agency", "moj")
    problems += run_allowed(ctx, c, logout, "moj user")
    if sessions_of(ctx, login):
        problems.append("POST /logout left the agency user's session")
    # The new meeting form offers only the user's own agency.
    r = w.a.get("/admin/meetings/new")
    opts = re.findall(r'<option value="([a-z0-9-]+)"', r.text)
    if opts != ["moj"]:
        problems.append("the agency user's meeting form offers agencies %r"
                        % opts)
    assert not problems, "\n".join(problems)


# ================================================================ routing, answers

def answers_of(ctx, pid):
    return ctx.query("SELECT a.status, a.item_id, a.response, ag.slug, "
                     "u.login, a.answered_at FROM answers a JOIN users u ON "
                     "u.id = a.user_id LEFT JOIN agencies ag ON "
                     "ag.id = a.agency_id WHERE a.proposal_id=? ORDER BY a.id",
                     (pid,))


def answer_post(ctx, client, pid, fields):
    return client.post("/admin/proposals/%d/answer" % pid,
                       [("csrf", ctx.token(client))] + fields)


def test_route_and_answer(ctx):
    org, org_login = ctx.staff_client("organizer")
    a, a_login = ctx.staff_client("agency", "moj")
    b, b_login = ctx.staff_client("agency", "moi")
    pid, title = ctx.submit_proposal("moj")
    page = ctx.client().get("/proposals/%d" % pid)
    assert 'href="/agencies/moj"' in page.text

    # The organizer routes it from 法務部 (moj) to 內政部 (moi).
    r = org.post("/admin/proposals/%d/route" % pid,
                 [("csrf", ctx.token(org)), ("agency", "moi")])
    assert r.status == 303, "route: %d %s" % (r.status, ctx.excerpt(r.text))
    assert r.location() == "/admin/proposals/%d?routed=1" % pid, r.location()
    rows = ctx.query("SELECT fa.slug, ta.slug, u.login FROM routings r "
                     "LEFT JOIN agencies fa ON fa.id = r.from_agency_id "
                     "JOIN agencies ta ON ta.id = r.to_agency_id JOIN users u "
                     "ON u.id = r.user_id WHERE r.proposal_id=?", (pid,))
    assert rows == [("moj", "moi", org_login)], "routings: %r" % rows
    # Bad routings change nothing.
    for fields, status in (([("agency", "nope")], 400),
                           ([("agency", "")], 422),
                           ([("agency", "NDC")], 400)):
        r = org.post("/admin/proposals/%d/route" % pid,
                     [("csrf", ctx.token(org))] + fields)
        assert r.status == status, "route with %r: %d, expected %d" % (
            fields, r.status, status)
    assert len(ctx.query("SELECT 1 FROM routings WHERE proposal_id=?",
                         (pid,))) == 1, "a refused routing was stored"

    # Public: the proposal is addressed to moi now.
    r = ctx.assert_html(ctx.client().get("/proposals/%d" % pid), 200)
    m = re.search(r"受理機關.*?</dd>", r.text, re.S)
    assert m and 'href="/agencies/moi"' in m.group(0), \
        "the public page does not show the proposal addressed to moi: %r" % (
            m.group(0) if m else None)
    lst = ctx.client().get("/proposals?agency=moi").text
    assert 'href="/proposals/%d"' % pid in lst, "/proposals?agency=moi lacks it"
    lst = ctx.client().get("/proposals?agency=moj").text
    assert 'href="/proposals/%d"' % pid not in lst, \
        "/proposals?agency=moj still lists it"
    r = ctx.assert_html(org.get("/admin/proposals/%d" % pid), 200)
    assert re.search(r"%s.*法務部.*內政部" % re.escape(org_login),
                     text_of(r.text)), "the routing history is not shown"

    # The old agency may no longer answer; the new one may.
    assert a.get("/admin/proposals/%d" % pid).status == 403, \
        "moj user still sees the routed proposal"
    r = answer_post(ctx, a, pid, [("status", "adopted"),
                                  ("response", "不該被儲存")])
    assert r.status == 403, "moj user answering: %d" % r.status
    assert answers_of(ctx, pid) == [], "the old agency's answer was stored"
    ctx.assert_html(b.get("/admin/proposals/%d" % pid), 200)

    # Refused answers: nothing stored, the text kept.
    typed = "這段理由\n要保留。"
    for fields, status, field in (
            ([("status", "merged"), ("item", ""), ("response", typed)], 422,
             "a-item"),
            ([("status", "maybe"), ("response", typed)], 400, "a-status"),
            ([("status", ""), ("response", typed)], 422, "a-status"),
            ([("status", "adopted"), ("response", "")], 422, "a-response"),
            ([("status", "merged"), ("item", "abc"), ("response", typed)], 400,
             "a-item"),
            ([("status", "merged"), ("item", "99"), ("response", typed)], 400,
             "a-item")):
        r = answer_post(ctx, b, pid, fields)
        what = "answer %r" % fields
        ctx.assert_html(r, status)
        assert 'id="%s-err"' % field in r.text, \
            "%s: no error beside %s" % (what, field)
        if dict(fields)["response"]:
            got = ctx.form_values(r.text).get("response")
            assert got == [typed], "%s: response not kept: %r" % (what, got)
    assert answers_of(ctx, pid) == [], "a refused answer was stored"

    # Two answers: under review, then merged into item 4-1 (id 10).
    r = answer_post(ctx, b, pid, [("status", "under_review"),
                                  ("response", "本部**研議中**，預計下月回覆。")])
    assert r.status == 303, "answer 1: %d %s" % (r.status, ctx.excerpt(r.text))
    r = answer_post(ctx, b, pid, [("status", "merged"), ("item", "10"),
                                  ("response", "已併入 4-1，見 *政治獻金* 部分。")])
    assert r.status == 303, "answer 2: %d %s" % (r.status, ctx.excerpt(r.text))
    assert r.location() == "/admin/proposals/%d?answered=1" % pid
    rows = answers_of(ctx, pid)
    assert [x[:5] for x in rows] == [
        ("under_review", None, "本部**研議中**，預計下月回覆。", "moi", b_login),
        ("merged", 10, "已併入 4-1，見 *政治獻金* 部分。", "moi", b_login)], \
        "answers: %r" % rows
    # An organizer may answer too; the answer is the addressed agency's.
    r = answer_post(ctx, org, pid, [("status", "partly_adopted"),
                                    ("response", "主辦單位補充：部分採納。")])
    assert r.status == 303, "organizer answer: %d" % r.status
    rows = answers_of(ctx, pid)
    assert len(rows) == 3 and rows[2][3:5] == ("moi", org_login), \
        "organizer's answer: %r" % (rows[2:],)

    r = ctx.assert_html(ctx.client().get("/proposals/%d" % pid), 200)
    sec = re.search(r'<section class="answers".*?</section>', r.text, re.S)
    assert sec, "no answers section on the proposal page"
    sec = sec.group(0)
    cur = sec.split("old-answers")[0]
    assert "部分採納" in cur and "partly adopted" in cur, \
        "the current answer's status is not shown: %s" % text_of(cur)
    assert "主辦單位補充：部分採納。" in cur
    assert org_login in cur and "內政部" in cur, \
        "who answered is not shown: %s" % text_of(cur)
    at = rows[2][5]
    assert 'datetime="%s"' % at in cur and taipei(at) in cur, \
        "when it was answered is not shown (%s): %s" % (at, text_of(cur))
    old = sec[sec.index("old-answers"):] if "old-answers" in sec else ""
    assert old, "the earlier answers are not listed"
    assert "<strong>研議中</strong>" in old, \
        "the first answer's Markdown is not rendered: %s" % text_of(old)
    assert "併入承諾事項" in old and 'merged into an item' in old and \
        "4-1" in old and "<em>政治獻金</em>" in old, \
        "the merged answer is not listed with its item: %s" % text_of(old)
    assert old.count(b_login) == 2, "the earlier answers do not say who"
    # The list shows the current answer.
    lst = ctx.client().get("/proposals?agency=moi").text
    item = re.search(r'<li>\s*<a class="title" href="/proposals/%d">.*?</li>'
                     % pid, lst, re.S)
    assert item and "部分採納" in item.group(0), \
        "/proposals does not show the answer status"
    # The proposal keeps its current answer, the latest of the three.
    assert ctx.query("SELECT p.answer_id, (SELECT max(id) FROM answers a "
                     "WHERE a.proposal_id = p.id) FROM proposals p "
                     "WHERE p.id=?", (pid,))[0] == (
        ctx.query("SELECT max(id) FROM answers WHERE proposal_id=?",
                  (pid,))[0][0],) * 2, "answer_id is not the latest answer"


def test_current_answer_upgrade_and_check(ctx):
    """A database made before proposals kept their current answer gets it
    at `cocreate init`; `cocreate check` reports a proposal whose kept
    answer is not its latest, and init sets it right."""
    with ctx.scratch_db("cocreate-answer-") as (db, c):
        c.executescript("""
            INSERT INTO users (login, role, password_hash, created_at)
            VALUES ('org', 'organizer', 'x', '2026-11-01T00:00:00Z');
            INSERT INTO proposals (status, title, lead_agency_id, created_at,
                updated_at, submitted_at, token_hash)
            SELECT 'submitted', '提案' || n, (SELECT id FROM agencies
                WHERE slug = 'moea'), '2026-11-01T00:00:00Z',
                '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', x'00'
            FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3);
        """)
        ids = [r[0] for r in c.execute("SELECT id FROM proposals ORDER BY id")]
        answer = ("INSERT INTO answers (proposal_id, status, response, "
                  "response_html, user_id, answered_at) VALUES (?, ?, 'r', "
                  "'<p>r</p>', (SELECT id FROM users WHERE login = 'org'), "
                  "'2026-11-02T00:00:00Z')")
        c.execute(answer, (ids[0], "under_review"))
        c.execute(answer, (ids[0], "adopted"))
        c.execute(answer, (ids[1], "not_adopted"))
        c.commit()
        latest = dict(c.execute("SELECT proposal_id, max(id) FROM answers "
                                "GROUP BY proposal_id"))
        kept = lambda: dict(c.execute("SELECT id, answer_id FROM proposals"))
        assert kept() == {ids[0]: latest[ids[0]], ids[1]: latest[ids[1]],
                          ids[2]: None}, "kept as answered: %r" % kept()
        # As the database was before: no column, no trigger.
        c.executescript("DROP TRIGGER answer_current_ai; "
                        "ALTER TABLE proposals DROP COLUMN answer_id;")
        c.commit()
        p = ctx.cli("init", "--db", db)
        assert p.returncode == 0, p.stderr
        want = {ids[0]: latest[ids[0]], ids[1]: latest[ids[1]], ids[2]: None}
        assert kept() == want, "after the upgrade: %r" % kept()
        c.execute(answer, (ids[2], "merged"))
        c.commit()
        want[ids[2]] = c.execute("SELECT max(id) FROM answers").fetchone()[0]
        assert kept() == want, "an answer after the upgrade: %r" % kept()
        p = ctx.cli("check", "--db", db)
        assert p.returncode == 0 and p.stdout == "ok\n", p.stdout + p.stderr
        # A kept answer gone wrong is reported, and init sets it right.
        c.execute("UPDATE proposals SET answer_id = NULL WHERE id = ?",
                  (ids[0],))
        c.commit()
        p = ctx.cli("check", "--db", db)
        assert p.returncode != 0 and ("answers: proposal %d: current answer "
                                      "none, the latest %d" % (
                                          ids[0], latest[ids[0]])) in p.stdout, \
            p.stdout + p.stderr
        p = ctx.cli("init", "--db", db)
        assert p.returncode == 0, p.stderr
        assert kept() == want, "not set right by init: %r" % kept()


def test_answer_only_submitted(ctx):
    org, _ = ctx.staff_client("organizer")
    c = ctx.client()
    did, tok = ctx.create(c, [("kind", "add"), ("title", "草稿不能被回應"),
                              ("lead_agency", "moj")])
    a, _ = ctx.staff_client("agency", "moj")
    assert a.get("/admin/proposals/%d" % did).status == 404, \
        "an agency user sees a draft"
    r = answer_post(ctx, org, did, [("status", "adopted"),
                                    ("response", "不該被儲存")])
    assert r.status in (404, 409), "answering a draft: %d" % r.status
    assert answers_of(ctx, did) == []
    r = a.get("/admin/proposals/999999")
    assert r.status == 404, "unknown proposal: %d" % r.status


# ================================================================ agency portal

def section(page, start, end=None):
    """The part of page from the heading text start up to end (or the end)."""
    i = page.find(start)
    assert i >= 0, "no %r on the page" % start
    j = page.find(end, i) if end else -1
    return page[i:j] if j >= 0 else page[i:]


def li_with(html_text, href):
    """The <li>…</li> holding a link to href, or None."""
    for m in re.finditer(r"<li\b.*?</li>", html_text, re.S):
        if 'href="%s"' % href in m.group(0):
            return m.group(0)
    return None

# Item statuses as the pages show them.
ITEM_STATUS = {
    "draft": ("草案", "draft"),
    "in_progress": ("執行中", "in progress"),
    "completed": ("已完成", "completed"),
    "dropped": ("已刪除", "dropped"),
}


def test_agency_portal(ctx):
    slug = "hac"     # 客委會: lead of 3-4 (item 9), co-agency of commitment 3
    h, h_login = ctx.staff_client("agency", slug)
    old = ctx.query("SELECT status FROM items WHERE id=9")[0][0]
    ctx.execute("UPDATE items SET status='in_progress' WHERE id=9")
    try:
        pid, title = ctx.submit_proposal(slug)
        other_pid, _ = ctx.submit_proposal("ndc")
        r = answer_post(ctx, h, pid, [("status", "adopted"),
                                      ("response", "本會將**採納**此建議，"
                                       "於明年推動。")])
        assert r.status == 303, "answer: %d" % r.status
        # A time of its own, apart from the submission's, to look for.
        answered_at = iso(utc_now() - datetime.timedelta(days=2, hours=3))
        ctx.execute("UPDATE answers SET answered_at=? WHERE proposal_id=?",
                    (answered_at, pid))
        up = ctx.new_meeting(h, slug, title="客家 MSF 即將 " + ctx.unique("u"),
                             experts="羅美玲, 客家研究中心\n張三, 自由業")
        past = ctx.new_meeting(
            h, slug, title="客家 MSF 已舉行 " + ctx.unique("p"),
            starts_at=ctx.taipei_input(datetime.timedelta(days=-10), 9, 0),
            ends_at=ctx.taipei_input(datetime.timedelta(days=-10), 11, 0),
            minutes="決議：通過。", experts="劉老師, 客家學院")
        cancelled = ctx.new_meeting(h, slug, title="客家 MSF 取消 "
                                    + ctx.unique("c"))
        r = ctx.post_meeting(h, [], meeting_id=cancelled, action="cancel")
        assert r.status == 303, "cancel: %d" % r.status
        other_m = ctx.new_meeting(ctx.staff_client("organizer")[0], "ndc")
        anon = ctx.client()
        r = ctx.comment(anon, "/agencies/%s/comments" % slug, name="客家鄉親",
                        body="請多辦**客語**場次。")
        assert r.status == 303, "agency comment: %d" % r.status
        assert r.location().startswith("/agencies/%s#comment-" % slug), \
            r.location()

        r = ctx.assert_html(ctx.client().get("/agencies/" + slug), 200)
        page = r.text
        # Items: lead and co-agency, with status.
        items = section(page, "<h2>承諾事項", "<h2>向此機關提出的提案")
        li9 = li_with(items, "/commitments/9")
        assert li9 and "主政" in li9 and "lead" in li9 and "協辦" not in li9, \
            "item 3-4 is not shown as led by 客委會: %r" % li9
        assert "執行中" in li9 and "in progress" in li9, \
            "item 3-4's status is not shown: %s" % text_of(li9)
        for iid, lead in ((6, "行政院性平處"), (7, "內政部"), (8, "原民會")):
            li = li_with(items, "/commitments/%d" % iid)
            assert li and "協辦" in li and "co-agency" in li and lead in li, \
                "item %d is not shown as co-agency (lead %s): %r" % (iid,
                                                                    lead, li)
            # Whatever status other tests left it in, the one stored.
            st = ctx.query("SELECT status FROM items WHERE id=?",
                           (iid,))[0][0]
            zh, en = ITEM_STATUS[st]
            assert zh in li and en in li, \
                "item %d's status (%s) is not shown: %s" % (iid, st,
                                                           text_of(li))
        for iid in (1, 2, 3, 4, 5, 10, 11, 12):
            assert li_with(items, "/commitments/%d" % iid) is None, \
                "item %d is listed for 客委會" % iid

        # Proposals addressed to it, with the answer: status, response,
        # who and when.
        props = section(page, "<h2>向此機關提出的提案", "<h2>MSF 會議")
        li = li_with(props, "/proposals/%d" % pid)
        assert li, "the proposal addressed to 客委會 is not listed"
        assert li_with(props, "/proposals/%d" % other_pid) is None, \
            "another agency's proposal is listed"
        assert "採納" in li and "adopted" in li, \
            "the answer's status is not shown: %s" % text_of(li)
        assert li.count("回應：") == 1, \
            "the answer's status is said %d times, not once" % li.count("回應：")
        problems = []
        if "<strong>採納</strong>此建議" not in props:
            problems.append("the answer's response (rendered Markdown) is not "
                            "on the portal")
        if h_login not in props:
            problems.append("who answered (%s) is not on the portal" % h_login)
        if 'datetime="%s"' % answered_at not in props and \
                taipei(answered_at) not in props:
            problems.append("when it was answered (%s) is not on the portal"
                            % taipei(answered_at))

        # Meetings: upcoming, past with minutes, cancelled marked.
        meetings = section(page, "<h2>MSF 會議", "<h2>MSF 專家名單")
        upcoming = section(meetings, "<h3>即將舉行", "<h3>已舉行")
        past_sec = section(meetings, "<h3>已舉行")
        assert li_with(upcoming, "/meetings/%d" % up), \
            "the upcoming meeting is not under upcoming"
        li = li_with(past_sec, "/meetings/%d" % past)
        assert li, "the past meeting is not under past"
        assert "已公開紀錄" in li, "the past meeting's minutes are not flagged"
        li = li_with(upcoming, "/meetings/%d" % cancelled)
        assert li and "已取消" in li and "cancelled" in li, \
            "the cancelled meeting is not marked: %r" % li
        assert 'href="/meetings/%d"' % other_m not in page, \
            "another agency's meeting is on the portal"
        assert 'href="/agencies/%s/meetings.ics"' % slug in page, \
            "no link to the agency's calendar"

        # Experts of its MSFs.
        experts = section(page, "<h2>MSF 專家名單", '<section class="comments"')
        assert "羅美玲（客家研究中心）" in experts and "張三（自由業）" in experts, \
            "the experts are not listed: %s" % text_of(experts)

        # The comment thread.
        comments = section(page, '<section class="comments"')
        assert "客家鄉親" in comments and "<strong>客語</strong>" in comments, \
            "the comment is not on the portal"
        assert 'action="/agencies/%s/comments#' % slug in comments, \
            "no comment form on the portal"
        assert not problems, "\n".join(problems)
    finally:
        ctx.execute("UPDATE items SET status=? WHERE id=9", (old,))


def test_deadline_form_keeps_the_seconds(ctx):
    # The deadline is 23:59:59 Taipei; the form shows it with its seconds
    # (step="1"), so saving the form unchanged keeps it, where a value of
    # minutes made it 23:59:00 and refused the last minute's submissions.
    org, _ = ctx.staff_client("organizer")
    with ctx.deadline("2020-03-06T15:59:59Z"):
        page = ctx.assert_html(org.get("/admin/deadline"), 200)
        got = ctx.form_values(page.text, "/admin/deadline")
        assert got.get("deadline") == ["2020-03-06T23:59:59"], got
        assert re.search(r'<input id="deadline"[^>]*step="1"', page.text), \
            "the deadline's input takes no seconds"
        r = org.post("/admin/deadline", [("csrf", ctx.csrf(page.text)),
                                         ("deadline", got["deadline"][0])])
        assert r.status == 303, r
        assert ctx.get_deadline() == "2020-03-06T15:59:59Z", ctx.get_deadline()
        # Minutes alone are still taken, as the minute's start.
        page = org.get("/admin/deadline")
        r = org.post("/admin/deadline", [("csrf", ctx.csrf(page.text)),
                                         ("deadline", "2020-03-06T23:59")])
        assert r.status == 303, r
        assert ctx.get_deadline() == "2020-03-06T15:59:00Z", ctx.get_deadline()
        assert "目前截止時間" in org.get("/admin/deadline").text


def test_answer_a_proposal_whose_lead_is_free_text(ctx):
    # Not routed, its lead agency typed in: an organizer answers it; the
    # answer has no agency (NULL), where binding 0 broke the foreign key
    # and gave a 500 that no retry could mend.
    pid, title = ctx.submit_proposal("", lead_agency_other="臺北市政府")
    assert ctx.query("SELECT agency_id, lead_agency_id FROM proposals "
                     "WHERE id=?", (pid,)) == [(None, None)]
    org, _ = ctx.staff_client("organizer")
    page = ctx.assert_html(org.get("/admin/proposals/%d" % pid), 200)
    r = org.post("/admin/proposals/%d/answer" % pid, [
        ("csrf", ctx.csrf(page.text)), ("status", "under_review"),
        ("item", ""), ("response", "收到，研議中。")])
    assert r.status == 303, "answer: %d %s" % (r.status, ctx.excerpt(r.text))
    assert ctx.query("SELECT status, agency_id FROM answers WHERE "
                     "proposal_id=?", (pid,)) == [("under_review", None)]
    r = ctx.assert_html(ctx.client().get("/proposals/%d" % pid), 200)
    assert "收到，研議中。" in r.text, "the answer is not on the proposal"


def test_answer_to_a_withdrawn_proposal_keeps_the_text(ctx):
    # The citizen withdrew it while the agency was writing: 409, and the
    # response (up to 20,000 characters) shown back to copy, not lost.
    c = ctx.client()
    pid, tok = ctx.create(c, [
        ("kind", "add"), ("title", "將撤回 " + ctx.unique()), ("lead_agency", "ndc"),
        ("problem", "問題"), ("commitment", "承諾"), ("contribution", "貢獻"),
        ("value", "transparency"), ("relevance", "透明"), ("submitter", "某人"),
        ("email", "w@example.org")], action="submit")
    org, _ = ctx.staff_client("organizer")
    page = ctx.assert_html(org.get("/admin/proposals/%d" % pid), 200)
    r = ctx.update(c, pid, tok, [], action="withdraw")
    assert r.status == 303, "withdraw: %d" % r.status
    text = "經研議，本會回應如下：\n\n1. 第一點\n2. 第二點 " + ctx.unique()
    r = org.post("/admin/proposals/%d/answer" % pid, [
        ("csrf", ctx.csrf(page.text)), ("status", "adopted"), ("item", ""),
        ("response", text)])
    ctx.assert_html(r, 409)
    assert "只能回應已送出的提案" in r.text and "withdrawn" in r.text
    m = re.search(r'<textarea id="kept-response"[^>]*>(.*?)</textarea>',
                  r.text, re.S)
    assert m and html.unescape(m.group(1)).strip() == text, \
        "the response is not shown back: %s" % ctx.excerpt(r.text)
    assert ctx.query("SELECT count(*) FROM answers WHERE proposal_id=?",
                     (pid,)) == [(0,)]


def test_web_user_add_says_why_it_refused(ctx):
    # The reasons in both languages, not the command line's words.
    org, org_login = ctx.staff_client("organizer")
    for fields, status, zh, en in (
            ([("login", org_login), ("role", "organizer")], 409,
             "這個帳號已存在", "exists already"),
            ([("login", "new-" + ctx.unique("u")), ("role", "agency"),
              ("agency", "")], 422, "須選擇所屬部會", "needs its agency"),
            ([("login", "new-" + ctx.unique("u")), ("role", "agency"),
              ("agency", "nosuch")], 422, "沒有這個部會", "no such agency")):
        page = org.get("/admin/users")
        r = org.post("/admin/users", [("csrf", ctx.csrf(page.text))] + fields)
        ctx.assert_html(r, status)
        assert zh in r.text and en in r.text, "%r: %s" % (fields, ctx.excerpt(r.text))
        assert "--agency" not in r.text
