"""Issue 8: search, history, the OGP-readiness check, commitment tracking,
process health and e-mailed edit links."""

import base64
import glob
import os
import re
import stat
import time
import urllib.parse

Q = urllib.parse.quote


def _full(ctx, **over):
    f = {"kind": "add", "title": "提案 " + ctx.unique("b"), "lead_agency": "moe",
         "problem": "根據 2019 年的統計，有 35% 的學生不知道如何參與。",
         "commitment": "在 2021 年底前建立青年參與平台。",
         "contribution": "讓青年參與公共政策。", "value": "participation",
         "relevance": "公共參與：青年直接提案。", "submitter": "測試者",
         "email": "t@example.org"}
    f.update(over)
    return f


def _hits(page):
    return re.findall(r'<a class="title" href="([^"]+)"', page)


def test_search_chinese_and_ranking(ctx):
    word = "海洋廢棄物" + ctx.unique("w").replace("-", "")
    body_pid, _ = ctx.submit_proposal("epa", title="其他標題 " + ctx.unique(),
                                      problem="關於%s的背景說明。" % word)
    exact_pid, _ = ctx.submit_proposal("epa", title=word)
    c = ctx.client()
    r = ctx.assert_html(c.get("/search?q=" + Q(word)), 200)
    hits = _hits(r.text)
    assert hits[:2] == ["/proposals/%d" % exact_pid, "/proposals/%d" % body_pid], \
        "the exact title does not rank first: %s" % hits[:3]
    assert "<mark>" + word + "</mark>" in r.text, "no highlight"
    # A substring from the middle (trigrams), two characters and one (a
    # prefix of the index's tokens), waiting for the index and indexed;
    # the last two characters of a title and its last one (tok.c's tails).
    tail_pid, _ = ctx.submit_proposal("epa", title="保育鱟與鱨")
    for settled in (False, True):
        if settled:
            ctx.index_settled()
        for q, pid in ((word[2:6], exact_pid), (word[1:3], exact_pid),
                       (word[2], exact_pid), ("與鱨", tail_pid),
                       ("鱨", tail_pid)):
            hits = _hits(c.get("/search?q=" + Q(q)).text)
            assert "/proposals/%d" % pid in hits, \
                "%r does not find it (indexed: %s)" % (q, settled)
    # English, in the government's draft.
    hits = _hits(c.get("/search?q=dataset").text)
    assert "/commitments/2" in hits, hits
    hits = _hits(c.get("/search?q=DATASET&kind=item").text)
    assert hits == ["/commitments/2"], hits
    # Filters: agency, value, answer status.
    assert _hits(c.get("/search?q=%s&agency=moj" % Q(word)).text) == []
    assert "/proposals/%d" % exact_pid in _hits(
        c.get("/search?q=%s&agency=epa&value=transparency" % Q(word)).text)
    assert _hits(c.get("/search?q=%s&value=accountability" % Q(word)).text) == []
    assert "/proposals/%d" % exact_pid in _hits(
        c.get("/search?q=%s&status=unanswered" % Q(word)).text)
    assert _hits(c.get("/search?q=%s&status=adopted" % Q(word)).text) == []
    # Bad filters are refused, not crashed on.
    for q in ("&value=nope", "&status=nope", "&kind=nope", "&agency=Bad!",
              "&page=0"):
        assert c.get("/search?q=x" + q).status == 400, q


def _count(page):
    m = re.search(r"共 (\d+) 筆 .*?第 (\d+) / (\d+) 頁", page)
    return tuple(int(x) for x in m.groups()) if m else None


