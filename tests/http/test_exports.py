"""Issue 4: organizer exports (CSV, JSON, ODT), the public open data, the
reasoned-response register, the command line and the dashboard."""

import csv
import re
import io
import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile

# Text that a naive CSV writer or a spreadsheet would mangle.
NASTY = {
    "title": "=HYPERLINK(\"http://x\",\"點我\") 開放國會資料",
    "problem": "第一行，有逗號, \"引號\"\n第二行\r\n第三行：＋全形",
    "commitment": "+1 公開所有委員會紀錄",
    "contribution": "-2 減少資訊落差",
    "relevance": "@透明：公開資料；公共參與：開放討論",
    "submitter": "台灣\"開放\"協會, g0v",
    "phone": "02-2345-6789",
    "email": "nasty@example.org",
}

FORMULA = ("=", "+", "-", "@")


def _submit_nasty(ctx):
    fields = dict(NASTY)
    fields.update({"kind": "modify", "target_item": "3", "lead_agency": "cec",
                   "value": "transparency"})
    items = list(fields.items()) + [("value", "accountability")]
    pid, _ = ctx.create(ctx.client(), items, action="submit")
    return pid


def _csv_rows(body):
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    text = body[3:].decode("utf-8")
    # Records end in CRLF (line breaks inside quoted fields are the text's).
    assert text.endswith("\r\n"), "the last record does not end in CRLF"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return rows


def _expect_csv(value):
    return "'" + value if value[:1] in FORMULA else value


def test_csv_round_trip(ctx):
    pid = _submit_nasty(ctx)
    org, _ = ctx.staff_client("organizer")
    r = org.get("/admin/export.csv")
    assert r.status == 200, r
    assert r.header("Content-Type").startswith("text/csv"), r.header("Content-Type")
    assert "attachment" in r.header("Content-Disposition")
    head = r.body[3:].split(b"\r\n", 1)[0].decode()
    for col in ("id", "status", "kind", "target_item", "title", "lead_agency",
                "lead_agency_name", "lead_agency_other", "problem",
                "commitment", "contribution", "value", "relevance",
                "submitter", "phone", "email", "created_at", "submitted_at",
                "updated_at", "revisions", "comments", "answer_status",
                "answer_text", "url"):
        assert col in head.split(","), "no column %s in %s" % (col, head)
    rows = {int(x["id"]): x for x in _csv_rows(r.body)}
    row = rows[pid]
    for k, v in NASTY.items():
        want = _expect_csv(v.replace("\r\n", "\n"))
        assert row[k] == want, "%s: %r != %r" % (k, row[k], want)
    assert row["status"] == "submitted" and row["kind"] == "modify"
    assert row["target_item"] == "3" and row["target_item_no"] == "2-1"
    assert row["lead_agency"] == "cec" and row["lead_agency_name"] == "中選會"
    assert row["value"] == "transparency;accountability"
    assert row["submitted_at"].endswith("+08:00"), row["submitted_at"]
    assert row["url"].endswith("/proposals/%d" % pid)
    assert int(row["revisions"]) >= 1
    # No field a spreadsheet would run as a formula.
    for x in rows.values():
        for k, v in x.items():
            assert v[:1] not in FORMULA, "formula in %s: %r" % (k, v)


def test_csv_drafts_and_withdrawn(ctx):
    c = ctx.client()
    draft, _ = ctx.create(c, [("title", "草稿匯出測試 " + ctx.unique())])
    wd, tok = ctx.create(c, list({
        "title": "撤回匯出測試", "lead_agency": "moi", "problem": "p",
        "commitment": "c", "contribution": "x", "value": "participation",
        "relevance": "r", "submitter": "s", "email": "w@example.org"}.items()),
        action="submit")
    r = ctx.update(c, wd, tok, [], action="withdraw")
    assert r.status == 303, r
    org, _ = ctx.staff_client("organizer")
    ids = {int(x["id"]): x["status"] for x in _csv_rows(org.get("/admin/export.csv").body)}
    assert draft not in ids, "a draft without ?drafts=1"
    assert ids.get(wd) == "withdrawn", ids.get(wd)
    ids = {int(x["id"]) for x in _csv_rows(org.get("/admin/export.csv?drafts=1").body)}
    assert draft in ids, "no draft with ?drafts=1"


