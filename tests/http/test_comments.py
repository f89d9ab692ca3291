"""Comments on commitment items, proposals, meetings and agencies' plans
(issue 3, point 6): posting, limits, replies, reports, moderation, the
deadline, CSRF, and Markdown that cannot carry script."""

import re

# The Markdown XSS vectors of issue 3, point 9, and their usual disguises.
XSS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<b onmouseover=alert(1)>x</b>",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![i](http://example.com/x.png)",
    "[y](JaVaScRiPt:alert(1))",
    "[z](  javascript:alert(1))",
    "[e](&#106;avascript:alert(1))",
    "[r][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[v](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">a</a>',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '[t](http://a.example/ "a\\" onmouseover=\\"alert(1)")',
    '[q](http://a.example/"onmouseover="alert(1))',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "```\n<script>alert(1)</script>\n```",
]


def squash(s):
    return " ".join(s.split())


def count_comments(ctx):
    return ctx.query("SELECT count(*) FROM comments")[0][0]


def targets(ctx):
    """The four kinds of target, made once per run: a commitment item, a
    submitted proposal, a meeting and an agency."""
    t = getattr(ctx, "_comment_targets", None)
    if t is None:
        ctx.reset_rate_limits()
        pid, _ = ctx.submit_proposal("cec")
        org, _ = ctx.staff_client("organizer")
        mid = ctx.new_meeting(org, "cec")
        t = [
            dict(kind="item", page="/commitments/3",
                 post="/commitments/3/comments", target="item", id=3),
            dict(kind="proposal", page="/proposals/%d" % pid,
                 post="/proposals/%d/comments" % pid, target="proposal",
                 id=pid),
            dict(kind="meeting", page="/meetings/%d" % mid,
                 post="/meetings/%d/comments" % mid, target="meeting", id=mid),
            dict(kind="agency", page="/agencies/cec",
                 post="/agencies/cec/comments", target="agency", id=8),
        ]
        ctx._comment_targets = t
    return t


def form_token(ctx, client, t):
    """The csrf token of the target page's comment form, as a browser has
    it."""
    r = ctx.assert_html(client.get(t["page"]), 200, tidy=False)
    got = ctx.form_values(r.text, t["post"])
    assert got.get("csrf"), "%s has no comment form posting to %s" % (
        t["page"], t["post"])
    return got["csrf"][0]


def post(ctx, client, t, name="市民", body="意見", affiliation="",
         parent=None, token=True):
    fields = []
    if token is True:
        fields.append(("csrf", form_token(ctx, client, t)))
    elif token:
        fields.append(("csrf", token))
    fields += [("name", name), ("affiliation", affiliation), ("body", body)]
    if parent is not None:
        fields.append(("parent", str(parent)))
    return client.post(t["post"], fields)


def posted_id(r, t):
    m = re.match(r"^%s#comment-(\d+)$" % re.escape(t["page"]), r.location())
    assert r.status == 303 and m, "POST %s: %d Location %r: %s" % (
        t["post"], r.status, r.location(), r.text[:200])
    return int(m.group(1))


def article(page, cid):
    m = re.search(r'<article id="comment-%d">.*?</article>' % cid, page, re.S)
    return m.group(0) if m else None


def main_form(page, action):
    """The comment form posting to action (the last form posting there:
    the reply forms come first), or None."""
    forms = [m.group(0) for m in re.finditer(r"<form\b[^>]*>.*?</form>", page,
                                             re.S)
             if re.search(r'action="%s(?:#[^"]*)?"' % re.escape(action),
                          m.group(0).split(">", 1)[0])]
    return forms[-1] if forms else None


def kept(ctx, r, t, fields):
    """What of fields the comment form in r does not show back."""
    got = ctx.form_values(main_form(r.text, t["post"]) or "")
    return ["%s (%r)" % (k, [x[:40] for x in got.get(k, [])])
            for k, v in fields.items()
            if [squash(x) for x in got.get(k, [])] != [squash(v)]]


# ---------------------------------------------------------------- posting