def test_search_counts_and_pages(ctx):
    """The count of all matches comes with the page's hits (one pass), for
    long words and short ones alike; 20 hits a page, the last page the
    rest, and a page past the last still says how many."""
    word = "珊瑚礁" + ctx.unique("p").replace("-", "")
    pids = [ctx.submit_proposal("epa", title="%s 第%d案" % (word, i))[0]
            for i in range(23)]
    ctx.index_settled()
    c = ctx.client()
    first = c.get("/search?q=" + Q(word)).text
    assert _count(first) == (23, 1, 2), _count(first)
    assert len(_hits(first)) == 20
    second = c.get("/search?q=%s&page=2" % Q(word)).text
    assert _count(second) == (23, 2, 2), _count(second)
    assert sorted(_hits(first) + _hits(second)) == sorted(
        "/proposals/%d" % p for p in pids)
    past = c.get("/search?q=%s&page=9" % Q(word)).text
    assert _count(past) == (23, 9, 2) and _hits(past) == [], _count(past)
    # Two characters (a prefix of the index's tokens): counted the same
    # way, as many as a scan of every doc finds.
    r = c.get("/search?q=" + Q(word[:2])).text
    n = _count(r)[0]
    assert n >= 23 and len(_hits(r)) == 20, _count(r)
    like = "%" + word[:2] + "%"
    assert n == ctx.query("SELECT count(*) FROM search_docs WHERE title "
                          "LIKE ?1 OR body LIKE ?1", (like,))[0][0], n
    assert _count(c.get("/search?q=%s&page=%d" % (
        Q(word[:2]), n // 20 + 1)).text) == (n, n // 20 + 1, n // 20 + 1)
    # Changed, not yet indexed: counted once, as it is now.
    ctx.execute("UPDATE proposals SET title = ? WHERE id = ?",
                ("改過的標題", pids[0]))
    r = c.get("/search?q=" + Q(word)).text
    assert _count(r) == (22, 1, 2), _count(r)


def _sort_links(page):
    return [u.replace("&amp;", "&") for u in
            re.findall(r'<p class="sort">.*?<a href="([^"]+)"', page)]


def test_search_order(ctx):
    """Relevance (exact titles first, then bm25) or newest first: asked
    for with sort=, and when not, relevance up to 1,000 matches and
    newest first past them (ranking scores every match), said on the page
    with a link to the other order; the pages keep the order shown."""
    word = "鯨豚" + ctx.unique("o").replace("-", "")
    older, _ = ctx.submit_proposal("epa", title=word)
    newer, _ = ctx.submit_proposal("epa", title="其他 " + ctx.unique(),
                                   problem="提到%s一次。" % word)
    c = ctx.client()
    for settled in (False, True):
        if settled:
            ctx.index_settled()
        ranked = c.get("/search?q=" + Q(word)).text
        assert _hits(ranked) == ["/proposals/%d" % older,
                                 "/proposals/%d" % newer], _hits(ranked)
        assert "<strong>相關程度" in ranked and "超過" not in ranked
        link = _sort_links(ranked)
        assert len(link) == 1 and link[0].endswith("&sort=new"), link
        new = c.get(link[0]).text
        assert _hits(new) == ["/proposals/%d" % newer,
                              "/proposals/%d" % older], _hits(new)
        assert "<strong>最新的在前" in new and "超過" not in new
        assert _sort_links(new)[0].endswith("&sort=relevance")
        assert _hits(c.get("/search?q=%s&sort=relevance" % Q(word)).text) \
            == _hits(ranked)
    assert c.get("/search?q=x&sort=nope").status == 400
    # Past 1,000 matches: newest first by itself, every match on its
    # page once in either order.  Docs put in search_docs directly (as
    # the triggers do), and taken out again.
    many = "鯨鯊" + ctx.unique("m").replace("-", "")
    ctx.execute("INSERT INTO search_docs (kind, ref, title, body) "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                "FROM n WHERE i < 1030) SELECT 'item', 900000 + i, "
                "'項目 ' || i, ?1 || ' 第 ' || i || ' 則' FROM n", (many,))
    try:
        for settled in (False, True):
            if settled:
                ctx.index_settled()
            first = c.get("/search?q=" + Q(many)).text
            assert _count(first) == (1030, 1, 52), _count(first)
            assert "<strong>最新的在前" in first and "超過 1000 筆" in first
            assert _hits(first)[:2] == ["/commitments/901030",
                                        "/commitments/901029"], \
                _hits(first)[:2]
            seen = {}
            # Relevance pages are compared once the index has settled:
            # while the workers take these docs in, a doc moves from the
            # ones matched by LIKE (scored 0) to the index's (bm25), so
            # consecutive pages of a ranking can overlap (seen under ASan,
            # where indexing 1,030 docs spans the three requests).  The
            # newest-first pages hold either way (by id).
            for order in ("new", "relevance") if settled else ("new",):
                got = []
                for page in (1, 2, 52):
                    r = c.get("/search?q=%s&sort=%s&page=%d"
                              % (Q(many), order, page)).text
                    assert _count(r) == (1030, page, 52), (order, page)
                    nxt = re.findall(r'rel="next" href="([^"]+)"', r)
                    assert page == 52 or nxt[0].endswith(
                        "sort=%s&amp;page=%d" % (order, page + 1)), nxt
                    got += _hits(r)
                assert len(got) == len(set(got)) == 50, (order, len(got))
                seen[order] = got
            assert seen["new"][-10:] == ["/commitments/%d" % (900010 - i)
                                         for i in range(10)], seen["new"][-10:]
    finally:
        ctx.execute("DELETE FROM search_docs WHERE kind = 'item' "
                    "AND ref > 900000")
        ctx.index_settled()


def _listed(page):
    m = re.search(r"共 (\d+) 件", page)
    ids = re.findall(r'<a class="title" href="/proposals/(\d+)"', page)
    return (int(m.group(1)) if m else None), [int(i) for i in ids]


def test_proposal_list_words(ctx):
    """/proposals?q= lists the submitted proposals with the words anywhere
    in them (title, the four texts, the submitter), through the search
    index and, for a change not yet indexed, as it is now; with the
    agency and value filters; a comment with the words lists nothing."""
    word = "鱘龍魚" + ctx.unique("l").replace("-", "")
    a, _ = ctx.submit_proposal("epa", title="第一案 " + ctx.unique(),
                               contribution="關於%s的貢獻。" % word)
    b, _ = ctx.submit_proposal("moj", title=word + " 在標題",
                               value="accountability")
    r = ctx.comment(ctx.client(), "/proposals/%d/comments" % a,
                    body="留言提到 %s 第二次" % word)
    assert r.status == 303, r.status
    c = ctx.client()
    for settled in (False, True):
        if settled:
            ctx.index_settled()
        for q in (word, word[:2], word[1:4], word[-2:]):
            n, ids = _listed(c.get("/proposals?q=" + Q(q)).text)
            assert a in ids and b in ids, (q, settled, n, ids[:5])
        assert _listed(c.get("/proposals?q=%s&agency=epa" % Q(word)).text) \
            == (1, [a]), settled
        assert _listed(c.get("/proposals?q=%s&value=accountability"
                             % Q(word)).text) == (1, [b]), settled
        assert _listed(c.get("/proposals?q=%s" % Q(word)).text)[0] == 2
        # A page past the last still says how many (the count alone).
        assert _listed(c.get("/proposals?q=%s&page=4" % Q(word)).text) \
            == (2, []), settled
        assert _listed(c.get("/proposals?q=" + Q(word + "不在"))
                       .text) == (0, []), settled
    # Changed, not yet indexed: listed as it is now, counted once.
    ctx.execute("UPDATE proposals SET title = ? WHERE id = ?",
                ("改過 " + ctx.unique(), b))
    assert _listed(c.get("/proposals?q=" + Q(word)).text) == (1, [a])
    ctx.index_settled()
    assert _listed(c.get("/proposals?q=" + Q(word)).text) == (1, [a])


def _index_settled(ctx):
    ctx.index_settled()


def test_search_sees_changes_before_and_after_indexing(ctx):
    """A change is marked in search_marks until a worker, after answering,
    takes it into the index (a file of its own); search finds the doc as
    it is now either way, and the index ends up exactly what its docs say
    (FTS5's own check, and the text it keeps against the docs)."""
    old = "舊標題" + ctx.unique("o").replace("-", "")
    new = "新標題" + ctx.unique("n").replace("-", "")
    pid, _ = ctx.submit_proposal("epa", title=old)
    _index_settled(ctx)
    c = ctx.client()
    assert "/proposals/%d" % pid in _hits(c.get("/search?q=" + Q(old)).text)
    # Changed behind the app's back: nothing has been indexed yet when the
    # next request is answered (a worker indexes after its answer).
    ctx.execute("UPDATE proposals SET title = ? WHERE id = ?", (new, pid))
    assert ctx.index_waiting() == 1
    r = c.get("/search?q=" + Q(new))
    assert "/proposals/%d" % pid in _hits(r.text), "the waiting doc not found"
    assert "<mark>" + new + "</mark>" in r.text
    assert _hits(c.get("/search?q=" + Q(new) + "&agency=moj").text) == []
    assert "/proposals/%d" % pid not in _hits(c.get("/search?q=" + Q(old)).text)
    assert "共 1 筆" in r.text, "the count leaves out the waiting doc"
    _index_settled(ctx)
    assert "/proposals/%d" % pid in _hits(c.get("/search?q=" + Q(new)).text)
    assert "/proposals/%d" % pid not in _hits(c.get("/search?q=" + Q(old)).text)
    # Withdrawn: out of the index; an item changed twice before indexing.
    ctx.execute("UPDATE proposals SET status = 'withdrawn' WHERE id = ?", (pid,))
    assert _hits(c.get("/search?q=" + Q(new)).text) == []
    body = ctx.query("SELECT body FROM items WHERE id = 5")[0][0]
    ctx.execute("UPDATE items SET body = body || ? WHERE id = 5", (" " + old,))
    ctx.execute("UPDATE items SET body = body || ? WHERE id = 5", (" " + new,))
    hits = _hits(c.get("/search?q=" + Q(old)).text)
    assert hits == ["/commitments/5"], hits
    _index_settled(ctx)
    assert _hits(c.get("/search?q=" + Q(new)).text) == ["/commitments/5"]
    ctx.execute("UPDATE items SET body = ? WHERE id = 5", (body,))
    _index_settled(ctx)
    assert ctx.index_problems() == []


def test_search_comments_minutes_and_escaping(ctx):
    word = "珊瑚礁" + ctx.unique("z").replace("-", "")
    r = ctx.comment(ctx.client(), "/commitments/4/comments",
                    body="留言提到%s與<b>粗體</b>" % word)
    assert r.status == 303, r
    cid = int(r.location().rsplit("-", 1)[1])
    org, _ = ctx.staff_client("organizer")
    mid = ctx.new_meeting(org, "most", minutes="會議紀錄：討論%s復育。" % word)
    c = ctx.client()
    r = ctx.assert_html(c.get("/search?q=" + Q(word)), 200)
    hits = _hits(r.text)
    assert "/commitments/4#comment-%d" % cid in hits, hits
    assert "/meetings/%d" % mid in hits, hits
    assert ctx.active_content(r.text) == [], ctx.active_content(r.text)
    assert "&lt;b&gt;" in r.text and "<b>粗體" not in r.text
    # A hidden comment is not found any more.
    page = org.get("/admin/comments")
    org.post("/admin/comments/%d/hide" % cid, [("csrf", ctx.csrf(page.text)),
                                               ("reason", "測試")])
    assert "/commitments/4#comment-%d" % cid not in _hits(
        c.get("/search?q=" + Q(word)).text)


def test_history_diff_escaped(ctx):
    c = ctx.client()
    f = _full(ctx, title="草稿時的標題 " + ctx.unique())
    pid, tok = ctx.create(c, [("title", "只有作者看過的草稿")])
    r = ctx.update(c, pid, tok, list(f.items()), action="submit")
    assert r.status == 303, r
    f2 = dict(f, title=f["title"].replace("草稿時", "送出後"),
              problem=f["problem"] + "<script>alert(1)</script>")
    r = ctx.update(c, pid, tok, list(f2.items()), action="submit")
    assert r.status == 303, r
    r = ctx.assert_html(ctx.client().get("/proposals/%d/history" % pid), 200)
    assert ctx.active_content(r.text) == [], ctx.active_content(r.text)
    assert "<ins>送出後</ins>" in r.text and "<del>草稿時</del>" in r.text, \
        "no character diff of the title"
    assert "&lt;script&gt;" in r.text
    # The public sees the versions since the first submission only.
    assert "只有作者看過的草稿" not in r.text
    r = ctx.assert_html(c.get("/proposals/%d/history?token=%s" % (pid, tok)), 200)
    assert "只有作者看過的草稿" in r.text or "版本" in r.text
    assert len(re.findall(r"<tr><td>\d+</td>", r.text)) == 3, "all 3 versions"
    # Word by word for Latin script.
    f3 = dict(f2, commitment="open parliament data")
    ctx.update(c, pid, tok, list(f3.items()), action="submit")
    f4 = dict(f3, commitment="open parliamentary data")
    ctx.update(c, pid, tok, list(f4.items()), action="submit")
    r = c.get("/proposals/%d/history" % pid)
    assert "<del>parliament</del><ins>parliamentary</ins>" in r.text
    assert ctx.client().get("/proposals/%d/history?token=%s" % (pid, "x" * 43)).status == 403


def test_meeting_history(ctx):
    org, login = ctx.staff_client("organizer")
    mid = ctx.new_meeting(org, "motc", title="交通部 MSF 第一次")
    page = org.get("/admin/meetings/%d/edit" % mid)
    vals = ctx.form_values(page.text, "/admin/meetings/%d" % mid)
    post = [("csrf", ctx.csrf(page.text)), ("action", "save")]
    for k, vs in vals.items():
        if k in ("csrf", "action"):
            continue
        for v in vs:
            post.append((k, "交通部 MSF 第二次" if k == "title" else v))
    assert org.post("/admin/meetings/%d" % mid, post).status == 303
    r = ctx.assert_html(ctx.client().get("/meetings/%d/history" % mid), 200)
    assert "<del>一</del><ins>二</ins>" in r.text, "no diff of the title"
    assert login in r.text, "who changed it is not shown"


def test_readiness_fires_and_clears(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, [
        ("title", "準備度測試"), ("lead_agency_other", "立法院"),
        ("problem", "問題很嚴重"), ("commitment", "改善問題"),
        ("value", "transparency"), ("value", "accountability"),
        ("relevance", "與透明有關")])
    r = ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (pid, tok)), 200)
    box = r.text.split('id="ready-h"')[1].split("</section>")[0] \
        if 'id="ready-h"' in r.text else ""
    checks = re.findall(r'<li><a href="#(\w+)">', box)
    assert sorted(checks) == ["commitment", "lead_agency", "problem", "relevance"], checks
    assert "課責" in box
    # Chinese punctuation is not a figure: full-width commas, colons and
    # brackets (EF BC 8x) leave the checks firing; a full-width digit
    # (U+FF10-FF19) clears the one on figures.
    def checks_after(problem, commitment):
        r = ctx.update(c, pid, tok, [
            ("title", "準備度測試"), ("lead_agency_other", "立法院"),
            ("problem", problem), ("commitment", commitment),
            ("value", "transparency"), ("value", "accountability"),
            ("relevance", "與透明有關")])
        assert r.status == 303, r
        r = ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (pid, tok)),
                            200)
        box = r.text.split('id="ready-h"')[1].split("</section>")[0]
        return re.findall(r'<li><a href="#(\w+)">', box)
    checks = checks_after("問題很嚴重，（影響）：很多人！", "改善問題，（全面）：盡快！")
    assert "problem" in checks and "commitment" in checks, \
        "full-width punctuation taken for figures: %s" % checks
    checks = checks_after("問題很嚴重，影響３成的人", "改善問題，（全面）：盡快！")
    assert "problem" not in checks, "a full-width digit is not a figure: %s" \
        % checks
    # Never blocking: it submits as it is.
    r = ctx.update(c, pid, tok, list({
        "title": "準備度測試", "lead_agency_other": "立法院", "problem": "問題很嚴重",
        "commitment": "改善問題", "contribution": "x", "value": "transparency",
        "relevance": "與透明有關", "submitter": "s", "email": "r@example.org"}.items()),
        action="submit")
    assert r.status == 303, r
    # Figures, a date, an explanation per value, a known agency: all clear.
    r = ctx.update(c, pid, tok, list(_full(
        ctx, title="準備度測試", relevance="公共參與：青年提案；透明：資料公開。")
        .items()) + [("value", "transparency")], action="submit")
    assert r.status == 303, r
    r = ctx.assert_html(c.get("/proposals/%d/edit?token=%s" % (pid, tok)), 200)
    assert 'id="ready-h"' not in r.text and "ready-ok" in r.text
    # A milestone alone makes the commitment verifiable.
    fields = list(_full(ctx, title="準備度測試", commitment="改善問題").items())
    r = ctx.update(c, pid, tok, fields + [("ms_deliverable", "試辦"),
                                          ("ms_start", "2021-01-01"),
                                          ("ms_end", "2021-06-30")],
                   action="submit")
    assert r.status == 303, r
    r = c.get("/proposals/%d/edit?token=%s" % (pid, tok))
    assert "ready-ok" in r.text


