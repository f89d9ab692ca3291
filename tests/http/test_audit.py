"""Gaps an audit found in issues 4 and 8: long milestones in the exports,
milestones and answers in the history, unrouted proposals and agencies
without a forum on the dashboards, the command line's origin, and the
meeting status in the meeting history."""

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile


def _fields(ctx):
    """A complete proposal (lead agency 教育部) as (name, value) pairs."""
    return [("kind", "add"), ("title", "提案 " + ctx.unique("a")),
            ("lead_agency", "moe"), ("problem", "2019 年的統計。"),
            ("commitment", "2021 年底前完成。"), ("contribution", "貢獻。"),
            ("value", "participation"), ("relevance", "公共參與。"),
            ("submitter", "測試者"), ("email", "t@example.org")]


def _milestones(rows):
    out = []
    for d, s, e in rows:
        out += [("ms_deliverable", d), ("ms_start", s), ("ms_end", e)]
    return out


def _csv_rows(body):
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(body[3:].decode("utf-8"),
                                           newline="")))


def _section(page, marker, end):
    """The part of page from marker to the next end (or "" without it)."""
    if marker not in page:
        return ""
    return page.split(marker, 1)[1].split(end, 1)[0]


def test_csv_keeps_every_long_milestone(ctx):
    # Twelve milestones of 190 Chinese characters: about 7 KB in one cell.
    ms = [("第%02d階段" % (i + 1) + "交付成果說明" * 30 + "完成報告書",
           "2021-%02d-01" % (i + 1), "2021-%02d-28" % (i + 1))
          for i in range(12)]
    assert all(len(d) == 190 for d, _, _ in ms)
    pid, _ = ctx.create(ctx.client(), _fields(ctx) +
                        _milestones(ms), action="submit")
    want = "; ".join("%s (%s–%s)" % m for m in ms)
    org, _ = ctx.staff_client("organizer")
    for path, c in (("/admin/export.csv", org),
                    ("/proposals.csv", ctx.client())):
        r = c.get(path)
        assert r.status == 200, r
        row = {int(x["id"]): x for x in _csv_rows(r.body)}[pid]
        got = row["milestones"]
        assert got == want, "%s: the milestones cell has %d of %d characters; " \
            "it ends %r" % (path, len(got), len(want), got[-40:])
    for path, c in (("/admin/export.json", org),
                    ("/proposals.json", ctx.client())):
        doc = json.loads(c.get(path).body)
        p = {x["id"]: x for x in doc["proposals"]}[pid]
        assert p["milestones"] == [{"deliverable": d, "start": s, "end": e}
                                   for d, s, e in ms], path
    p = ctx.cli("export", "--db", ctx.db, "--format", "csv")
    assert p.returncode == 0, p.stderr
    row = {int(x["id"]): x for x in csv.DictReader(
        io.StringIO(p.stdout.lstrip("\ufeff"), newline=""))}[pid]
    assert row["milestones"] == want, "the command line's CSV cuts them"


def test_history_shows_milestone_changes(ctx):
    c = ctx.client()
    base = _fields(ctx)
    ms = [("盤點現有青年參與管道", "2021-01-01", "2021-03-31"),
          ("試辦青年參與平台", "2021-04-01", "2021-09-30"),
          ("公布試辦成果報告", "2021-10-01", "2021-12-31")]
    pid, tok = ctx.create(c, base + _milestones(ms), action="submit")
    # The second milestone changes its end, the third is dropped.
    ms2 = [ms[0], ("試辦青年參與平台", "2021-04-01", "2021-10-31")]
    r = ctx.update(c, pid, tok, base + _milestones(ms2), action="submit")
    assert r.status == 303, r
    r = ctx.assert_html(ctx.client().get("/proposals/%d/history" % pid), 200)
    assert ctx.active_content(r.text) == [], ctx.active_content(r.text)
    field = _section(r.text, "<dt>里程碑", "</dd>")
    assert field, "no milestones field in the history"
    assert "已修改" in field.split("</dt>")[0], "the milestones are not marked changed"
    dels = "".join(re.findall(r"<del>(.*?)</del>", field, re.S))
    inss = "".join(re.findall(r"<ins>(.*?)</ins>", field, re.S))
    assert "公布試辦成果報告" in dels, "the dropped milestone is not shown removed"
    assert "2021-09-30" in dels and "2021-10-31" in inss, \
        "the changed milestone is not shown: %r / %r" % (dels, inss)
    # Line by line: the first milestone, unchanged, is in neither.
    assert "盤點現有青年參與管道" not in dels + inss
    # Unchanged milestones are shown one per line, not marked changed.
    last = ctx.query("SELECT max(revision) FROM proposal_revisions "
                     "WHERE proposal_id=?", (pid,))[0][0]
    r = ctx.client().get("/proposals/%d/history?from=%d&to=%d"
                         % (pid, last, last))
    field = _section(r.text, "<dt>里程碑", "</dd>")
    assert "已修改" not in field and "盤點現有青年參與管道 (2021-01-01–2021-03-31)\n" \
        "試辦青年參與平台" in field, field