def test_comment_on_every_target(ctx):
    u = ctx.unique("c")
    for t in targets(ctx):
        c = ctx.client()
        body = "我支持這項**承諾**（%s %s）。\n\n- 第一點\n- 第二點" % (t["kind"], u)
        r = post(ctx, c, t, name="林小美 " + u, affiliation="公民團體 " + u,
                 body=body)
        cid = posted_id(r, t)
        row = ctx.query("SELECT target, target_id, parent_id, name, "
                        "affiliation, body, hidden_at, reports FROM comments "
                        "WHERE id=?", (cid,))
        assert row == [(t["target"], t["id"], None, "林小美 " + u,
                        "公民團體 " + u, body, None, 0)], \
            "%s: stored %r" % (t["kind"], row)
        r = ctx.assert_html(ctx.client().get(t["page"]), 200)
        a = article(r.text, cid)
        assert a, "%s: comment %d not on %s" % (t["kind"], cid, t["page"])
        assert "林小美 %s" % u in a and "（公民團體 %s）" % u in a, \
            "%s: name or affiliation not shown" % t["kind"]
        assert "<strong>承諾</strong>" in a and "<li>第一點</li>" in a, \
            "%s: the body is not rendered Markdown: %s" % (t["kind"], a)
        assert "127.0.0.1" not in r.text, "%s: the address is shown" % (
            t["kind"])
        # The affiliation is optional.
        r = post(ctx, c, t, name="匿名 " + u, body="沒有單位也可以")
        cid2 = posted_id(r, t)
        a = article(ctx.client().get(t["page"]).text, cid2)
        assert a and "匿名 %s" % u in a and "（" not in a, \
            "%s: a comment without affiliation: %r" % (t["kind"], a)
    # Nothing to comment on.
    c = ctx.client()
    did, _ = ctx.create(c, [("kind", "add"), ("title", "草稿")])
    for path in ("/commitments/99/comments", "/proposals/%d/comments" % did,
                 "/proposals/999999/comments", "/meetings/999999/comments",
                 "/agencies/nope/comments"):
        r = c.post(path, [("csrf", ctx.token(c)), ("name", "某人"),
                          ("body", "找不到")])
        assert r.status == 404, "POST %s: %d, expected 404" % (path, r.status)


def test_comment_errors_keep_the_text(ctx):
    n = count_comments(ctx)
    problems = []
    for t in targets(ctx):
        c = ctx.client()
        for what, fields, status, err in (
                ("no name", dict(name="", affiliation="某單位",
                                 body="內容要保留\n第二行"), 422, "c-name-err"),
                ("a blank name", dict(name="   ", affiliation="",
                                      body="內容要保留"), 422, "c-name-err"),
                ("no body", dict(name="某人", affiliation="某單位", body=""),
                 422, "c-body-err"),
                ("a body of 5001 characters",
                 dict(name="某人", affiliation="", body="字" * 5001), 422,
                 "c-body-err"),
                ("a name of 101 characters",
                 dict(name="名" * 101, affiliation="", body="內容"), 422,
                 "c-name-err")):
            r = post(ctx, c, t, **fields)
            label = "%s on %s" % (what, t["kind"])
            if r.status != status:
                problems.append("%s: %d, expected %d" % (label, r.status,
                                                        status))
                continue
            try:
                ctx.assert_html(r, status)
            except AssertionError as e:
                problems.append("%s: %s" % (label, e))
            if 'id="%s"' % err not in r.text:
                problems.append("%s: no error beside the field" % label)
            # The browser lands where the form's action points (its
            # fragment), and the banner is there, not a screen above.
            form = main_form(r.text, t["post"]) or ""
            m = re.search(r'action="[^"#]*#([^"]+)"', form)
            entry = r.text.split('id="%s"' % m.group(1), 1) if m else []
            if len(entry) != 2:
                problems.append("%s: the form's action points nowhere: %r"
                                % (label, form[:200]))
            elif "留言尚未送出" not in entry[1].split("<form", 1)[0]:
                problems.append("%s: the banner is not where the page "
                                "lands, above the form" % label)
            lost = kept(ctx, r, t, {k: v.strip() for k, v in fields.items()})
            if lost:
                problems.append("%s: not kept: %s" % (label, ", ".join(lost)))
        # No csrf token, or another browser's.
        for what, token in (("no csrf", None), ("a wrong csrf", "A" * 43)):
            fields = dict(name="某人", affiliation="某單位",
                          body="CSRF 失敗時\n內容要保留。")
            r = post(ctx, c, t, token=token, **fields)
            label = "%s on %s" % (what, t["kind"])
            if r.status != 403:
                problems.append("%s: %d, expected 403" % (label, r.status))
                continue
            if "安全驗證已過期" not in r.text:
                problems.append("%s: no message" % label)
            lost = kept(ctx, r, t, fields)
            if lost:
                problems.append("%s: not kept: %s" % (label, ", ".join(lost)))
    if count_comments(ctx) != n:
        problems.append("refused comments were stored")
    # 5,000 characters, counted as characters, not bytes, are fine.
    t = targets(ctx)[0]
    for body in ("a" * 5000, "字" * 5000):
        r = post(ctx, ctx.client(), t, name="長文", body=body)
        if r.status != 303:
            problems.append("a body of 5000 characters (%d bytes): %d" % (
                len(body.encode()), r.status))
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- replies