def test_milestones_validated_and_exported(ctx):
    c = ctx.client()
    base = list(_full(ctx, title="里程碑 " + ctx.unique()).items())
    bad = base + [("ms_deliverable", ""), ("ms_start", "2021-01-01"),
                  ("ms_end", "2021-02-01")]
    token = ctx.form_token(c)
    r = c.post("/proposals", [("csrf", token), ("action", "submit")] + bad)
    assert r.status == 422 and "交付成果" in r.text, r
    r = c.post("/proposals", [("csrf", token), ("action", "submit")] + base +
               [("ms_deliverable", "反了"), ("ms_start", "2021-05-01"),
                ("ms_end", "2021-01-01")])
    assert r.status == 422, r
    r = c.post("/proposals", [("csrf", token), ("action", "submit")] + base +
               [("ms_deliverable", "x"), ("ms_start", "2021-02-30"),
                ("ms_end", "")])
    assert r.status == 422, "an impossible date: %r" % r
    pid, _ = ctx.create(c, base + [("ms_deliverable", "第一階段"),
                                   ("ms_start", "2021-01-01"),
                                   ("ms_end", "2021-06-30"),
                                   ("ms_deliverable", ""), ("ms_start", ""),
                                   ("ms_end", "")], action="submit")
    r = ctx.assert_html(ctx.client().get("/proposals/%d" % pid), 200)
    assert "第一階段" in r.text and "2021-06-30" in r.text
    doc = __import__("json").loads(ctx.client().get("/proposals.json").body)
    p = {x["id"]: x for x in doc["proposals"]}[pid]
    assert p["milestones"] == [{"deliverable": "第一階段", "start": "2021-01-01",
                                "end": "2021-06-30"}], p["milestones"]