def test_history_diffs_consecutive_answers(ctx):
    org, _ = ctx.staff_client("organizer")
    pid, _ = ctx.submit_proposal("moj")
    answers = [("under_review", "", "研議中，將於下次會議討論。"),
               ("adopted", "12", "採納，將於下次會議討論並納入<b>計畫</b>。"),
               ("adopted", "12", "採納，將於下次會議討論並納入<b>計畫</b>。補充說明。")]
    for status, item, text in answers:
        r = org.post("/admin/proposals/%d/answer" % pid, [
            ("csrf", ctx.token(org)), ("status", status), ("item", item),
            ("response", text)])
        assert r.status == 303, r
    r = ctx.assert_html(ctx.client().get("/proposals/%d/history" % pid), 200)
    assert ctx.active_content(r.text) == [], ctx.active_content(r.text)
    box = _section(r.text, 'id="answer-changes"', "</section>")
    assert box, "no changes between answers on the history page"
    changes = box.split('class="answer-change"')[1:]
    assert len(changes) == 2, "%d changes for 3 answers" % len(changes)
    newest, older = changes
    # The older change: status, item and response all changed.
    assert re.search(r"<del>[^<]*研議中", older) and \
        re.search(r"<ins>[^<]*採納", older), "the status change is not shown"
    assert re.search(r"<ins>[^<]*5-1", older), "the item change is not shown"
    assert "<ins>並納入&lt;b&gt;計畫&lt;/b&gt;</ins>" in older, \
        "no word diff of the response: %s" % ctx.excerpt(older, 600)
    # The newest: only the response changed.
    assert "<ins>補充說明。</ins>" in newest, ctx.excerpt(newest, 600)
    assert newest.count("已修改") == 1, "only the response changed"


def test_unrouted_proposals_counted(ctx):
    org, _ = ctx.staff_client("organizer")

    def admin_row():
        page = ctx.assert_html(org.get("/admin"), 200).text
        row = _section(page, '<tr id="unrouted">', "</tr>")
        assert row, "no 未分派 row on /admin"
        assert "未分派" in row and "Unrouted" in row
        return [int(x) for x in re.findall(r"<td>(\d+)</td>", row)]

    def process_row():
        page = ctx.assert_html(ctx.client().get("/process"), 200).text
        row = _section(page, '<tr id="unrouted">', "</tr>")
        assert row, "no 未分派 row on /process"
        assert "未分派" in row and "Unrouted" in row
        flags = int(re.search(r"有 (\d+) 項未達標準", page).group(1)) \
            if "項未達標準" in page else 0
        return row, flags

    n, answered = admin_row()
    _, flags0 = process_row()
    pid, _ = ctx.submit_proposal("", lead_agency_other="立法院 " + ctx.unique())
    assert ctx.query("SELECT agency_id, lead_agency_id FROM proposals "
                     "WHERE id=?", (pid,)) == [(None, None)]
    assert admin_row() == [n + 1, answered], "the new proposal is not counted"
    row, flags = process_row()
    assert "%d / %d" % (answered, n + 1) in row, row
    assert "未全數回應" in row, "an unanswered unrouted proposal is not flagged"
    if n == answered:
        assert flags == flags0 + 1, "the flag is not counted: %d, %d before" \
            % (flags, flags0)
    # Routed, it counts for its agency and leaves the row.
    r = org.post("/admin/proposals/%d/route" % pid,
                 [("csrf", ctx.token(org)), ("agency", "moj")])
    assert r.status == 303, r
    assert admin_row() == [n, answered]
    row2, _ = process_row()
    assert "%d / %d" % (answered, n) in row2 or (n == 0 and "—" in row2), row2


def test_forum_flag_for_agencies_with_commitments(ctx):
    # An agency that leads an item or co-hosts a commitment, with no
    # meeting and no proposal: it owes a forum all the same.
    rows = ctx.query(
        "SELECT a.slug FROM agencies a WHERE (EXISTS (SELECT 1 FROM items i "
        "WHERE i.lead_agency_id = a.id) OR EXISTS (SELECT 1 FROM "
        "commitment_agencies ca WHERE ca.agency_id = a.id)) AND NOT EXISTS "
        "(SELECT 1 FROM meetings m WHERE m.agency_id = a.id) AND NOT EXISTS "
        "(SELECT 1 FROM proposals p WHERE coalesce(p.agency_id, "
        "p.lead_agency_id) = a.id AND p.status = 'submitted') ORDER BY a.id")
    assert rows, "every agency with commitments has meetings or proposals"
    page = ctx.assert_html(ctx.client().get("/process"), 200).text
    for (slug,) in rows:
        row = _section(page, 'href="/agencies/%s"' % slug, "</tr>")
        assert "尚未召開" in row and "未達" in row, \
            "%s has commitments and no forum, but is not flagged: %s" % (
                slug, ctx.excerpt(row))
    # An agency with nothing to do is not.
    aid = ctx.query("SELECT coalesce(max(id), 0) + 1 FROM agencies")[0][0]
    slug = "idle%d" % aid
    ctx.execute("INSERT INTO agencies (id, slug, name, full_name, name_en) "
                "VALUES (?, ?, '閒置機關', '閒置機關', 'Idle agency')",
                (aid, slug))
    try:
        page = ctx.client().get("/process").text
        row = _section(page, 'href="/agencies/%s"' % slug, "</tr>")
        assert row and "未達" not in row, row
    finally:
        ctx.execute("DELETE FROM agencies WHERE id=?", (aid,))