def test_one_level_of_replies(ctx):
    item, proposal = targets(ctx)[0], targets(ctx)[1]
    c = ctx.client()
    top = posted_id(post(ctx, c, item, name="發起人", body="頂層留言"), item)
    reply = posted_id(post(ctx, c, item, name="回覆者", body="這是回覆",
                           parent=top), item)
    assert ctx.query("SELECT parent_id FROM comments WHERE id=?",
                     (reply,)) == [(top,)]
    other = posted_id(post(ctx, c, proposal, name="別處", body="提案的留言"),
                      proposal)
    r = ctx.assert_html(ctx.client().get(item["page"]), 200)
    m = re.search(r'<li class="comment">\s*<article id="comment-%d">.*?'
                  r'</article>\s*<ol class="replies"><li class="comment reply">'
                  r'\s*<article id="comment-%d">' % (top, reply), r.text, re.S)
    assert m, "the reply is not shown under its comment"
    # A second reply joins the first's list: one list of the thread's
    # replies, not a list of one each (read as two lists).
    reply2 = posted_id(post(ctx, c, item, name="再回覆", body="第二則回覆",
                            parent=top), item)
    r = ctx.assert_html(ctx.client().get(item["page"]), 200)
    thread = r.text.split('<article id="comment-%d">' % top, 1)[1].split(
        '<li class="comment">', 1)[0]
    assert thread.count('<ol class="replies">') == 1 and \
        'id="comment-%d"' % reply2 in thread, "the replies are not one list"
    links = re.findall(r'<a class="reply-link" href="\?reply=(\d+)#'
                       r'comment-form">', r.text)
    assert str(top) in links, "no reply link for the top comment"
    assert str(reply) not in links, "a reply offers a reply"
    # Without JavaScript the link opens the page with the one form set to
    # answer that comment (and saying so); an id of another thread or of
    # a reply sets nothing.
    r = ctx.assert_html(c.get(item["page"] + "?reply=%d" % top), 200)
    form = main_form(r.text, item["post"])
    assert 'name="parent" value="%d"' % top in form, "?reply= did not set " \
        "the parent"
    assert "回覆" in form and "Replying to 發起人" in form, "no replying note"
    for bad in (reply, other, "abc", 0):
        r = ctx.assert_html(c.get(item["page"] + "?reply=%s" % bad), 200)
        form = main_form(r.text, item["post"])
        assert 'name="parent" value=""' in form and "Replying to" not in \
            form, "?reply=%s set a parent" % bad
    r = post(ctx, c, item, name="回覆者二", body="經由連結的回覆", parent=top)
    assert r.status == 303

    n = count_comments(ctx)
    for what, parent in (("a reply to a reply", reply),
                         ("a comment on another target", other),
                         ("no such comment", 999999),
                         ("not a number", "abc"), ("zero", "0"),
                         ("negative", "-1")):
        r = post(ctx, c, item, name="某人", body="不該存入", parent=parent)
        assert r.status == 400, "parent = %s (%s): %d, expected 400" % (
            parent, what, r.status)
    # The other way round: a proposal comment replying to an item's.
    r = post(ctx, c, proposal, name="某人", body="不該存入", parent=top)
    assert r.status == 400, "a reply on a proposal to an item's comment: " \
        "%d" % r.status
    assert count_comments(ctx) == n, "a refused reply was stored"


# ---------------------------------------------------------------- reports