def test_commitment_tracking(ctx):
    moj, _ = ctx.staff_client("agency", "moj")
    page = moj.get("/commitments/12")
    tok = ctx.csrf(page.text)
    r = moj.post("/admin/items/12/milestones", [
        ("csrf", tok), ("deliverable", "修正洗錢防制法草案送立法院"),
        ("starts_on", "2020-06-01"), ("ends_on", "2021-12-31")])
    assert r.status == 303, r
    ms = ctx.query("SELECT id FROM item_milestones WHERE item_id=12 ORDER BY id DESC")[0][0]
    r = moj.post("/admin/items/12/updates", [
        ("csrf", tok), ("milestone", str(ms)), ("status", "in_progress"),
        ("progress", "40"), ("note", "已完成**部會協商**。")])
    assert r.status == 303, r
    r = ctx.assert_html(ctx.client().get("/commitments/12"), 200)
    assert "修正洗錢防制法草案送立法院" in r.text and "40%" in r.text
    assert "<strong>部會協商</strong>" in r.text, "the note is not on the timeline"
    r = ctx.client().get("/commitments")
    row = r.text.split('href="/commitments/12"')[1].split("</tr>")[0]
    assert re.search(r"\d+%", row), "no progress at a glance on /commitments"
    # Bad input keeps the text; another agency may not.
    r = moj.post("/admin/items/12/milestones", [
        ("csrf", tok), ("deliverable", "日期錯了"), ("starts_on", "2021-13-01"),
        ("ends_on", "2021-01-01")])
    assert r.status == 422 and 'value="日期錯了"' in r.text, r
    moe, _ = ctx.staff_client("agency", "moe")
    n = ctx.query("SELECT count(*) FROM item_updates")[0][0]
    r = moe.post("/admin/items/12/updates", [("csrf", ctx.token(moe)),
                                             ("note", "不是我的事項")])
    assert r.status == 403 and ctx.query("SELECT count(*) FROM item_updates")[0][0] == n
    r = ctx.client().post("/admin/items/12/updates", [("note", "匿名")])
    assert r.status == 303 and "/login" in r.location()
    r = moj.post("/admin/items/12/updates", [
        ("csrf", tok), ("milestone", "99999"), ("status", "completed"),
        ("note", "別人的里程碑")])
    assert r.status == 400, r


