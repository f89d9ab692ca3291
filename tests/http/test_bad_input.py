"""Every bad input of issue 2 point 8, through nginx: the status, a clear
zh-TW + English message, and the app still answering afterwards."""

import html
import re
import urllib.parse

FORM = "application/x-www-form-urlencoded"

GOOD = [
    ("kind", "add"),
    ("title", "公共工程採購資料即時公開"),
    ("lead_agency", "moj"),
    ("problem", "採購資料公開時間落後，民眾無法即時監督。"),
    ("commitment", "決標後七日內公開完整採購資料。"),
    ("contribution", "讓民眾與媒體能及時監督採購。"),
    ("value", "transparency"),
    ("value", "accountability"),
    ("relevance", "透明與課責：資料即時公開並可追蹤。"),
    ("submitter", "公民監督聯盟 陳志明"),
    ("phone", "0912-345-678"),
    ("email", "chen.zhiming@example.org"),
]

TEXT_FIELDS = ["title", "lead_agency_other", "problem", "commitment",
               "contribution", "relevance", "submitter"]

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']
XSS_ESCAPED = ["&lt;script&gt;alert(1)&lt;/script&gt;",
               "&gt;&lt;img src=x onerror=alert(1)&gt;"]


def squash(s):
    return " ".join(s.split())


def replace(fields, **new):
    out = [(k, new[k] if k in new else v) for k, v in fields]
    for k, v in new.items():
        if k not in dict(fields):
            out.append((k, v))
    return out


def without(fields, *names):
    return [(k, v) for k, v in fields if k not in names]


def count_proposals(ctx):
    return ctx.query("SELECT count(*) FROM proposals")[0][0]


def refused(ctx, r, status, zh, en, what, tidy=True):
    """r is an HTML page with status and a message in both languages
    (zh and en: regular expressions), and the app still answers."""
    assert r.status == status, "%s: status %d, expected %d: %s" % (
        what, r.status, status, ctx.excerpt(r.text))
    assert r.header("Content-Type").startswith("text/html"), \
        "%s: Content-Type %r, expected an HTML page" % (
            what, r.header("Content-Type"))
    assert re.search(zh, r.text), "%s: no zh-TW message (%s) in: %s" % (
        what, zh, ctx.excerpt(r.text))
    assert re.search(en, r.text, re.I), "%s: no English message (%s) in: %s" \
        % (what, en, ctx.excerpt(r.text))
    if tidy:
        errs = ctx.tidy_errors(r.body)
        assert not errs, "%s: tidy errors:\n%s" % (what, errs)
    ctx.assert_alive(what)
    ctx.assert_security_headers(r)


def body_with(ctx, client, extra):
    """An urlencoded body of a valid save with extra appended raw."""
    token = ctx.form_token(client)
    return ("csrf=%s&action=save&" % token + extra).encode("ascii")


# ---------------------------------------------------------------- 415

def test_415_not_urlencoded(ctx):
    c = ctx.client()
    token = ctx.form_token(c)
    good = urllib.parse.urlencode([("csrf", token), ("action", "save"),
                                   ("title", "標題")]).encode()
    n = count_proposals(ctx)
    cases = [
        ("text/plain", b"csrf=" + token.encode() + b"&title=x"),
        ("text/plain; charset=utf-8", good),
        ("multipart/form-data; boundary=XyZ",
         b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
         token.encode() + b"\r\n--XyZ\r\nContent-Disposition: form-data; "
         b"name=\"title\"\r\n\r\nx\r\n--XyZ--\r\n"),
        ("application/json",
         ('{"csrf": "%s", "action": "save", "title": "x"}' % token).encode()),
        ("application/x-www-form-urlencodedX", good),
        (None, good),
    ]
    for ct, body in cases:
        r = c.post("/proposals", body, content_type=ct)
        refused(ctx, r, 415, r"表單格式",
                r"application/x-www-form-urlencoded",
                "POST /proposals with Content-Type %r" % ct)
    assert count_proposals(ctx) == n, "a refused body was stored"
    # The same on an update, with the right edit token.
    pid, tok = ctx.create(c, GOOD)
    r = c.post("/proposals/%d" % pid, ("token=%s&title=x" % tok).encode(),
               content_type="text/plain")
    refused(ctx, r, 415, r"表單格式", r"application/x-www-form-urlencoded",
            "POST /proposals/{id} as text/plain")
    # The parameter after the type is fine.
    r = c.post("/proposals", good,
               content_type=FORM + "; charset=UTF-8")
    assert r.status == 303, "urlencoded with charset: %d %s" % (
        r.status, ctx.excerpt(r.text))