def test_report(ctx):
    t = targets(ctx)[2]
    c = ctx.client()
    cid = posted_id(post(ctx, c, t, name="某人", body="被檢舉的留言"), t)
    later = posted_id(post(ctx, c, t, name="某人", body="沒被檢舉的留言"), t)
    r = ctx.assert_html(c.get(t["page"]), 200)
    # Every report button submits the page's one form with the token.
    assert 'form="report-form" formaction="/comments/%d/report"' % cid \
        in r.text, "no report button"
    assert r.text.count('<form id="report-form" method="post" hidden>'
                        '<input type="hidden" name="csrf" value="') == 1, \
        "not one report form"
    for n in (1, 2):
        r = c.post("/comments/%d/report" % cid, [("csrf", form_token(ctx, c,
                                                                      t))])
        assert r.status == 303, "report %d: %d" % (n, r.status)
        assert r.location().startswith(t["page"]), r.location()
        assert ctx.query("SELECT reports FROM comments WHERE id=?",
                         (cid,)) == [(n,)], "reports not counted"
    r = ctx.client().post("/comments/%d/report" % cid, [])
    assert r.status == 403, "a report without csrf: %d" % r.status
    assert ctx.query("SELECT reports FROM comments WHERE id=?",
                     (cid,)) == [(2,)]
    r = c.post("/comments/999999/report", [("csrf", ctx.token(c))])
    assert r.status == 404, "reporting no comment: %d" % r.status
    org, _ = ctx.staff_client("organizer")
    a = article(org.get(t["page"]).text, cid)
    assert a and re.search(r"已被檢舉 2 次", a), \
        "the organizer does not see the reports: %r" % a
    page = ctx.assert_html(org.get("/admin/comments"), 200).text
    i, j = page.find("#comment-%d\"" % cid), page.find("#comment-%d\"" % later)
    assert 0 < i < j, "/admin/comments does not put the reported one first"


# ---------------------------------------------------------------- moderation

def test_hide_with_a_reason_and_unhide(ctx):
    t = targets(ctx)[3]
    org, org_login = ctx.staff_client("organizer")
    u = ctx.unique("hide")
    body = "不當內容 %s" % u
    cid = posted_id(post(ctx, ctx.client(), t, name="某人", body=body), t)
    token = ctx.token(org)
    path = "/admin/comments/%d/hide" % cid
    for what, fields, status in (
            ("no reason", [("csrf", token)], 422),
            ("an empty reason", [("csrf", token), ("reason", "")], 422),
            ("a blank reason", [("csrf", token), ("reason", "   ")], 422),
            ("a reason of 501 characters", [("csrf", token),
                                            ("reason", "理" * 501)], 422),
            ("no csrf", [("reason", "理由")], 403)):
        r = org.post(path, fields)
        assert r.status == status, "hide with %s: %d, expected %d" % (
            what, r.status, status)
        assert ctx.query("SELECT hidden_at FROM comments WHERE id=?",
                         (cid,)) == [(None,)], "hidden with %s" % what
        # The list again, saying why, the reason typed kept in its row.
        ctx.assert_html(r, status)
        assert "尚未隱藏" in r.text and "Not hidden" in r.text, what
        typed = dict(fields).get("reason", "").strip()
        got = ctx.form_values(r.text, path).get("reason")
        assert got == [typed], \
            "%s: the reason typed is not kept: %r" % (what, got)
    reason = "人身攻擊 & <不雅>"
    r = org.post(path, [("csrf", token), ("reason", reason)])
    assert r.status == 303 and r.location() == "%s#comment-%d" % (t["page"],
                                                                  cid), \
        "hide: %d %r" % (r.status, r.location())
    row = ctx.query("SELECT hidden_at, hidden_by, hidden_reason FROM comments "
                    "WHERE id=?", (cid,))[0]
    assert row[0] and row[1] == ctx.user_id(org_login) and row[2] == reason, \
        "stored %r" % (row,)
    r = ctx.assert_html(ctx.client().get(t["page"]), 200)
    a = article(r.text, cid)
    assert a, "the hidden comment is gone from the page altogether"
    assert u not in r.text, "the hidden body is still on the page"
    assert "此留言已由 %s" % org_login in a and "隱藏" in a, \
        "the page does not say who hid it: %s" % squash(re.sub("<[^>]+>", " ",
                                                              a))
    assert "人身攻擊 &amp; &lt;不雅&gt;" in a, "the reason is not shown " \
        "(escaped): %s" % a
    shown_at = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", a.split("此留言已由")[1])
    assert shown_at, "the page does not say when it was hidden"
    # Unhide.
    r = org.post("/admin/comments/%d/unhide" % cid, [("csrf", token)])
    assert r.status == 303, "unhide: %d" % r.status
    assert ctx.query("SELECT hidden_at, hidden_by, hidden_reason FROM comments "
                     "WHERE id=?", (cid,)) == [(None, None, None)]
    r = ctx.client().get(t["page"])
    a = article(r.text, cid)
    assert a and body in a and "此留言已由" not in a, "unhide did not show it"
    r = org.post("/admin/comments/999999/hide", [("csrf", token),
                                                  ("reason", "x")])
    assert r.status == 404, "hiding no comment: %d" % r.status