def test_mid_term_review(ctx):
    org, _ = ctx.staff_client("organizer")
    c = ctx.client()
    tok = ctx.token(c)
    r = c.post("/commitments/10/reviews", [("csrf", tok), ("name", "監督者"),
                                           ("body", "期中檢視意見")])
    assert r.status == 403, "a review while the checkpoint is closed: %r" % r
    assert "期中檢視目前未開放" in r.text and "意見徵集已截止" not in r.text, \
        "the refusal does not say the review is closed: %s" % ctx.excerpt(r.text)
    assert "期中檢視意見" in r.text, "the review's text is not kept"
    page = org.get("/admin/deadline")
    assert org.post("/admin/review", [("csrf", ctx.csrf(page.text)),
                                      ("status", "open")]).status == 303
    try:
        r = c.post("/commitments/10/reviews", [("csrf", tok), ("name", "監督者"),
                                               ("body", "期中檢視：**進度落後**")])
        assert r.status == 303, r
        page = ctx.assert_html(ctx.client().get("/commitments/10"), 200)
        review = page.text.split('id="review"')[1].split("</section>")[0]
        comments = page.text.split('id="comments"')[1]
        assert "<strong>進度落後</strong>" in review, "the review is not shown"
        assert "進度落後" not in comments, "the review is mixed with comments"
        assert ctx.query("SELECT kind FROM comments ORDER BY id DESC LIMIT 1") == [("review",)]
    finally:
        page = org.get("/admin/deadline")
        org.post("/admin/review", [("csrf", ctx.csrf(page.text)),
                                   ("status", "closed")])