def test_refused_unread_body_answered(ctx):
    """A body the app refuses without reading it (not a form, no such
    page) still gets the app's whole answer through nginx.  A worker
    closes its connection at once only when nginx has sent all it will
    (server.c); closing with a body unread would reset the connection
    before nginx had read the answer (it did: a truncated answer or a
    502)."""
    c = ctx.client()
    for i in range(6):
        for path, ct, size, status in (
                ("/proposals", "text/plain", 1900000, 415),
                ("/nope", FORM, 1900000, 404),
                ("/proposals", "application/json", 300000, 415)):
            r = c.post(path, b"a" * size, content_type=ct)
            assert r.status == status, "POST %s of %d bytes as %s: %d %s" % (
                path, size, ct, r.status, ctx.excerpt(r.text))
            assert r.text.rstrip().endswith("</html>"), \
                "POST %s of %d bytes: the answer was cut: %s" % (
                    path, size, ctx.excerpt(r.text[-200:]))
    assert c.get("/proposals").status == 200


# ---------------------------------------------------------------- 413

def test_413_body_too_large(ctx):
    c = ctx.client()
    token = ctx.form_token(c)
    n = count_proposals(ctx)
    head = ("csrf=%s&action=save&problem=" % token).encode()
    body = head + b"a" * (2 * 1024 * 1024 + 1 - len(head))
    assert len(body) == 2 * 1024 * 1024 + 1
    r = c.post("/proposals", body)
    refused(ctx, r, 413, r"太大", r"too large|larger than",
            "POST /proposals of 2 MiB + 1 byte")
    assert count_proposals(ctx) == n
    r = c.post("/proposals", head + b"a" * (3 * 1024 * 1024))
    refused(ctx, r, 413, r"太大", r"too large|larger than",
            "POST /proposals of 3 MiB")


def test_largest_form_fits(ctx):
    """The four long texts at their limit of 20,000 CJK characters each
    (about 750 KB encoded) are accepted: the limits do not refuse a real
    form."""
    c = ctx.client()
    big = "開" * 20000
    f = replace(GOOD, problem=big, commitment=big, contribution=big,
                relevance=big, title="字" * 200, submitter="名" * 200)
    pid, tok = ctx.create(c, f, action="submit")
    got = ctx.query("SELECT length(problem), length(relevance), "
                    "length(title) FROM proposals WHERE id=?", (pid,))
    assert got == [(20000, 20000, 200)], got
    # Its page is some 250 KB: several FastCGI records in one writev()
    # (resp.c), arriving whole, and HEAD says the same length.
    r = c.get("/proposals/%d" % pid)
    assert r.status == 200, r.status
    assert len(r.body) > 3 * 65535, len(r.body)
    assert int(r.header("Content-Length")) == len(r.body)
    assert r.text.count(big) == 4, r.text.count(big)
    assert r.text.rstrip().endswith("</html>"), ctx.excerpt(r.text[-300:])
    h = c.head("/proposals/%d" % pid)
    assert h.status == 200 and h.body == b"", (h.status, len(h.body))
    assert h.header("Content-Length") == r.header("Content-Length")


# ---------------------------------------------------------------- 400

def test_400_invalid_utf8(ctx):
    c = ctx.client()
    n = count_proposals(ctx)
    for enc in ("%FF", "%C0%AF", "%ED%A0%80", "%E4%B8", "%F8%88%80%80%80",
                "%80"):
        r = c.post("/proposals", body_with(ctx, c, "title=ab" + enc + "cd"))
        refused(ctx, r, 400, r"UTF-8", r"not valid UTF-8",
                "a title with %s" % enc)
        r = c.post("/proposals", body_with(ctx, c, "problem=" + enc))
        refused(ctx, r, 400, r"UTF-8", r"not valid UTF-8",
                "a problem of %s" % enc)
    # In a field's name too.
    r = c.post("/proposals", body_with(ctx, c, "ti%FFtle=x"))
    refused(ctx, r, 400, r"UTF-8", r"UTF-8", "a field name with %FF")
    assert count_proposals(ctx) == n