# ---------------------------------------------------------------- deadline

PAST = "2020-03-06T15:59:59Z"


def test_meeting_comments_stay_open_after_the_deadline(ctx):
    t = targets(ctx)[2]
    with ctx.deadline(PAST):
        c = ctx.client()
        r = ctx.assert_html(c.get(t["page"]), 200)
        assert main_form(r.text, t["post"]), \
            "the meeting has no comment form after the deadline"
        cid = posted_id(post(ctx, c, t, name="會後", body="會議留言不受截止限制"),
                        t)
        assert ctx.query("SELECT target FROM comments WHERE id=?",
                         (cid,)) == [("meeting",)]


def test_comments_close_at_the_deadline(ctx):
    closed = [t for t in targets(ctx) if t["kind"] != "meeting"]
    problems = []
    with ctx.deadline(PAST):
        for t in closed:
            c = ctx.client()
            r = ctx.assert_html(c.get(t["page"]), 200)
            if main_form(r.text, t["post"]):
                problems.append("%s still has a comment form" % t["page"])
            if "意見徵集已截止" not in r.text:
                problems.append("%s does not say comments are closed"
                                % t["page"])
            if 'name="parent"' in r.text or 'class="reply-link"' in r.text:
                problems.append("%s still offers replies" % t["page"])
            if t["kind"] == "agency" and "請在下方留言" in r.text:
                problems.append("%s still invites comments below" % t["page"])
            n = count_comments(ctx)
            fields = dict(name="遲到的人", affiliation="某單位",
                          body="截止後送出的意見\n要能複製保存。")
            r = c.post(t["post"], [("csrf", ctx.token(c))] +
                       list(fields.items()))
            if r.status != 403:
                problems.append("POST %s after the deadline: %d, expected 403"
                                % (t["post"], r.status))
            if count_comments(ctx) != n:
                problems.append("POST %s after the deadline stored it" %
                                t["post"])
            if "留言尚未送出" not in r.text or "Not posted" not in r.text:
                problems.append("POST %s after the deadline: no message that "
                                "the comment was not posted" % t["post"])
            if squash(fields["body"]) not in squash(r.text):
                problems.append("POST %s after the deadline: the text typed "
                                "is not shown back (lost)" % t["post"])
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- XSS

def test_markdown_xss_inert_everywhere(ctx):
    a_client, _ = ctx.staff_client("agency", "cec")
    org, _ = ctx.staff_client("organizer")
    ts = targets(ctx)
    ctx.reset_rate_limits()     # about a hundred comments follow
    problems = []
    ids = {}
    for t in ts:
        c = ctx.client()
        token = form_token(ctx, c, t)
        ids[t["kind"]] = []
        for v in XSS + ["\n\n".join(XSS)]:
            r = post(ctx, c, t, name=v[:100], affiliation=v[:100], body=v,
                     token=token)
            if r.status != 303:
                problems.append("comment %r on %s: %d" % (v, t["kind"],
                                                         r.status))
                continue
            ids[t["kind"]].append(int(r.location().rsplit("-", 1)[1]))
        if ids[t["kind"]]:
            r = post(ctx, c, t, name="reply", body="\n\n".join(XSS),
                     parent=ids[t["kind"]][0], token=token)
            if r.status != 303:
                problems.append("a reply with the vectors on %s: %d"
                                % (t["kind"], r.status))
    # The same in the agenda and minutes of a meeting and in an answer.
    mid = ctx.new_meeting(a_client, "cec", agenda="\n\n".join(XSS),
                          minutes="\n\n".join(XSS), title=XSS[0],
                          place=XSS[2])
    pid = ts[1]["id"]
    r = a_client.post("/admin/proposals/%d/answer" % pid, [
        ("csrf", ctx.token(a_client)), ("status", "adopted"),
        ("response", "\n\n".join(XSS))])
    if r.status != 303:
        problems.append("an answer with the vectors: %d" % r.status)
    pages = [(None, t["page"]) for t in ts] + [
        (None, "/meetings/%d" % mid), (None, "/meetings"),
        (None, "/agencies/cec"), (None, "/proposals"),
        (org, "/admin/comments"), (org, ts[1]["page"]),
        (org, "/meetings/%d" % mid), (a_client, "/admin/proposals/%d" % pid),
        (a_client, "/admin/meetings/%d/edit" % mid)]
    for client, path in pages:
        who = "as staff" if client else "anonymous"
        r = (client or ctx.client()).get(path)
        if r.status != 200:
            problems.append("GET %s (%s): %d" % (path, who, r.status))
            continue
        bad = ctx.active_content(r.text)
        tags = {t for t, _ in ctx.html_tags(r.text)}
        if "b" in tags:
            bad.append("<b> from raw HTML")
        if bad:
            problems.append("GET %s (%s): %s" % (path, who, "; ".join(
                sorted(set(bad))[:6])))
        errs = ctx.tidy_errors(r.body)
        if errs:
            problems.append("GET %s (%s): tidy: %s" % (path, who, errs[:200]))
    # The comments are there, shown as text.
    for t in ts:
        page = ctx.client().get(t["page"]).text
        missing = [cid for cid in ids[t["kind"]] if not article(page, cid)]
        if missing:
            problems.append("%s lacks comments %s" % (t["page"], missing))
    page = ctx.client().get(ts[0]["page"]).text
    if "alert(1)" not in page:
        problems.append("the vectors' text is not shown at all")
    assert not problems, "\n".join(problems)