def test_json_export(ctx):
    pid = _submit_nasty(ctx)
    org, _ = ctx.staff_client("organizer")
    r = org.get("/admin/export.json")
    assert r.status == 200 and r.header("Content-Type").startswith("application/json")
    doc = json.loads(r.body.decode("utf-8"))
    p = {x["id"]: x for x in doc["proposals"]}[pid]
    for k, v in NASTY.items():
        assert p[k] == v.replace("\r\n", "\n"), k
    assert p["value"] == ["transparency", "accountability"]
    assert p["target_item"] == 3 and isinstance(p["revisions"], int)


def test_public_open_data(ctx):
    pid = _submit_nasty(ctx)
    c = ctx.client()
    draft, _ = ctx.create(c, [("title", "私密草稿 " + ctx.unique()),
                              ("email", "secret-draft@example.org")])
    r = c.get("/proposals.csv")
    assert r.status == 200, r
    rows = _csv_rows(r.body)
    assert "phone" not in rows[0] and "email" not in rows[0], list(rows[0])
    ids = {int(x["id"]) for x in rows}
    assert pid in ids and draft not in ids
    assert all(x["status"] == "submitted" for x in rows)
    for body in (r.body, c.get("/proposals.json").body):
        text = body.decode("utf-8")
        assert "02-2345-6789" not in text and "@example.org" not in text, \
            "private contact in the public data"
    doc = json.loads(c.get("/proposals.json").body)
    assert pid in {x["id"] for x in doc["proposals"]}
    assert "email" not in doc["proposals"][0]


def test_staff_exports_refused(ctx):
    paths = ["/admin/export.csv", "/admin/export.json", "/admin/export.odt",
             "/admin/export-responses.csv", "/admin/export.csv?drafts=1"]
    anon = ctx.client()
    for p in paths:
        r = anon.get(p)
        assert r.status == 303 and "/login" in r.location(), "%s: %r" % (p, r)
        assert b"@example.org" not in r.body
    agency, _ = ctx.staff_client("agency", "moe")
    for p in paths:
        r = agency.get(p)
        assert r.status == 403, "%s as agency: %r" % (p, r)
        assert b"@example.org" not in r.body


def _pdf_text(odt_bytes):
    d = tempfile.mkdtemp(prefix="cc-odt-")
    try:
        path = os.path.join(d, "x.odt")
        with open(path, "wb") as f:
            f.write(odt_bytes)
        env = dict(os.environ, HOME=d)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://%s/lo" % d,
                        "--convert-to", "pdf", "--outdir", d, path],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=180, env=env)
        out = subprocess.run(["pdftotext", "-raw", os.path.join(d, "x.pdf"), "-"],
                             check=True, stdout=subprocess.PIPE, timeout=60)
        return out.stdout.decode("utf-8")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _check_odt_structure(body):
    z = zipfile.ZipFile(io.BytesIO(body))
    infos = z.infolist()
    assert infos[0].filename == "mimetype", [i.filename for i in infos]
    assert infos[0].compress_type == zipfile.ZIP_STORED, "mimetype compressed"
    assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    # The mimetype's bytes sit right after its local header, at offset 38.
    assert body[30:38] == b"mimetype" and body[38:77] == b"application/vnd.oasis.opendocument.text"
    for name in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
        ET.fromstring(z.read(name))
    styles = z.read("styles.xml").decode()
    assert "DFKai-SB" in styles and 'fo:font-size="12pt"' in styles
    assert 'fo:line-height="20pt"' in styles
    assert 'fo:page-width="21cm"' in styles and 'fo:page-height="29.7cm"' in styles
    assert "民國" in styles and "text:page-number" in styles
    return z