def test_400_nul(ctx):
    c = ctx.client()
    for extra in ("title=a%00b", "problem=%00", "ti%00tle=x"):
        r = c.post("/proposals", body_with(ctx, c, extra))
        refused(ctx, r, 400, r"空字元|NUL", r"NUL", "body %s" % extra)
    # A raw NUL byte in the body.
    token = ctx.form_token(c)
    r = c.post("/proposals", b"csrf=" + token.encode() + b"&title=a\x00b")
    refused(ctx, r, 400, r"空字元|NUL", r"NUL", "a raw NUL byte")


def test_400_bad_percent(ctx):
    c = ctx.client()
    for extra in ("title=%G1", "title=abc%", "title=ab%4", "title=%%41",
                  "title=%zz", "ti%Gtle=x"):
        r = c.post("/proposals", body_with(ctx, c, extra))
        refused(ctx, r, 400, r"百分比編碼|編碼", r"percent",
                "body %s" % extra)


def test_400_unknown_field(ctx):
    c = ctx.client()
    for extra in ("bogus=1", "Title=x", "title[]=x", "=x"):
        r = c.post("/proposals", body_with(ctx, c, extra))
        if extra == "=x":
            # An empty name is no field at all: refused as unknown, or
            # ignored; never stored as something.
            assert r.status in (303, 400), "=x: %d" % r.status
            ctx.assert_alive("=x")
            continue
        refused(ctx, r, 400, r"不明的欄位|欄位", r"unknown field",
                "body with %s" % extra)


def test_400_repeated_field(ctx):
    c = ctx.client()
    for name in ("title", "problem", "lead_agency", "kind", "csrf",
                 "action", "email"):
        r = c.post("/proposals", body_with(
            ctx, c, "%s=a&%s=b" % (name, name)))
        refused(ctx, r, 400, r"重複", r"repeated", "%s twice" % name)
    # value is the one field that repeats.
    pid, _ = ctx.create(c, GOOD, action="submit")
    got = ctx.query("SELECT ogp_values FROM proposals WHERE id=?", (pid,))
    assert got == [(1 | 4,)], "value repeated: stored %r, expected 5" % got


def test_400_too_many_fields(ctx):
    c = ctx.client()
    # REQ_MAX_FIELDS is 128: the form's own fields and 129 more.
    extra = "&".join(["value=transparency"] * 129)
    r = c.post("/proposals", body_with(ctx, c, extra))
    refused(ctx, r, 400, r"太多", r"too many", "129 more fields")
    extra = "&".join("x%d=1" % i for i in range(200))
    r = c.post("/proposals", body_with(ctx, c, extra))
    refused(ctx, r, 400, r"太多|不明", r"too many|unknown", "200 fields")


def test_400_bad_query_string(ctx):
    c = ctx.client()
    cases = [("/proposals?q=%FF", r"UTF-8", r"UTF-8"),
             ("/proposals?q=%C0%AF", r"UTF-8", r"UTF-8"),
             ("/proposals?q=%ED%A0%80", r"UTF-8", r"UTF-8"),
             ("/?x=%FF", r"UTF-8", r"UTF-8"),
             ("/proposals?q=%G1", r"編碼", r"percent"),
             ("/proposals?q=abc%", r"編碼", r"percent"),
             ("/commitments?x=%4", r"編碼", r"percent"),
             ("/proposals?q=a%00b", r"空字元|NUL", r"NUL"),
             ("/proposals/new?kind=%FF", r"UTF-8", r"UTF-8")]
    for path, zh, en in cases:
        r = c.get(path)
        refused(ctx, r, 400, zh, en, "GET %s" % path)
    # Filters no form offers.
    for path in ("/proposals?agency=%3Cscript%3E", "/proposals?agency=nosuch",
                 "/proposals?value=x",
                 "/proposals?page=0", "/proposals?page=-1",
                 "/proposals?page=abc"):
        r = c.get(path)
        refused(ctx, r, 400, r"[\u4e00-\u9fff]", r"[a-z]{4}", "GET %s" % path)