def test_long_threads_show_the_latest(ctx):
    """A page shows the latest 20 threads (each with its replies) and says
    how many there are, with a link to every comment (?comments=all); a
    reply to an older thread (?reply=) shows them all."""
    ctx.reset_rate_limits()
    pid, _ = ctx.submit_proposal("cec")
    t = dict(kind="proposal", page="/proposals/%d" % pid,
             post="/proposals/%d/comments" % pid, target="proposal", id=pid)
    c = ctx.client()
    ids = []
    for i in range(23):
        ids.append(posted_id(post(ctx, c, t, name="討論者%d" % i,
                                  body="第 %d 則" % i), t))
    reply = posted_id(post(ctx, c, t, name="回覆者", body="回覆最新一則",
                           parent=ids[-1]), t)
    ctx.reset_rate_limits()
    r = ctx.assert_html(ctx.client().get(t["page"]), 200)
    shown = [int(x) for x in re.findall(r'<article id="comment-(\d+)">',
                                        r.text)]
    assert shown == ids[3:] + [reply] or sorted(shown) == sorted(
        ids[3:] + [reply]), "not the latest 20 threads: %s" % shown
    assert "（24）" in r.text, "the count is not of every comment"
    m = re.search(r'<p class="earlier">.*?</p>', r.text, re.S)
    assert m and "20" in m.group(0) and "23" in m.group(0), \
        "no note of the earlier threads"
    assert 'href="/proposals/%d?comments=all#comments"' % pid in m.group(0)
    r = ctx.assert_html(ctx.client().get(t["page"] + "?comments=all"), 200)
    shown = re.findall(r'<article id="comment-(\d+)">', r.text)
    assert len(shown) == 24 and '<p class="earlier">' not in r.text, \
        "?comments=all shows %d" % len(shown)
    r = ctx.assert_html(ctx.client().get(t["page"] + "?reply=%d" % ids[0]),
                        200)
    form = main_form(r.text, t["post"])
    assert 'name="parent" value="%d"' % ids[0] in form, \
        "a reply to an older thread is not set"


def test_reply_to_a_comment_not_here_keeps_the_text(ctx):
    # A parent that is not a top-level comment of this discussion: 400,
    # saying so, with the text in the form as a comment of its own.
    t = targets(ctx)[0]
    for parent in ("0", "abc", "999999999"):
        c = ctx.client()
        r = post(ctx, c, t, name="回覆者", body="回覆的內容\n要保留", parent=parent)
        ctx.assert_html(r, 400)
        assert "要回覆的留言不在這裡" in r.text, ctx.excerpt(r.text)
        assert not kept(ctx, r, t, dict(name="回覆者", body="回覆的內容\n要保留")), \
            "parent %s: the text is lost" % parent
        got = ctx.form_values(main_form(r.text, t["post"]) or "")
        assert got.get("parent") == [""], got.get("parent")