def test_process_health_fixture(ctx):
    # 外交部 (mofa) has nothing else in the tests: a fixture of its own.
    now = time.time()

    def iso(days):
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + days * 86400))
    aid = ctx.query("SELECT id FROM agencies WHERE slug='mofa'")[0][0]
    meet = [  # published, starts, ends, minutes_at
        (iso(-240), iso(-200), iso(-200), iso(-195)),   # 40 days' notice, minutes in 5
        (iso(-50), iso(-40), iso(-40), iso(-20)),       # 10 days' notice, minutes in 20
        (iso(-10), iso(20), iso(20), None),             # upcoming, 30 days' notice
    ]
    for pub, s, e, m in meet:
        ctx.execute("INSERT INTO meetings (agency_id, title, starts_at, ends_at, "
                    "published_at, updated_at, minutes_at, minutes, minutes_html) "
                    "VALUES (?, '外交部 MSF', ?, ?, ?, ?, ?, ?, ?)",
                    (aid, s, e, pub, pub, m, "紀錄" if m else "",
                     "<p>紀錄</p>" if m else ""))
    uid = ctx.query("SELECT id FROM users ORDER BY id LIMIT 1")[0][0]
    for days_to_answer in (2, 6, None):
        pid, _ = ctx.submit_proposal("mofa")
        ctx.execute("UPDATE proposals SET submitted_at=? WHERE id=?",
                    (iso(-30), pid))
        if days_to_answer is not None:
            ctx.execute("INSERT INTO answers (proposal_id, status, response, "
                        "response_html, agency_id, user_id, answered_at) VALUES "
                        "(?, 'under_review', 'r', '<p>r</p>', ?, ?, ?)",
                        (pid, aid, uid, iso(-30 + days_to_answer)))
    r = ctx.assert_html(ctx.client().get("/process"), 200)
    row = r.text.split('href="/agencies/mofa"')[1].split("</tr>")[0]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in
             re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[0].startswith("40"), "days since the last MSF: %r" % cells[0]
    assert "2 / 3（66%）" in cells[1], "announced 14 days ahead: %r" % cells[1]
    assert "1 / 2（50%）" in cells[2], "minutes within 14 days: %r" % cells[2]
    assert "2 / 3（66%）" in cells[3] and "未全數回應" in cells[3], cells[3]
    assert cells[4] == "4.0", "median days to answer: %r" % cells[4]
    # Six months without a forum is flagged.
    ctx.execute("UPDATE meetings SET status='cancelled' WHERE agency_id=? AND "
                "ends_at > ?", (aid, iso(-100)))
    r = ctx.client().get("/process")
    row = r.text.split('href="/agencies/mofa"')[1].split("</tr>")[0]
    assert "未達" in row and re.search(r"<td>200", row), row[:300]