# ---------------------------------------------------------------- 403 CSRF

def test_403_csrf_new_proposal(ctx):
    typed = replace(GOOD, title="CSRF 測試：表單內容要保留",
                    problem="這段文字\r\n在安全驗證失敗後不能遺失。")
    n = count_proposals(ctx)
    c = ctx.client()
    token = ctx.form_token(c)
    other = ctx.client()
    other_token = ctx.form_token(other)
    assert other_token != token, "two browsers got the same csrf token"
    cases = [
        ("no csrf field", c, [("action", "save")]),
        ("an empty csrf", c, [("csrf", ""), ("action", "save")]),
        ("a wrong csrf", c, [("csrf", "A" * len(token)), ("action", "save")]),
        ("a truncated csrf", c, [("csrf", token[:-1]), ("action", "save")]),
        ("another browser's csrf", c, [("csrf", other_token),
                                       ("action", "save")]),
        ("no cookie", ctx.client(), [("csrf", token), ("action", "save")]),
    ]
    for what, client, head in cases:
        r = client.post("/proposals", head + typed)
        refused(ctx, r, 403, r"安全驗證|驗證", r"security check|expired",
                "POST /proposals with %s" % what)
        got = ctx.form_values(r.text)
        for k in ("title", "problem", "submitter", "email", "phone"):
            want = squash(dict(typed)[k])
            assert [squash(x) for x in got.get(k, [])] == [want], \
                "%s: %s not shown back intact: %r" % (what, k, got.get(k))
        assert sorted(got.get("value", [])) == ["accountability",
                                                "transparency"], \
            "%s: values not shown back: %r" % (what, got.get("value"))
        assert got.get("lead_agency") == ["moj"], \
            "%s: lead agency not shown back" % what
        # A fresh token: pressing the button again (the form as shown,
        # with the cookie the browser now has) saves.
        assert ctx.csrf(r.text), "%s: no csrf token in the form" % what
        assert client.cookie("cc_csrf"), "%s: no cc_csrf cookie" % what
        again = [(k, v) for k, vals in got.items() for v in vals
                 if k not in ("action", "q")]
        r2 = client.post("/proposals", again + [("action", "save")])
        assert r2.status == 303, \
            "%s: sending the re-shown form again: %d %s" % (
                what, r2.status, ctx.excerpt(r2.text))
    assert count_proposals(ctx) == n + len(cases), \
        "the refused posts stored something"


def test_403_csrf_update(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, GOOD)
    other = ctx.client()
    other_token = ctx.form_token(other)
    typed = replace(GOOD, title="不該被儲存的修改")
    for what, head in (("no csrf", []), ("a wrong csrf", [("csrf", "B" * 43)]),
                       ("another browser's csrf", [("csrf", other_token)])):
        r = c.post("/proposals/%d" % pid, head + [("token", tok),
                                                   ("action", "save")] + typed)
        refused(ctx, r, 403, r"安全驗證|驗證", r"security check|expired",
                "update with %s" % what)
        got = ctx.form_values(r.text)
        assert got.get("title") == ["不該被儲存的修改"], \
            "%s: the typed title is not shown back: %r" % (what,
                                                            got.get("title"))
        assert got.get("token") == [tok], "%s: the edit token is lost" % what
        for action in ("submit", "withdraw"):
            r = c.post("/proposals/%d" % pid, head + [("token", tok),
                                                       ("action", action)])
            assert r.status == 403, "%s with %s: %d" % (action, what,
                                                        r.status)
    got = ctx.query("SELECT title, status, revision FROM proposals WHERE "
                    "id=?", (pid,))
    assert got == [(dict(GOOD)["title"], "draft", 1)], \
        "a refused update changed the proposal: %r" % got


# ---------------------------------------------------------------- 403 token