def test_cli_export_uses_the_site_origin(ctx):
    stored = ctx.query("SELECT value FROM settings WHERE key='origin'")
    assert stored == [(ctx.base,)], "make run stored %r, not %s" % (
        stored, ctx.base)
    ctx.submit_proposal("ndc")
    d = tempfile.mkdtemp(prefix="cocreate-origin-")
    try:
        # Without --origin, the command line writes the web's bytes.
        out = os.path.join(d, "export")
        for fmt, path in (("public-csv", "/proposals.csv"),
                          ("public-json", "/proposals.json")):
            web = ctx.client().get(path).body
            p = ctx.cli("export", "--db", ctx.db, "--format", fmt, "--out",
                        out)
            assert p.returncode == 0, p.stderr
            with open(out, "rb") as f:
                assert f.read() == web, \
                    "cocreate export --format %s differs from %s" % (fmt, path)
        # `init --origin` sets it; a bad one is refused; without one the
        # stored value stays.
        db = os.path.join(d, "o.db")
        assert ctx.cli("init", "--db", db).returncode == 0
        p = ctx.cli("export", "--db", db, "--format", "public-csv")
        assert p.returncode == 0, "without a stored origin: %s" % p.stderr
        for bad in ("ftp://x.tw", "https://", "https://a b", "https://x.tw/path",
                    "javascript:alert(1)"):
            p = ctx.cli("init", "--db", db, "--origin", bad)
            assert p.returncode == 2 and "--origin" in p.stderr, (bad, p)
        p = ctx.cli("init", "--db", db, "--origin", "https://ogp.example.tw/")
        assert p.returncode == 0, p.stderr
        assert ctx.cli("init", "--db", db).returncode == 0

        def origin():
            conn = sqlite3.connect(db)
            try:
                return conn.execute("SELECT value FROM settings WHERE "
                                    "key='origin'").fetchall()
            finally:
                conn.close()
        assert origin() == [("https://ogp.example.tw",)], origin()
        h = ctx.cli("export", "--help")
        assert "init --origin" in h.stdout, "--help does not say where the " \
            "default origin comes from"
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_meeting_history_status_bilingual(ctx):
    org, _ = ctx.staff_client("organizer")
    mid = ctx.new_meeting(org, "moea")
    r = ctx.post_meeting(org, [], meeting_id=mid, action="cancel")
    assert r.status == 303, r
    r = ctx.assert_html(ctx.client().get(
        "/meetings/%d/history?from=1&to=1" % mid), 200)
    field = _section(r.text, "<dt>狀態", "</dd>")
    assert "已排定 scheduled" in field, field
    r = ctx.assert_html(ctx.client().get(
        "/meetings/%d/history?from=1&to=2" % mid), 200)
    field = _section(r.text, "<dt>狀態", "</dd>")
    assert "取消" in field and "cancelled" in field and "排定" in field, field


def test_public_history_shows_no_draft_between_submissions(ctx):
    # Submitted, withdrawn, saved as a draft (never public), submitted
    # again: the public history lists and compares the submitted versions
    # only; asking for the draft's number by ?from=/?to= does not show it.
    c = ctx.client()
    base = _fields(ctx)
    pid, tok = ctx.create(c, base, action="submit")
    assert ctx.update(c, pid, tok, [], action="withdraw").status == 303
    secret = "只存草稿不公開的文字 " + ctx.unique("s")
    r = ctx.update(c, pid, tok, [(k, secret if k == "problem" else v)
                                 for k, v in base], action="save")
    assert r.status == 303, r
    assert ctx.query("SELECT status FROM proposals WHERE id=?",
                     (pid,)) == [("draft",)]
    final = [(k, "重新送出的問題。" if k == "problem" else v) for k, v in base]
    assert ctx.update(c, pid, tok, final, action="submit").status == 303
    draft_rev = ctx.query("SELECT revision FROM proposal_revisions WHERE "
                          "proposal_id=? AND status='draft'", (pid,))
    assert draft_rev, "no draft revision stored"
    n = draft_rev[0][0]
    for q in ("", "?from=%d" % n, "?to=%d" % n, "?from=%d&to=%d" % (n, n)):
        r = ctx.assert_html(ctx.client().get("/proposals/%d/history%s" %
                                             (pid, q)), 200)
        assert secret not in r.text, "the draft is public with %r" % q
    # Its author, with the token, sees every version.
    r = ctx.assert_html(c.get("/proposals/%d/history?token=%s&to=%d" %
                              (pid, tok, n)), 200)
    assert secret in r.text, "the author does not see the draft"