def _fake_sendmail(ctx, sleep=0):
    d = os.path.join(ctx.state, "mail-" + ctx.unique("m"))
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "sendmail")
    with open(path, "w") as f:
        f.write("#!/bin/sh\nsleep %d\nn=$(date +%%s%%N)\n"
                "cat > %s/$n.eml\necho \"$@\" > %s/$n.args\n" % (sleep, d, d))
    os.chmod(path, stat.S_IRWXU)
    ctx.execute("INSERT INTO settings (key, value) VALUES ('sendmail', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (path,))
    return d


def _wait_mail(d, n, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        files = sorted(glob.glob(os.path.join(d, "*.eml")))
        if len(files) >= n and all(os.path.getsize(f) for f in files):
            return files
        time.sleep(0.1)
    return sorted(glob.glob(os.path.join(d, "*.eml")))


def test_mail_edit_link(ctx):
    d = _fake_sendmail(ctx)
    c = ctx.client()
    pid, tok = ctx.create(c, [("title", "寄給我"), ("email", "me@example.tw"),
                              ("send_link", "1")])
    files = _wait_mail(d, 1)
    assert len(files) == 1, files
    msg = open(files[0], encoding="utf-8").read()
    head, body = msg.split("\n\n", 1)
    assert "To: <me@example.tw>" in head.split("\n")
    assert re.search(r"^Subject: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$", head, re.M)
    assert "/proposals/%d/edit?token=%s" % (pid, tok) in body
    args = open(files[0][:-4] + ".args").read().split()
    assert args == ["-t", "-oi"], args
    # Submitting sends a copy of the text.
    subject = base64.b64decode(re.search(
        r"^Subject: =\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$", head, re.M)
        .group(1)).decode("utf-8")
    assert re.search(r"[\u4e00-\u9fff]", subject) and \
        re.search(r"[A-Za-z]{4}", subject), "subject not bilingual: %r" % subject
    r = ctx.update(c, pid, tok, list(_full(ctx, title="寄給我",
                                           email="me@example.tw").items()) +
                   [("send_link", "1"), ("ms_deliverable", "青年參與平台上線"),
                    ("ms_start", "2021-01-01"), ("ms_end", "2021-12-31")],
                   action="submit")
    assert r.status == 303
    files = _wait_mail(d, 2)
    assert len(files) == 2
    copy = open(files[1], encoding="utf-8").read()
    assert "根據 2019 年的統計" in copy
    # The copy names the agency, not its slug; the milestones are in it;
    # the field labels are bilingual.
    assert "教育部" in copy and "\nmoe\n" not in copy, "agency shown as slug"
    assert "青年參與平台上線（2021-01-01 – 2021-12-31）" in copy, \
        "milestones missing from the copy"
    assert re.search(r"^1\. \S+ [A-Za-z]", copy, re.M), "labels not bilingual"
    # No box ticked, no mail.
    ctx.create(c, [("title", "不要寄"), ("email", "no@example.tw")])
    time.sleep(0.5)
    assert len(glob.glob(os.path.join(d, "*.eml"))) == 2


def test_mail_header_injection_and_not_blocking(ctx):
    d = _fake_sendmail(ctx)
    c = ctx.client()
    token = ctx.form_token(c)
    for evil in ("me@example.tw\r\nBcc: x@evil.tw", "me@example.tw\nBcc:x@evil.tw",
                 "<me@example.tw>, x@evil.tw", "me@example.tw%0ABcc:x@evil.tw"):
        r = c.post("/proposals", [("csrf", token), ("action", "save"),
                                  ("title", "注入"), ("email", evil),
                                  ("send_link", "1")])
        assert r.status == 422 and 'id="email-err"' in r.text, (evil, r)
    time.sleep(0.5)
    assert glob.glob(os.path.join(d, "*.eml")) == [], "a mail went out"
    # A slow sendmail does not hold the request up.
    d = _fake_sendmail(ctx, sleep=4)
    t = time.time()
    ctx.create(c, [("title", "慢"), ("email", "slow@example.tw"), ("send_link", "1")])
    assert time.time() - t < 2.5, "the save waited for sendmail"
    assert len(_wait_mail(d, 1, timeout=15)) == 1
    ctx.execute("DELETE FROM settings WHERE key='sendmail'")


def test_twenty_milestones_saved_back_from_the_form(ctx):
    # The form of a proposal with 20 milestones, posted back as a browser
    # sends it (every field of the form, the blank rows too): saved, where
    # 64 fields at most refused 16 milestones with a bare 400 and lost
    # the text.  A 21st is refused beside the field, every row kept.
    c = ctx.client()
    rows = []
    for i in range(20):
        rows += [("ms_deliverable", "第 %d 階段成果" % (i + 1)),
                 ("ms_start", "2021-%02d-01" % (i % 12 + 1)),
                 ("ms_end", "2021-%02d-28" % (i % 12 + 1))]
    pid, tok = ctx.create(c, list(_full(ctx).items()) +
                          [("value", "transparency"), ("value", "accountability")]
                          + rows)
    edit = "/proposals/%d/edit?token=%s" % (pid, tok)
    page = ctx.assert_html(c.get(edit), 200, tidy=False)
    form = ctx.form_values(page.text, "/proposals/%d" % pid)
    assert len(form["ms_deliverable"]) == 20, \
        "the form offers %d milestone rows for 20" % len(form["ms_deliverable"])
    sent = [(k, v) for k, vs in form.items() for v in vs if k != "action"]
    r = c.post("/proposals/%d" % pid, sent + [("action", "save")])
    assert r.status == 303, "20 milestones saved back: %d %s" % (
        r.status, ctx.excerpt(r.text))
    stored = ctx.query("SELECT milestones FROM proposals WHERE id=?", (pid,))
    assert stored[0][0].count("\n") == 20, stored
    extra = [("ms_deliverable", "第 21 階段"), ("ms_start", "2022-01-01"),
             ("ms_end", "2022-02-01")]
    r = c.post("/proposals/%d" % pid, sent + extra + [("action", "save")])
    ctx.assert_html(r, 422)
    assert "項目太多" in r.text and "Too many entries" in r.text, \
        ctx.excerpt(r.text)
    back = ctx.form_values(r.text, "/proposals/%d" % pid)["ms_deliverable"]
    assert "第 21 階段" in back and "第 1 階段成果" in back, back


def test_words_too_long_or_too_many_are_kept(ctx):
    # A pasted sentence over 100 characters, or 9 words: the page says
    # why, in both languages, with the words in the box to shorten.
    c = ctx.client()
    long_q = "政府應該公開所有預算資料並且讓民眾參與討論" * 5 + "。"
    many = " ".join("詞%d" % i for i in range(9))
    for path, q, banner in (("/search", long_q, "最多 100 字"),
                            ("/proposals", long_q, "最多 100 字"),
                            ("/search", many, "最多 8 個")):
        r = c.get(path + "?q=" + urllib.parse.quote(q))
        ctx.assert_html(r, 400)
        assert banner in r.text, "%s: no message: %s" % (path, ctx.excerpt(r.text))
        assert q in ctx.form_values(r.text, path).get("q", []), \
            "%s: the words are not kept in the box" % path
    assert 'maxlength="100"' in c.get("/search").text