def test_403_wrong_edit_token(ctx):
    c = ctx.client()
    p1, t1 = ctx.create(c, GOOD)
    p2, t2 = ctx.create(c, replace(GOOD, title="另一個提案"))
    assert t1 != t2
    bad = [("a wrong token", "x" * len(t1)), ("a truncated token", t1[:-1]),
           ("half the token", t1[:len(t1) // 2]),
           ("another proposal's token", t2), ("an empty token", ""),
           ("the token and more", t1 + "A"),
           ("a token with odd characters", "<script>")]
    for what, tok in bad:
        r = c.get("/proposals/%d/edit?token=%s" % (p1, urllib.parse.quote(tok)))
        refused(ctx, r, 403, r"編輯連結", r"edit link",
                "GET edit with %s" % what)
        assert "<script>" not in r.text
        assert dict(GOOD)["problem"] not in r.text, \
            "%s: the draft is shown" % what
    r = c.get("/proposals/%d/edit" % p1)
    refused(ctx, r, 403, r"編輯連結", r"edit link", "GET edit without token")

    csrf = ctx.csrf(c.get("/proposals/%d/edit?token=%s" % (p1, t1)).text)
    for what, tok in bad:
        for action in ("save", "submit", "withdraw"):
            r = c.post("/proposals/%d" % p1, [("csrf", csrf), ("token", tok),
                                               ("action", action)] +
                       replace(GOOD, title="被竄改的標題"))
            if what == "a token with odd characters" and r.status == 400:
                continue    # not even a token: refused as malformed
            refused(ctx, r, 403, r"編輯連結", r"edit link",
                    "POST %s with %s" % (action, what))
    r = c.post("/proposals/%d" % p1, [("csrf", csrf), ("action", "save"),
                                       ("title", "被竄改的標題")])
    refused(ctx, r, 403, r"編輯連結", r"edit link", "POST without token")
    got = ctx.query("SELECT id, title, status, revision FROM proposals "
                    "WHERE id IN (?, ?) ORDER BY id", (p1, p2))
    assert got == [(p1, dict(GOOD)["title"], "draft", 1),
                   (p2, "另一個提案", "draft", 1)], got
    # Print with a wrong token: refused, no contacts.
    r = c.get("/proposals/%d/print?token=%s" % (p1, t2))
    refused(ctx, r, 403, r"編輯連結", r"edit link", "print with p2's token")
    assert "0912-345-678" not in r.text
    # The right token still works.
    ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (p1, t1)))
    # Unknown proposal: 404 whatever the token.
    r = c.get("/proposals/999999/edit?token=%s" % t1)
    refused(ctx, r, 404, r"找不到", r"no page|not found", "edit of 999999")
    r = c.post("/proposals/999999", [("csrf", csrf), ("token", t1),
                                      ("action", "save"), ("title", "x")])
    refused(ctx, r, 404, r"找不到", r"no page|not found", "update of 999999")


# ---------------------------------------------------------------- 405

def test_405_wrong_method(ctx):
    c = ctx.client()
    cases = [("PUT", "/proposals", True), ("DELETE", "/proposals", True),
             ("PATCH", "/proposals", True),
             ("POST", "/commitments", False), ("POST", "/commitments/1", False),
             ("POST", "/proposals/new", False), ("PUT", "/proposals/1", True),
             ("DELETE", "/proposals/1", True), ("POST", "/", False),
             ("POST", "/agencies/ndc", False), ("POST", "/healthz", False),
             ("POST", "/proposals/1/edit", False),
             ("OPTIONS", "/proposals", True)]
    bad = []
    for method, path, has_post in cases:
        body = b"title=x" if method in ("POST", "PUT", "PATCH") else None
        r = c.request(method, path, body, content_type=FORM if body else None)
        what = "%s %s" % (method, path)
        refused(ctx, r, 405, r"請求方法|方法", r"method not allowed", what)
        allow = [m.strip().upper() for m in r.header("Allow").split(",")
                 if m.strip()]
        if "GET" not in allow or ("POST" in allow) != has_post or \
                method in allow:
            bad.append("%s: Allow header %r, expected GET, HEAD%s" % (
                what, r.header("Allow", None), ", POST" if has_post else ""))
    assert not bad, "405 without a right Allow header (RFC 9110):\n" + \
        "\n".join(bad)