def test_odt_export(ctx):
    pid = _submit_nasty(ctx)
    org, _ = ctx.staff_client("organizer")
    r = org.get("/admin/export.odt")
    assert r.status == 200 and r.header("Content-Type") == \
        "application/vnd.oasis.opendocument.text", r
    z = _check_odt_structure(r.body)
    content = z.read("content.xml").decode()
    assert "提案編號 #%d" % pid in content
    one = org.get("/admin/proposals/%d.odt" % pid)
    assert one.status == 200, one
    _check_odt_structure(one.body)
    text = _pdf_text(one.body)
    flat = "".join(text.split())
    for label in ("名稱", "建議主政機關", "承諾事項將涉及的公共問題", "承諾事項之描述",
                  "填表人/機關/團體", "聯絡方式"):
        assert "".join(label.split()) in flat, "label %s not in the PDF" % label
    for k, v in NASTY.items():
        for line in v.replace("\r\n", "\n").split("\n"):
            assert "".join(line.split()) in flat, "%s (%r) not in the PDF" % (k, line)
    assert "民國" in text and "第1頁" in flat


def test_odt_refused(ctx):
    pid, _ = ctx.submit_proposal("moj")
    assert ctx.client().get("/admin/proposals/%d.odt" % pid).status == 303
    other, _ = ctx.staff_client("agency", "moe")
    assert other.get("/admin/proposals/%d.odt" % pid).status == 403
    mine, _ = ctx.staff_client("agency", "moj")
    assert mine.get("/admin/proposals/%d.odt" % pid).status == 200


def test_responses_register(ctx):
    pid, title = ctx.submit_proposal("hac")
    org, _ = ctx.staff_client("organizer")
    page = org.get("/admin/proposals/%d" % pid)
    r = org.post("/admin/proposals/%d/answer" % pid, [
        ("csrf", ctx.csrf(page.text)), ("status", "merged"), ("item", "9"),
        ("response", "併入客家議題公共參與，理由：**目標一致**。")])
    assert r.status == 303, r
    reg = ctx.client().get("/responses")
    ctx.assert_html(reg, 200)
    assert title in reg.text and "併入承諾事項" in reg.text and "4-9" not in reg.text
    assert "3-4 推動客家議題公共參與" in reg.text, "item fed into missing"
    assert "<strong>目標一致</strong>" in reg.text
    # 100 a page, newest first; every page says which it is, a bad page
    # number is refused.
    n = ctx.query("SELECT count(*) FROM proposals WHERE status = "
                  "'submitted'")[0][0]
    pages = (n + 99) // 100
    assert "第 1 / %d 頁" % pages in reg.text, "no page count"
    assert len(re.findall(r"<tr><td>\d+</td>", reg.text)) == min(n, 100)
    last = ctx.assert_html(ctx.client().get("/responses?page=%d" % pages),
                           200)
    assert 'rel="prev"' in last.text or pages == 1
    for bad in ("0", "-1", "x", "100001"):
        r = ctx.client().get("/responses?page=" + bad)
        assert r.status == 400, "page=%s: %d" % (bad, r.status)
    csvr = org.get("/admin/export-responses.csv")
    rows = {int(x["id"]): x for x in _csv_rows(csvr.body)}
    row = rows[pid]
    assert row["answer_status"] == "merged" and row["answer_item_no"] == "3-4"
    assert row["addressed_agency"] == "hac" and "目標一致" in row["answer_text"]


def test_cli_same_bytes(ctx):
    _submit_nasty(ctx)
    org, _ = ctx.staff_client("organizer")
    pairs = [("csv", "/admin/export.csv"), ("json", "/admin/export.json"),
             ("public-csv", "/proposals.csv"), ("public-json", "/proposals.json"),
             ("responses", "/admin/export-responses.csv"),
             ("odt", "/admin/export.odt")]
    d = tempfile.mkdtemp(prefix="cc-export-")
    try:
        for fmt, path in pairs:
            web = org.get(path).body
            out = os.path.join(d, fmt)
            p = ctx.cli("export", "--db", ctx.db, "--format", fmt, "--out", out,
                        "--origin", ctx.base.rstrip("/"))
            assert p.returncode == 0, p.stderr
            with open(out, "rb") as f:
                cli = f.read()
            assert cli == web, "%s: the command line's %d bytes differ from " \
                "the web's %d" % (fmt, len(cli), len(web))
        p = ctx.cli("export", "--db", ctx.db, "--format", "nope")
        assert p.returncode == 2 and "csv" in p.stderr
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_dashboard(ctx):
    _submit_nasty(ctx)
    org, _ = ctx.staff_client("organizer")
    r = org.get("/admin")
    ctx.assert_html(r, 200)
    n = ctx.query("SELECT count(*) FROM proposals WHERE status='submitted'")[0][0]
    assert '<p class="n">%d</p>' % n in r.text, "submitted count %d not shown" % n
    assert "<svg" in r.text and "<rect" in r.text, "no chart"
    assert "/admin/export.csv" in r.text and "/admin/export.odt" in r.text
    assert "中選會" in r.text
    agency, _ = ctx.staff_client("agency", "moe")
    r = agency.get("/admin")
    ctx.assert_html(r, 200)
    assert "/admin/export.csv" not in r.text


def test_noncharacters_stay_out_of_the_xml(ctx):
    # U+FFFE and U+FFFF are well-formed UTF-8 that XML 1.0 forbids: one in
    # a citizen's title made the Atom feed and the ODT exports ill-formed
    # for everyone.  Input drops them; what a database from before holds is
    # left out by the feed and the ODT writer.
    u = ctx.unique("nc")
    pid, _ = ctx.submit_proposal("ndc", title="標題\ufffe\uffff" + u)
    assert ctx.query("SELECT title FROM proposals WHERE id=?", (pid,)) == \
        [("標題" + u,)], "the noncharacters were stored"
    old, _ = ctx.submit_proposal("ndc", title="舊資料 " + u)
    ctx.execute("UPDATE proposals SET title=?, problem=? WHERE id=?",
                ("舊\uffff資料 " + u, "問題\ufffe", old))
    feed = ctx.client().get("/feed.atom")
    try:
        ET.fromstring(feed.body)
    except ET.ParseError as e:
        raise AssertionError("/feed.atom is ill-formed: %s" % e)
    assert "舊資料 " + u in feed.text
    org, _ = ctx.staff_client("organizer")
    for path in ("/admin/export.odt", "/admin/proposals/%d.odt" % old):
        r = org.get(path)
        assert r.status == 200, "%s: %d" % (path, r.status)
        content = zipfile.ZipFile(io.BytesIO(r.body)).read("content.xml")
        try:
            ET.fromstring(content)
        except ET.ParseError as e:
            raise AssertionError("%s: content.xml is ill-formed: %s" % (path, e))
        assert ("舊資料 " + u).encode() in content, path


def test_dashboard_chart_after_the_deadline_moved_earlier(ctx):
    # Submissions after a deadline moved before them: the chart runs to
    # the last one, where it ended at the deadline and drew none of them
    # ("3 in all, at most 0 a day").
    ctx.submit_proposal("ndc")
    org, _ = ctx.staff_client("organizer")
    with ctx.deadline("2020-03-06T15:59:59Z"):
        r = ctx.assert_html(org.get("/admin"), 200)
        m = re.search(r"共 (\d+) 件，單日最多 (\d+) 件", r.text)
        assert m and int(m.group(1)) > 0 and int(m.group(2)) > 0, \
            "the chart: %s" % (m.group(0) if m else "none")