# ---------------------------------------------------------------- limits

def test_too_long_fields(ctx):
    c = ctx.client()
    n = count_proposals(ctx)
    title = "長" * 201
    problem = "問題描述" * 5000 + "尾"     # 20,001 characters
    assert len(problem) == 20001
    for action in ("save", "submit"):
        t = ctx.form_token(c)
        f = replace(GOOD, title=title)
        r = c.post("/proposals", [("csrf", t), ("action", action)] + f)
        what = "a title of 201 characters (%s)" % action
        assert 400 <= r.status < 500, "%s: status %d" % (what, r.status)
        ctx.assert_html(r, r.status)
        got = ctx.form_values(r.text)
        assert got.get("title") == [title], "%s: title not intact" % what
        assert got.get("problem") == [dict(GOOD)["problem"]], \
            "%s: the other fields are not intact" % what
        m = re.search(r'id="title-err">(.*?)</p>', r.text, re.S)
        assert m, "%s: no error beside the title" % what
        assert "200" in m.group(1) and re.search(r"[\u4e00-\u9fff]",
                                                 m.group(1)) and \
            re.search(r"characters|long", m.group(1), re.I), \
            "%s: the limit is not in the message: %r" % (what, m.group(1))

        t = ctx.form_token(c)
        f = replace(GOOD, problem=problem)
        r = c.post("/proposals", [("csrf", t), ("action", action)] + f)
        what = "a problem of 20,001 characters (%s)" % action
        assert 400 <= r.status < 500, "%s: status %d" % (what, r.status)
        ctx.assert_html(r, r.status)
        got = ctx.form_values(r.text)
        assert got.get("problem") == [problem], "%s: text not intact" % what
        m = re.search(r'id="problem-err">(.*?)</p>', r.text, re.S)
        assert m, "%s: no error beside the problem" % what
        assert re.search(r"20,?000", m.group(1)) and \
            re.search(r"characters|long", m.group(1), re.I), \
            "%s: the limit is not in the message: %r" % (what, m.group(1))
    assert count_proposals(ctx) == n, "a too-long proposal was stored"
    # Counted in characters: 200 CJK characters (600 bytes) are fine.
    ctx.create(c, replace(GOOD, title="滿" * 200))
    # Too long on an update too; the stored text stays.
    pid, tok = ctx.create(c, GOOD)
    r = ctx.update(c, pid, tok, replace(GOOD, title=title))
    assert 400 <= r.status < 500, "update with a long title: %d" % r.status
    assert ctx.form_values(r.text).get("title") == [title]
    assert ctx.query("SELECT title FROM proposals WHERE id=?", (pid,)) == \
        [(dict(GOOD)["title"],)]


def test_bad_contact_shown_back(ctx):
    c = ctx.client()
    for name, value in (("email", "not-an-address"), ("email", "a@b"),
                        ("phone", "call me maybe"), ("phone", "12")):
        f = replace(GOOD, **{name: value})
        t = ctx.form_token(c)
        r = c.post("/proposals", [("csrf", t), ("action", "submit")] + f)
        what = "%s=%r" % (name, value)
        assert 400 <= r.status < 500, "%s: status %d" % (what, r.status)
        ctx.assert_html(r, r.status)
        assert re.search(r'id="%s-err"' % name, r.text), \
            "%s: no error beside %s" % (what, name)
        assert ctx.form_values(r.text).get(name) == [value], \
            "%s: not shown back" % what


# ---------------------------------------------------------------- XSS

def assert_escaped(ctx, r, what, expect_shown=True):
    for p in XSS:
        assert p not in r.text, "%s: the raw payload %r is in the page" % (
            what, p)
    scripts = [t for t in ctx.active_content(r.text) if t.startswith("<script")]
    assert not scripts, "%s: a <script> element: %s" % (what, scripts)
    assert "<img" not in r.text.lower(), "%s: an <img> element" % what
    assert "onerror=alert" not in r.text.replace(
        "onerror=alert(1)&gt;", ""), "%s: an onerror attribute" % what
    if expect_shown:
        for e in XSS_ESCAPED:
            assert e in r.text, "%s: the text %r is not shown escaped" % (
                what, e)


def test_xss_escaped_everywhere(ctx):
    payload = "提案 " + XSS[0] + " " + XSS[1]
    f = without(GOOD, "lead_agency")
    f = replace(f, **{k: payload for k in TEXT_FIELDS})
    c = ctx.client()
    # Saved as a draft: the edit form.
    pid, tok = ctx.create(c, f)
    got = ctx.query("SELECT title, lead_agency_other, problem, submitter "
                    "FROM proposals WHERE id=?", (pid,))
    assert got == [(payload,) * 4], "stored %r" % got
    r = ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (pid, tok)))
    assert_escaped(ctx, r, "the edit form")
    for k in TEXT_FIELDS:
        assert ctx.form_values(r.text).get(k) == [payload], \
            "the edit form: %s is not the text typed" % k
    r = ctx.assert_html(c.get("/proposals/%d/print?token=%s" % (pid, tok)))
    assert_escaped(ctx, r, "the draft's print page")
    # Shown back with an error (422) and after a CSRF failure (403).
    r = ctx.update(c, pid, tok, without(f, "relevance"), action="submit")
    ctx.assert_html(r, 422)
    assert_escaped(ctx, r, "the form after 422")
    r = c.post("/proposals", [("csrf", "x"), ("action", "save")] + f)
    assert r.status == 403
    assert_escaped(ctx, r, "the form after 403")
    # Submitted: every public page that shows it.
    r = ctx.update(c, pid, tok, f, action="submit")
    assert r.status == 303, "submit: %d %s" % (r.status, ctx.excerpt(r.text))
    anon = ctx.client()
    for path in ("/proposals/%d" % pid, "/proposals", "/",
                 "/proposals/%d/print" % pid,
                 "/proposals?q=" + urllib.parse.quote("提案 <script>")):
        r = ctx.assert_html(anon.get(path))
        if not path.startswith("/proposals/"):
            assert 'href="/proposals/%d"' % pid in r.text, \
                "%s does not list the proposal" % path
        assert_escaped(ctx, r, path)
    r = ctx.assert_html(c.get("/proposals/%d/print?token=%s" % (pid, tok)))
    assert_escaped(ctx, r, "the print page with contacts")
    r = ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (pid, tok)))
    assert_escaped(ctx, r, "the edit form of the submitted proposal")
    # A modify proposal shows on its item's page.
    g = replace(f, kind="modify", target_item="11")
    mid, _ = ctx.create(c, g, action="submit")
    r = ctx.assert_html(anon.get("/commitments/11"))
    assert 'href="/proposals/%d"' % mid in r.text
    assert_escaped(ctx, r, "/commitments/11")


def test_xss_in_other_fields_and_query(ctx):
    c = ctx.client()
    # Fields with a format: refused with the text shown back, escaped.
    for name in ("phone", "email", "lead_agency", "target_item", "kind"):
        for p in XSS:
            f = replace(GOOD, **{name: p})
            t = ctx.form_token(c)
            r = c.post("/proposals", [("csrf", t), ("action", "save")] + f)
            what = "%s=%r" % (name, p)
            assert 400 <= r.status < 500, "%s: %d" % (what, r.status)
            ctx.assert_html(r, r.status)
            assert_escaped(ctx, r, what, expect_shown=False)
            if name in ("phone", "email"):
                assert html.escape(p) in r.text, \
                    "%s: not shown back escaped" % what
                assert ctx.form_values(r.text).get(name) == [p], \
                    "%s: not shown back intact" % what
    # Reflected query words.
    q = urllib.parse.quote(XSS[0] + XSS[1])
    r = ctx.assert_html(c.get("/proposals?q=" + q))
    assert_escaped(ctx, r, "the search words")
    r = c.get("/proposals/1/edit?token=" + q)
    assert r.status in (403, 404), "edit with a payload token: %d" % r.status
    assert_escaped(ctx, r, "the edit link refusal", expect_shown=False)
    r = c.get("/nope" + urllib.parse.quote("<script>"))
    assert r.status in (400, 404)
    assert_escaped(ctx, r, "a 404 for a path with <script>",
                   expect_shown=False)
